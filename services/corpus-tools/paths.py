"""Short names for catalog paths, used by the corpus writers in this folder (not shipped)."""
P = {
    "T_D": "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
    "T_P": "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
    "T_RL": "Vehicle.Cabin.HVAC.Station.Row2.Driver.Temperature",
    "T_RR": "Vehicle.Cabin.HVAC.Station.Row2.Passenger.Temperature",
    "FAN_D": "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed",
    "FAN_P": "Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed",
    "AIRDIST": "Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution",
    "AC": "Vehicle.Cabin.HVAC.IsAirConditioningActive",
    "RECIRC": "Vehicle.Cabin.HVAC.IsRecirculationActive",
    "DEF_F": "Vehicle.Cabin.HVAC.IsFrontDefrosterActive",
    "DEF_R": "Vehicle.Cabin.HVAC.IsRearDefrosterActive",
    "AUTO": "Vehicle.Cabin.HVAC.IsAutoModeActive",
    "CABIN": "Vehicle.Cabin.HVAC.AmbientAirTemperature",
    "SH_D": "Vehicle.Cabin.Seat.Row1.DriverSide.Heating",
    "SH_P": "Vehicle.Cabin.Seat.Row1.PassengerSide.Heating",
    "SH_RL": "Vehicle.Cabin.Seat.Row2.DriverSide.Heating",
    "SH_RR": "Vehicle.Cabin.Seat.Row2.PassengerSide.Heating",
    "SV_D": "Vehicle.Cabin.Seat.Row1.DriverSide.Ventilation",
    "SV_P": "Vehicle.Cabin.Seat.Row1.PassengerSide.Ventilation",
    "SEATPOS": "Vehicle.Cabin.Seat.Row1.DriverSide.Position",
    "SEATH": "Vehicle.Cabin.Seat.Row1.DriverSide.Height",
    "RECLINE": "Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline",
    "W_D": "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position",
    "W_P": "Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position",
    "W_RL": "Vehicle.Cabin.Door.Row2.DriverSide.Window.Position",
    "W_RR": "Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position",
    "SUN": "Vehicle.Cabin.Sunroof.Position",
    "SHADE": "Vehicle.Cabin.Sunroof.Shade.Position",
    "CL_RL": "Vehicle.Cabin.Door.Row2.DriverSide.IsChildLockActive",
    "CL_RR": "Vehicle.Cabin.Door.Row2.PassengerSide.IsChildLockActive",
    "LK_D": "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked",
    "LK_P": "Vehicle.Cabin.Door.Row1.PassengerSide.IsLocked",
    "LK_RL": "Vehicle.Cabin.Door.Row2.DriverSide.IsLocked",
    "LK_RR": "Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked",
    "TRUNK_LOCK": "Vehicle.Body.Trunk.Rear.IsLocked",
    "TRUNK": "Vehicle.Body.Trunk.Rear.IsOpen",
    "AMB": "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Intensity",
    "READ_D": "Vehicle.Cabin.Light.Spotlight.Row1.DriverSide.IsLightOn",
    "READ_P": "Vehicle.Cabin.Light.Spotlight.Row1.PassengerSide.IsLightOn",
    "READ_RL": "Vehicle.Cabin.Light.Spotlight.Row2.DriverSide.IsLightOn",
    "READ_RR": "Vehicle.Cabin.Light.Spotlight.Row2.PassengerSide.IsLightOn",
    "DOME": "Vehicle.Cabin.Light.IsDomeOn",
    "MF_D": "Vehicle.Body.Mirrors.DriverSide.IsFolded",
    "MF_P": "Vehicle.Body.Mirrors.PassengerSide.IsFolded",
    "MH_D": "Vehicle.Body.Mirrors.DriverSide.IsHeatingOn",
    "MH_P": "Vehicle.Body.Mirrors.PassengerSide.IsHeatingOn",
    "VOL": "Vehicle.Cabin.Infotainment.Media.Volume",
    "MUTE": "Vehicle.Cabin.Infotainment.Media.IsMuted",
    "NAV_VOL": "Vehicle.Cabin.Infotainment.Navigation.Volume",
    "SRC": "Vehicle.Cabin.Infotainment.Media.Played.Source",
    "BRIGHT": "Vehicle.Cabin.Infotainment.HMI.Brightness",
    "THEME": "Vehicle.Cabin.Infotainment.HMI.DayNightMode",
    "WIPER": "Vehicle.Body.Windshield.Front.Wiping.Mode",
    "WS_HEAT": "Vehicle.Body.Windshield.Front.IsHeatingOn",
    "SPEED": "Vehicle.Speed",
}

import json


def expand(d):
    return {P.get(k, k): v for k, v in (d or {}).items()}


def line(case_id, say, state=None, expect=None, outcome=None, session=None, confirm=None, clarify=False):
    """One corpus line. expect: dict short-path -> value (ordered), or None for not understood."""
    state = dict(state or {})
    state.setdefault("SPEED", 0)
    record = {"id": case_id, "say": say, "state": expand(state)}
    if session:
        record["session"] = session
    if confirm is not None:
        record["confirm"] = confirm
    if expect is None:
        exp = {"outcome": outcome or "not_understood", "actions": []}
        if clarify:
            exp["clarify"] = True
    else:
        exp = {"outcome": outcome or "done",
               "actions": [{"path": P.get(k, k), "value": v} for k, v in expect.items()]}
    record["expect"] = exp
    return json.dumps(record, ensure_ascii=False)
