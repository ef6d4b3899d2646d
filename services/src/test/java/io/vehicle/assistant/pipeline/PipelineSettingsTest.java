package io.vehicle.assistant.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

    static final AssistantPipeline.Settings DEFAULTS = AssistantPipeline.Settings.defaults();

    static Signal signal(String path) {
        return VehicleCatalog.signals().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a write that moves the sunroof waits its travel time, and the gateway call outlasts that wait")
    void movingActuatorsLengthenTheWait() {
        Signal sunroof = signal("Vehicle.Cabin.Sunroof.Position");
        Signal heating = signal("Vehicle.Cabin.Seat.Row1.DriverSide.Heating");
        Duration wait = DEFAULTS.confirmWait(List.of(heating, sunroof));
        assertThat(wait).isEqualTo(sunroof.maxTravel()).isGreaterThan(DEFAULTS.confirmTimeout());
        assertThat(DEFAULTS.writeDeadline(wait)).isGreaterThan(wait)
                .isEqualTo(wait.plus(DEFAULTS.gatewayDeadline().minus(DEFAULTS.confirmTimeout())));
    }

    @Test
    @DisplayName("a write of signals that take their value at once keeps the confirmation timeout and the gateway deadline")
    void instantSignalsKeepTheDefaults() {
        Duration wait = DEFAULTS.confirmWait(List.of(signal("Vehicle.Cabin.Seat.Row1.DriverSide.Heating")));
        assertThat(wait).isEqualTo(DEFAULTS.confirmTimeout());
        assertThat(DEFAULTS.writeDeadline(wait)).isEqualTo(DEFAULTS.gatewayDeadline());
    }
}
