package io.vehicle.simulator.plant;

import java.util.List;

/** The catalog paths the plant models read and write (the catalog itself is docs/catalog.md). */
public final class VssPaths {

    private VssPaths() {
    }

    public static final String HVAC = "Vehicle.Cabin.HVAC.";
    public static final String DRIVER_SETPOINT = HVAC + "Station.Row1.Driver.Temperature";
    public static final String DRIVER_FAN = HVAC + "Station.Row1.Driver.FanSpeed";
    public static final String AIR_CONDITIONING = HVAC + "IsAirConditioningActive";
    public static final String RECIRCULATION = HVAC + "IsRecirculationActive";
    public static final String FRONT_DEFROSTER = HVAC + "IsFrontDefrosterActive";
    public static final String REAR_DEFROSTER = HVAC + "IsRearDefrosterActive";
    public static final String AUTO_MODE = HVAC + "IsAutoModeActive";
    public static final String CABIN_TEMPERATURE = HVAC + "AmbientAirTemperature";

    public static final List<String> SEATS = List.of("Row1.DriverSide", "Row1.PassengerSide", "Row2.DriverSide",
            "Row2.PassengerSide");

    public static String seatHeating(String seat) {
        return "Vehicle.Cabin.Seat." + seat + ".Heating";
    }

    public static String seatVentilation(String seat) {
        return "Vehicle.Cabin.Seat." + seat + ".Ventilation";
    }

    public static String seatTemperature(String seat) {
        return "Vehicle.Cabin.Seat." + seat + ".SurfaceTemperature";
    }

    public static final String SEAT_POSITION = "Vehicle.Cabin.Seat.Row1.DriverSide.Position";
    public static final String SEAT_HEIGHT = "Vehicle.Cabin.Seat.Row1.DriverSide.Height";
    public static final String SEAT_RECLINE = "Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline";

    public static final List<String> DOORS = List.of("Row1.DriverSide", "Row1.PassengerSide", "Row2.DriverSide",
            "Row2.PassengerSide");

    public static String window(String door) {
        return "Vehicle.Cabin.Door." + door + ".Window.Position";
    }

    public static String doorLocked(String door) {
        return "Vehicle.Cabin.Door." + door + ".IsLocked";
    }

    public static String doorOpen(String door) {
        return "Vehicle.Cabin.Door." + door + ".IsOpen";
    }

    public static final String SUNROOF = "Vehicle.Cabin.Sunroof.Position";
    public static final String SUNROOF_SHADE = "Vehicle.Cabin.Sunroof.Shade.Position";
    public static final String TRUNK_LOCKED = "Vehicle.Body.Trunk.Rear.IsLocked";
    public static final String TRUNK_OPEN = "Vehicle.Body.Trunk.Rear.IsOpen";

    public static final String SPEED = "Vehicle.Speed";
    public static final String GEAR = "Vehicle.Powertrain.Transmission.SelectedGear";
    public static final String POWER_STATE = "Vehicle.LowVoltageSystemState";
    public static final String PARKING_BRAKE = "Vehicle.Chassis.ParkingBrake.IsEngaged";
    public static final String STATE_OF_CHARGE = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed";
    public static final String RANGE = "Vehicle.Powertrain.Range";
    public static final String CHARGING = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging";
    public static final String OUTSIDE_TEMPERATURE = "Vehicle.Exterior.AirTemperature";
    public static final String ODOMETER = "Vehicle.TraveledDistance";
    public static final String LATITUDE = "Vehicle.CurrentLocation.Latitude";
    public static final String LONGITUDE = "Vehicle.CurrentLocation.Longitude";

    public static final String WIPING_MODE = "Vehicle.Body.Windshield.Front.Wiping.Mode";
    public static final String WINDSHIELD_HEATING = "Vehicle.Body.Windshield.Front.IsHeatingOn";
    public static final String WASHER_FLUID = "Vehicle.Body.Windshield.Front.WasherFluid.Level";
    public static final String FOG_LEVEL = "Vehicle.Body.Windshield.Front.FogLevel";

    public static final String TRACK = "Vehicle.Cabin.Infotainment.Media.Played.Track";
    public static final String ARTIST = "Vehicle.Cabin.Infotainment.Media.Played.Artist";
    public static final String ALBUM = "Vehicle.Cabin.Infotainment.Media.Played.Album";
    public static final String MEDIA_SOURCE = "Vehicle.Cabin.Infotainment.Media.Played.Source";
}
