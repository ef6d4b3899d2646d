package io.vehicle.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The precondition grammar: comparisons, and/or with or binding weaker, parentheses, typed literals. */
class ConditionParserTest {

    final ConditionParser parser = new ConditionParser(SignalRegistry.catalog());

    boolean holds(String text, Map<String, Object> values) {
        return parser.parse(text).holds(values::get);
    }

    @Test
    @DisplayName("comparisons of numbers, booleans and enumeration names")
    void comparisons() {
        Map<String, Object> car = Map.of("Vehicle.Speed", 2.5, "Vehicle.Powertrain.Transmission.SelectedGear", "PARK",
                "Vehicle.Chassis.ParkingBrake.IsEngaged", true);
        assertThat(holds("Vehicle.Speed < 3", car)).isTrue();
        assertThat(holds("Vehicle.Speed <= 2.5", car)).isTrue();
        assertThat(holds("Vehicle.Speed > 2.5", car)).isFalse();
        assertThat(holds("Vehicle.Speed >= -1e1", car)).isTrue();
        assertThat(holds("Vehicle.Speed != 2.5", car)).isFalse();
        assertThat(holds("Vehicle.Powertrain.Transmission.SelectedGear == PARK", car)).isTrue();
        assertThat(holds("Vehicle.Powertrain.Transmission.SelectedGear != \"PARK\"", car)).isFalse();
        assertThat(holds("Vehicle.Chassis.ParkingBrake.IsEngaged == true", car)).isTrue();
    }

    @Test
    @DisplayName("and binds tighter than or; parentheses group")
    void precedence() {
        Map<String, Object> moving = Map.of("Vehicle.Speed", 50.0, "Vehicle.Powertrain.Transmission.SelectedGear", "DRIVE",
                "Vehicle.Chassis.ParkingBrake.IsEngaged", true);
        String loose = "Vehicle.Speed < 3 and Vehicle.Powertrain.Transmission.SelectedGear == PARK"
                + " or Vehicle.Chassis.ParkingBrake.IsEngaged == true";
        assertThat(holds(loose, moving)).isTrue();
        String grouped = "Vehicle.Speed < 3 and (Vehicle.Powertrain.Transmission.SelectedGear == PARK"
                + " or Vehicle.Chassis.ParkingBrake.IsEngaged == true)";
        assertThat(holds(grouped, moving)).isFalse();
        assertThat(parser.parse(grouped).paths()).containsExactly("Vehicle.Speed",
                "Vehicle.Powertrain.Transmission.SelectedGear", "Vehicle.Chassis.ParkingBrake.IsEngaged");
        assertThat(parser.parse(grouped).toString()).isEqualTo("Vehicle.Speed < 3 and (Vehicle.Powertrain"
                + ".Transmission.SelectedGear == PARK or Vehicle.Chassis.ParkingBrake.IsEngaged == true)");
    }

    @Test
    @DisplayName("malformed text is refused with the position and what was expected")
    void errors() {
        assertThatThrownBy(() -> parser.parse("Vehicle.Speed <")).hasMessageContaining("compare it with a number");
        assertThatThrownBy(() -> parser.parse("Vehicle.Speed = 3")).hasMessageContaining("< <= > >= == !=");
        assertThatThrownBy(() -> parser.parse("(Vehicle.Speed < 3")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> parser.parse("Vehicle.Speed < 3 xor Vehicle.Speed > 1"))
                .hasMessageContaining("expected 'and', 'or' or the end");
        assertThatThrownBy(() -> parser.parse("Vehicle.Powertrain.Transmission.SelectedGear == FLY"))
                .hasMessageContaining("not 'FLY'");
        assertThatThrownBy(() -> parser.parse("Vehicle.Chassis.ParkingBrake.IsEngaged == yes"))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> parser.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse("Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color == 1"))
                .hasMessageContaining("list");
    }
}
