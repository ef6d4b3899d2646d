package io.vehicle.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.api.hvac.v1.HvacServiceProxy;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.pcap.PcapRecorder;
import io.vehicle.simulator.scenario.Scenario;
import io.vehicle.simulator.scenario.ScenarioRunner;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture of a scenario run replayed to a fresh consumer: the same offers, the same events in order. */
class ReplayTest {

    @Test
    @DisplayName("the replay of a recorded run offers the same services and sends the same cabin temperatures")
    void replayServesTheCapture(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("hvac.pcap");
        SimulatorConfig base = SimulatorConfig.defaults().withSdPort(TestPorts.sdPort(9))
                .withSdTimings(SdTimings.fast()).withSomeipPort(0);
        try (PcapRecorder recorder = new PcapRecorder(pcap)) {
            base.ecus().forEach(e -> recorder.own(e.unicast()));
            recorder.own("127.0.10.100");
            Path file = Repository.path("simulator/scenarios/hvac-warms-cabin.yaml");
            var result = new ScenarioRunner(new ScenarioRunner.Options(base, "127.0.10.100", recorder, null))
                    .run(Scenario.load(file), file.toString());
            assertThat(result.passed()).as(String.join("\n", result.log())).isTrue();
        }
        Capture capture = Capture.read(pcap);
        assertThat(capture.offers()).extracting(Capture.Offer::serviceId)
                .containsExactlyInAnyOrder(0x1001, 0x1002, 0x1003, 0x1004, 0x1005, 0x1006, 0x1007, 0x1008, 0x1009);
        List<Float> captured = capture.notifications(InetAddress.getByName("127.0.10.1"), 0x1001).stream()
                .filter(m -> m.methodId() == 0x8002).map(m -> ByteBuffer.wrap(m.payload()).getFloat()).toList();
        assertThat(captured).as("cabin temperatures in the capture").hasSizeGreaterThan(20).contains(15f, 20f, 23f);

        int sdPort = TestPorts.sdPort(10);
        try (Replayer replay = Replayer.start(capture, new Replayer.Options(sdPort, SdTimings.fast(), 50, false, Map.of()));
             SomeIpNode consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.101")
                     .withSd(sdPort, SdTimings.fast()));
             HvacServiceProxy hvac = new HvacServiceProxy(consumer)) {
            assertThat(replay.served()).hasSize(9);
            List<Float> received = new CopyOnWriteArrayList<>();
            hvac.subscribeCabinTemperatureChanged(t -> received.add(t.getCelsius())).acknowledged().get(10, TimeUnit.SECONDS);
            assertThat(hvac.whenAvailable().get(10, TimeUnit.SECONDS).udp().getAddress().getHostAddress())
                    .isEqualTo("127.0.10.1");
            replay.play();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < captured.size() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000); // the replay has no completion to wait on: poll to a deadline
            }
            assertThat(received).as("the replayed notifications, in capture order").isEqualTo(captured);
            assertThat(hvac.getCabinTemperature().get(10, TimeUnit.SECONDS).getCelsius())
                    .as("the getter answers the latest replayed value").isEqualTo(captured.get(captured.size() - 1));
        }
    }
}
