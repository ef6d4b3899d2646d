package io.vehicle.simulator.ecu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vehicle.api.doors.v1.DoorServiceProxy;
import io.vehicle.api.hvac.v1.HvacServiceProxy;
import io.vehicle.api.windows.v1.WindowServiceProxy;
import io.vehicle.idl.doors.v1.Trunk;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.windows.v1.WindowPositions;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The default car over real SOME/IP: a consumer on its own node finds the ECUs through SD and uses them. */
class VirtualEcuSomeIpTest {

    static Simulator simulator;
    static SomeIpNode consumer;

    @BeforeAll
    static void start() {
        int sdPort = TestPorts.sdPort(0);
        SimulatorConfig config = SimulatorConfig.defaults().withSdPort(sdPort).withSdTimings(SdTimings.fast())
                .withSomeipPort(0);
        simulator = Simulator.startManual(config);
        consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.100").withSd(sdPort, SdTimings.fast()));
    }

    @AfterAll
    static void stop() {
        consumer.close();
        simulator.close();
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static int errorCode(java.util.concurrent.CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SomeIpErrorException.class);
            return ((SomeIpErrorException) e.getCause()).returnCode();
        }
        throw new AssertionError("accepted");
    }

    @Test
    @DisplayName("HVAC: setpoint applied, out-of-range fan refused with 0x20, the cabin follows on the simulated clock")
    void hvac() throws Exception {
        try (HvacServiceProxy hvac = new HvacServiceProxy(consumer)) {
            List<Float> cabin = new CopyOnWriteArrayList<>();
            get(hvac.subscribeCabinTemperatureChanged(t -> cabin.add(t.getCelsius())).acknowledged());
            assertThat(get(hvac.getCabinTemperature()).getCelsius()).isEqualTo(22.0f);
            var answer = get(hvac.setZoneTemperature(SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(25f).build()));
            assertThat(answer.getSetpoints().getRow1Driver()).isEqualTo(25f);
            ClimateSettings climate = get(hvac.getClimate());
            assertThat(errorCode(hvac.setClimate(climate.toBuilder().setRow1DriverFanSpeed(150).build()))).isEqualTo(0x20);
            assertThat(errorCode(hvac.setZoneTemperature(SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(35f).build()))).isEqualTo(0x20);
            assertThat(errorCode(hvac.setZoneTemperature(SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_UNSPECIFIED).setCelsius(22f).build()))).isEqualTo(0x21);
            simulator.advance(Duration.ofMinutes(10));
            assertThat(get(hvac.getCabinTemperature()).getCelsius()).isCloseTo(25f, within(0.3f));
            Await.until(() -> "cabin " + cabin, Duration.ofSeconds(5), () -> cabin.contains(24.5f));
            assertThat(cabin).as("notified on the way").contains(22.5f, 23.5f, 24.5f);
        }
    }

    @Test
    @DisplayName("windows move at their rate and report positions on the way; trunk refuses while locked")
    void bodyEcu() throws Exception {
        try (WindowServiceProxy windows = new WindowServiceProxy(consumer);
             DoorServiceProxy doors = new DoorServiceProxy(consumer)) {
            List<Integer> positions = new CopyOnWriteArrayList<>();
            get(windows.subscribeWindowsChanged(w -> positions.add(w.getRow1Driver())).acknowledged());
            WindowPositions now = get(windows.getWindows());
            WindowPositions applied = get(windows.setWindows(now.toBuilder().setRow1Driver(100).build()));
            assertThat(applied.getRow1Driver()).as("the glass has not moved yet").isZero();
            simulator.advance(Duration.ofSeconds(2));
            assertThat(get(windows.getWindows()).getRow1Driver()).isEqualTo(50);
            simulator.advance(Duration.ofSeconds(3));
            assertThat(get(windows.getWindows()).getRow1Driver()).isEqualTo(100);
            // Events leave on the subscriber's own socket, the getter's answer on the server's: the answer can
            // overtake the last positions, so wait for them (bounded) before checking the way.
            Await.until(() -> "positions " + positions, Duration.ofSeconds(5), () -> positions.contains(100));
            assertThat(positions).contains(25, 50, 75, 100);
            assertThat(errorCode(doors.setTrunk(Trunk.newBuilder().setOpen(true).build()))).isEqualTo(0x31);
        }
    }
}
