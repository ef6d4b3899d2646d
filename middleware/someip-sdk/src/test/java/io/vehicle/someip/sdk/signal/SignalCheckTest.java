package io.vehicle.someip.sdk.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sdk.signal.SignalViolation.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Range, type, allowed-value and access checks from the IDL, one class of bad value each. */
class SignalCheckTest {

    static final SignalRegistry REGISTRY = SignalRegistry.catalog();
    static final SignalDefinition SETPOINT = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature");
    static final SignalDefinition FAN = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed");
    static final SignalDefinition AIR = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution");
    static final SignalDefinition AC = REGISTRY.require("Vehicle.Cabin.HVAC.IsAirConditioningActive");
    static final SignalDefinition SPEED = REGISTRY.require("Vehicle.Speed");
    static final SignalDefinition COLOR = REGISTRY.require("Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color");

    static Optional<Kind> kind(SignalDefinition signal, Object value) {
        return SignalCheck.write(signal, value).map(SignalViolation::kind);
    }

    @Test
    @DisplayName("values inside the range, at its bounds, pass")
    void inRange() {
        assertThat(SignalCheck.write(SETPOINT, 16)).isEmpty();
        assertThat(SignalCheck.write(SETPOINT, 28.0)).isEmpty();
        assertThat(SignalCheck.write(SETPOINT, 22.5f)).isEmpty();
        assertThat(SignalCheck.write(FAN, 100L)).isEmpty();
        assertThat(SignalCheck.write(AIR, "UP")).isEmpty();
        assertThat(SignalCheck.write(AC, false)).isEmpty();
        assertThat(SignalCheck.write(COLOR, List.of(255L, 0L, 128L))).isEmpty();
    }

    @Test
    @DisplayName("outside the range: the reason names the value and the range with its unit")
    void outOfRange() {
        Optional<SignalViolation> hot = SignalCheck.write(SETPOINT, 35);
        assertThat(hot).map(SignalViolation::kind).contains(Kind.OUT_OF_RANGE);
        assertThat(hot.orElseThrow().toString())
                .isEqualTo("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature: 35 is outside 16..28 celsius");
        assertThat(kind(SETPOINT, 15.99)).contains(Kind.OUT_OF_RANGE);
        assertThat(kind(FAN, 150)).contains(Kind.OUT_OF_RANGE);
        assertThat(kind(FAN, -1)).contains(Kind.OUT_OF_RANGE);
        assertThat(kind(COLOR, List.of(256L, 0L, 0L))).contains(Kind.OUT_OF_RANGE);
    }

    @Test
    @DisplayName("wrong types: text for numbers, fractions for integers, NaN, a wrong array length")
    void wrongType() {
        assertThat(kind(SETPOINT, "22")).contains(Kind.WRONG_TYPE);
        assertThat(kind(SETPOINT, Double.NaN)).contains(Kind.WRONG_TYPE);
        assertThat(kind(SETPOINT, Double.POSITIVE_INFINITY)).contains(Kind.WRONG_TYPE);
        assertThat(kind(FAN, 50.5)).contains(Kind.WRONG_TYPE);
        assertThat(kind(AC, "true")).contains(Kind.WRONG_TYPE);
        assertThat(kind(AC, 1)).contains(Kind.WRONG_TYPE);
        assertThat(kind(AIR, 2)).contains(Kind.WRONG_TYPE);
        assertThat(kind(COLOR, List.of(1L, 2L))).contains(Kind.WRONG_TYPE);
        assertThat(kind(COLOR, 7L)).contains(Kind.WRONG_TYPE);
        assertThat(kind(SETPOINT, null)).contains(Kind.WRONG_TYPE);
    }

    @Test
    @DisplayName("values outside the allowed list, including the enum's unspecified zero value")
    void notAllowed() {
        assertThat(kind(AIR, "SIDEWAYS")).contains(Kind.NOT_ALLOWED);
        assertThat(kind(AIR, "UNSPECIFIED")).contains(Kind.NOT_ALLOWED);
    }

    @Test
    @DisplayName("read-only signals are refused for writers, whatever the value")
    void readOnly() {
        assertThat(kind(SPEED, 10.0)).contains(Kind.READ_ONLY);
        assertThat(SignalCheck.value(SPEED, 10.0)).isEmpty();
        assertThat(SignalCheck.value(SPEED, 400.0)).map(SignalViolation::kind).contains(Kind.OUT_OF_RANGE);
    }

    @Test
    @DisplayName("a whole field value: every signal in it checked, an unset enum passes, each violation named")
    void wholeMessage() {
        io.vehicle.idl.hvac.v1.ClimateSettings fine = io.vehicle.idl.hvac.v1.ClimateSettings.newBuilder()
                .setSetpoints(io.vehicle.idl.hvac.v1.ZoneSetpoints.newBuilder().setRow1Driver(21).setRow1Passenger(21)
                        .setRow2Driver(21).setRow2Passenger(21)).setRow1DriverFanSpeed(30).build();
        assertThat(SignalCheck.message(REGISTRY, fine)).isEmpty();
        io.vehicle.idl.hvac.v1.ClimateSettings bad = fine.toBuilder().setRow1DriverFanSpeed(150)
                .setSetpoints(fine.getSetpoints().toBuilder().setRow2Passenger(35)).build();
        assertThat(SignalCheck.message(REGISTRY, bad)).extracting(SignalViolation::path).containsExactly(
                "Vehicle.Cabin.HVAC.Station.Row2.Passenger.Temperature", "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed");
    }
}
