package io.vehicle.assistant.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalPatternTest {

    @Test
    void exactBranchOneSegmentAndAnyNumberOfSegments() {
        assertThat(SignalPattern.of("Vehicle.Speed").matches("Vehicle.Speed")).isTrue();
        assertThat(SignalPattern.of("Vehicle.Speed").matches("Vehicle.SpeedLimit")).isFalse();
        assertThat(SignalPattern.of("Vehicle.Cabin.Light").matches("Vehicle.Cabin.Light.IsDomeOn")).isTrue();
        assertThat(SignalPattern.of("Vehicle.Cabin.Light").matches("Vehicle.Cabin.Lights.IsDomeOn")).isFalse();
        assertThat(SignalPattern.of("Vehicle.Cabin.Door.*.*.IsLocked")
                .matches("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked")).isTrue();
        assertThat(SignalPattern.of("Vehicle.Cabin.Door.*.IsLocked")
                .matches("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked")).isFalse();
        assertThat(SignalPattern.of("Vehicle.**").matches("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked")).isTrue();
        assertThat(SignalPattern.of("Vehicle.**.IsLocked").matches("Vehicle.Body.Trunk.Rear.IsLocked")).isTrue();
        assertThat(SignalPattern.of("Vehicle.**.IsLocked").matches("Vehicle.Body.Trunk.Rear.IsOpen")).isFalse();
        assertThat(SignalPattern.of("Vehicle.Body.Mirrors.*.IsFolded")
                .matches("Vehicle.Body.Mirrors.DriverSide.IsFolded")).isTrue();
    }
}
