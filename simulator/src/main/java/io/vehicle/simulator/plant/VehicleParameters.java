package io.vehicle.simulator.plant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The constants of the plant and the limits the virtual ECUs enforce, with the defaults a one-machine
 * run uses. Any of them can be set in the simulator's YAML file under {@code vehicle.parameters}.
 *
 * @param windowsSpeedLimitKmh      above this speed windows and sunroof open no further than {@code windowsLimitOpening}
 * @param windowsLimitOpening       percent
 * @param windowRatePercentPerS     window travel speed (4 s from closed to open)
 * @param sunroofRatePercentPerS    sunroof and shade travel speed
 * @param trunkMaxSpeedKmh          the trunk does not open above this speed
 * @param unlockMaxSpeedKmh         doors do not unlock above this speed
 * @param autoLockSpeedKmh          doors lock by themselves when the speed passes this (0: never)
 * @param mirrorFoldMaxSpeedKmh     mirrors do not fold above this speed
 * @param acMinOutsideCelsius       the A/C compressor does not run below this outside temperature
 * @param seatMoveRateMmPerS        driver seat fore/aft travel speed (height at a third, recline 4 degrees/s)
 * @param batteryCapacityKwh        traction battery
 * @param vehicleMassKg             for the traction power
 * @param chargePowerKw             while a drive segment says charging
 * @param lowChargePercent          LowCharge is sent when the charge falls below this
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record VehicleParameters(double windowsSpeedLimitKmh, double windowsLimitOpening, double windowRatePercentPerS,
                                double sunroofRatePercentPerS, double trunkMaxSpeedKmh, double unlockMaxSpeedKmh,
                                double autoLockSpeedKmh, double mirrorFoldMaxSpeedKmh, double acMinOutsideCelsius,
                                double seatMoveRateMmPerS, double batteryCapacityKwh, double vehicleMassKg,
                                double chargePowerKw, double lowChargePercent) {

    public static VehicleParameters defaults() {
        return new VehicleParameters(100, 20, 25, 15, 5, 15, 15, 50, 2, 25, 75, 1900, 50, 10);
    }
}
