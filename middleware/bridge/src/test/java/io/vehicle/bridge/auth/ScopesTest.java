package io.vehicle.bridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.bridge.auth.Scopes.Action;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** KUKSA's scope syntax, parsed for every path: actions, branches, wildcards, and segments with any digit. */
class ScopesTest {

    @Test
    @DisplayName("a path segment with any digit works: Row0 to Row9 and beyond, each covering only its own branch")
    void everyDigit() {
        for (int row = 0; row <= 12; row++) {
            Scopes scopes = Scopes.parse("actuate:Vehicle.Cabin.Seat.Row" + row);
            for (int other = 0; other <= 12; other++) {
                String path = "Vehicle.Cabin.Seat.Row" + other + ".DriverSide.Heating";
                assertThat(scopes.allows(Action.ACTUATE, path)).as("Row%d scope, %s", row, path).isEqualTo(row == other);
            }
        }
        assertThat(Scopes.parse("read:Vehicle.Cabin.Seat.Row1").allows(Action.READ,
                "Vehicle.Cabin.Seat.Row10.DriverSide.Heating")).as("Row1 is not a prefix of Row10").isFalse();
    }

    @Test
    @DisplayName("actuate and provide include read; read includes nothing else; a bare action covers every path")
    void actions() {
        Scopes scopes = Scopes.parse("read:Vehicle.Speed actuate:Vehicle.Cabin.HVAC provide:Vehicle.Body");
        assertThat(scopes.allows(Action.READ, "Vehicle.Speed")).isTrue();
        assertThat(scopes.allows(Action.ACTUATE, "Vehicle.Speed")).isFalse();
        assertThat(scopes.allows(Action.READ, "Vehicle.Cabin.HVAC.IsAirConditioningActive")).isTrue();
        assertThat(scopes.allows(Action.ACTUATE, "Vehicle.Cabin.HVAC.IsAirConditioningActive")).isTrue();
        assertThat(scopes.allows(Action.ACTUATE, "Vehicle.Cabin.HVACX.Foo")).isFalse();
        assertThat(scopes.allows(Action.READ, "Vehicle.Body.Trunk.Rear.IsOpen")).isTrue();
        assertThat(scopes.allows(Action.PROVIDE, "Vehicle.Body.Trunk.Rear.IsOpen")).isTrue();
        assertThat(scopes.allows(Action.ACTUATE, "Vehicle.Body.Trunk.Rear.IsOpen")).isFalse();
        assertThat(Scopes.parse("read").allows(Action.READ, "Anything.At.All")).isTrue();
        assertThat(Scopes.parse("read").allows(Action.ACTUATE, "Vehicle.Speed")).isFalse();
        assertThat(Scopes.parse("").isEmpty()).isTrue();
        assertThat(Scopes.parse("create").allows(Action.READ, "Vehicle.Speed")).isFalse();
    }

    @Test
    @DisplayName("* stands for one level, ** for any number")
    void wildcards() {
        Scopes one = Scopes.parse("read:Vehicle.*.IsOpen");
        assertThat(one.allows(Action.READ, "Vehicle.Body.IsOpen")).isTrue();
        assertThat(one.allows(Action.READ, "Vehicle.Body.Trunk.Rear.IsOpen")).isFalse();
        assertThat(Scopes.parse("read:Vehicle.*.*.*.IsOpen").allows(Action.READ, "Vehicle.Body.Trunk.Rear.IsOpen"))
                .isTrue();
        assertThat(Scopes.parse("actuate:Vehicle.Cabin.Door.**.IsLocked").allows(Action.ACTUATE,
                "Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked")).isTrue();
    }

    @Test
    @DisplayName("unknown actions, upper case, sub-actions and malformed paths are refused by name")
    void malformed() {
        assertThatThrownBy(() -> Scopes.parse("write:Vehicle.Speed")).hasMessageContaining("unknown action 'write'");
        assertThatThrownBy(() -> Scopes.parse("READ")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> Scopes.parse("provide:data:Vehicle.Speed")).hasMessageContaining("sub-actions");
        assertThatThrownBy(() -> Scopes.parse("read:Vehicle..Speed")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> Scopes.parse("read:")).hasMessageContaining("empty signal pattern");
        assertThatThrownBy(() -> Scopes.parse("read:Vehicle.Sp*")).hasMessageContaining("whole segment");
    }
}
