package io.vehicle.someip.sdk.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "Vehicle.Cabin.HVAC, Vehicle.Cabin.HVAC, true",
            "Vehicle.Cabin.HVAC, Vehicle.Cabin.HVAC.IsAirConditioningActive, true",
            "Vehicle.Cabin.HVAC, Vehicle.Cabin.HVACX, false",
            "Vehicle.Cabin.HVAC, Vehicle.Cabin, false",
            "Vehicle.Cabin.Seat.Row2, Vehicle.Cabin.Seat.Row2.DriverSide.Heating, true",
            "Vehicle.Cabin.Seat.Row9, Vehicle.Cabin.Seat.Row9.DriverSide.Heating, true",
            "Vehicle.Cabin.Seat.Row1, Vehicle.Cabin.Seat.Row2.DriverSide.Heating, false",
            "Vehicle.*.Seat, Vehicle.Cabin.Seat, true",
            "Vehicle.*.Seat, Vehicle.Cabin.Seat.Row1, false",
            "Vehicle.Cabin.*.*.Heating, Vehicle.Cabin.Seat.Row1.DriverSide.Heating, false",
            "Vehicle.Cabin.*.*.*.Heating, Vehicle.Cabin.Seat.Row1.DriverSide.Heating, true",
            "Vehicle.**.Heating, Vehicle.Cabin.Seat.Row1.DriverSide.Heating, true",
            "Vehicle.**, Vehicle, true",
            "**, Vehicle.Speed, true",
            "Vehicle.**.Speed, Vehicle.Speed, true",
            "Vehicle.**.Speed, Vehicle.SpeedX, false",
    })
    void matches(String pattern, String path, boolean expected) {
        assertThat(SignalPattern.parse(pattern).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Vehicle..Speed", ".Vehicle", "Vehicle.", "Vehicle.Sp*", "Vehicle.***"})
    @DisplayName("malformed patterns are refused with the reason")
    void malformed(String pattern) {
        assertThatThrownBy(() -> SignalPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pattern");
    }

    @Test
    void wildcardsAreReported() {
        assertThat(SignalPattern.parse("Vehicle.Speed").hasWildcard()).isFalse();
        assertThat(SignalPattern.parse("Vehicle.*").hasWildcard()).isTrue();
    }
}
