package io.vehicle.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.testing.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorConfigTest {

    @Test
    @DisplayName("no file: the whole car, five ECUs with the nine catalog services, SD on 30490, control on 55556")
    void defaults() {
        SimulatorConfig config = SimulatorConfig.defaults();
        assertThat(config.ecus()).extracting(EcuConfig::name)
                .containsExactly("climate-ecu", "seat-ecu", "body-ecu", "head-unit", "vehicle-gateway");
        assertThat(config.ecus().stream().mapToInt(e -> e.services().size()).sum()).isEqualTo(9);
        assertThat(config.sd().port()).isEqualTo(30490);
        assertThat(config.control().port()).isEqualTo(55556);
        assertThat(config.processes()).containsExactly("main");
    }

    @Test
    @DisplayName("docs/examples/simulator.yaml loads: two processes, a cyclic service, a drive profile")
    void example() throws Exception {
        SimulatorConfig config = SimulatorConfig.load(Repository.path("docs/examples/simulator.yaml"));
        assertThat(config.processes()).containsExactly("climate", "cabin");
        assertThat(config.onlyProcess("cabin").ecus()).extracting(EcuConfig::name).containsExactly("seat-ecu", "head-unit");
        assertThat(config.ecus().get(0).services().get(0).cycleMs()).isEqualTo(1000);
        assertThat(config.vehicle().driveProfile().repeat()).isTrue();
        assertThat(config.vehicle().driveProfile().segments()).hasSize(3);
    }

    @Test
    @DisplayName("bad files say what is wrong: unknown key, unknown service, duplicate address, bad rate, bad segment")
    void badFiles(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> load(dir, "clock: {rate: fast}")).hasMessageContaining("clock.rate: 'fast'");
        assertThatThrownBy(() -> load(dir, "sdd: {port: 1}")).hasMessageContaining("sdd");
        assertThatThrownBy(() -> load(dir, "ecus: [{name: a, unicast: 127.0.0.9, services: [{name: Toaster}]}]"))
                .hasMessageContaining("no catalog service Toaster");
        assertThatThrownBy(() -> load(dir, "ecus: [{name: a, unicast: 127.0.0.9, services: [{name: HvacService}]},"
                + " {name: b, unicast: 127.0.0.9, services: [{name: SeatService}]}]"))
                .hasMessageContaining("127.0.0.9 is used twice");
        assertThatThrownBy(() -> load(dir, "vehicle: {driveProfile: {segments: [{duration: 10s, speed: 30, gear: PARK}]}}"))
                .hasMessageContaining("impossible in PARK");
        assertThatThrownBy(() -> SimulatorConfig.defaults().onlyProcess("nope")).hasMessageContaining("no ECU runs");
    }

    private static SimulatorConfig load(Path dir, String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("sim.yaml"), yaml);
        return SimulatorConfig.load(file);
    }
}
