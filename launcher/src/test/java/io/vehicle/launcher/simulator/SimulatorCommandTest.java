package io.vehicle.launcher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.launcher.tools.node.NodeProcess;
import io.vehicle.someip.sd.AvailabilityListener;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vehicle simulator} as a process: the whole car comes up, and SIGTERM takes it down with StopOffer. */
public class SimulatorCommandTest {

    /** The catalog's nine service ids. */
    public static final int[] SERVICES = {0x1001, 0x1002, 0x1003, 0x1004, 0x1005, 0x1006, 0x1007, 0x1008, 0x1009};

    static ToolProcess vehicle(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(NodeProcess.javaCommand());
        command.addAll(args);
        return ToolProcess.start(command, null);
    }

    /** {@code vehicle simulator}: the whole car with fast SD on a test's SD port, its control API on a free port. */
    static ToolProcess withControl(int sdPort) throws Exception {
        return vehicle(List.of("simulator", "--sd-port", Integer.toString(sdPort), "--someip-port", "0", "--fast-sd",
                "--control-port", "0", "--progress-interval", "0"));
    }

    /** The host:port of the control API that the simulator prints when it is up. */
    static String controlAddress(ToolProcess simulator) throws InterruptedException {
        String line = simulator.awaitStdout(l -> l.startsWith("control API"), 60, "the control API's address");
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    /** Watches every catalog service through SD from a node of the test; tells ups and downs with reasons. */
    public static Map<Integer, BlockingQueue<String>> watch(SomeIpNode node) {
        Map<Integer, BlockingQueue<String>> seen = new ConcurrentHashMap<>();
        for (int service : SERVICES) {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            seen.put(service, queue);
            node.discovery().find(service, 0xFFFF, 0xFF, new AvailabilityListener() {
                @Override
                public void available(RemoteService remote) {
                    queue.add("up " + remote.udp().getAddress().getHostAddress());
                }

                @Override
                public void unavailable(RemoteService remote, AvailabilityReason reason) {
                    queue.add("down " + reason.name());
                }
            });
        }
        return seen;
    }

    @Test
    @DisplayName("vehicle simulator: nine services on five ECU addresses; SIGTERM sends StopOffer for each")
    void wholeCarAndCleanStop() throws Exception {
        int sdPort = TestPorts.sdPort(12);
        try (SomeIpNode bench = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.120")
                .withSd(sdPort, SdTimings.fast()));
             ToolProcess simulator = vehicle(List.of("simulator", "--sd-port", Integer.toString(sdPort),
                     "--someip-port", "0", "--fast-sd", "--no-control"))) {
            Map<Integer, BlockingQueue<String>> seen = watch(bench);
            simulator.awaitStdout(l -> l.startsWith("running"), 60, "running");
            for (int service : SERVICES) {
                assertThat(seen.get(service).poll(20, TimeUnit.SECONDS)).as("service 0x%04X", service)
                        .startsWith("up 127.0.10.");
            }
            simulator.process().toHandle().destroy(); // SIGTERM
            assertThat(simulator.awaitExit(30)).as("128 + SIGTERM, after the shutdown hook ran").isEqualTo(143);
            for (int service : SERVICES) {
                // StopOffer arrives at once; a TTL expiry would say TTL_EXPIRED
                assertThat(seen.get(service).poll(10, TimeUnit.SECONDS)).as("service 0x%04X", service)
                        .isEqualTo("down STOP_OFFER");
            }
        }
    }

    @Test
    @DisplayName("vehicle simulator --config with two processes: one child JVM each, all services found")
    void twoProcesses(@TempDir Path dir) throws Exception {
        int sdPort = TestPorts.sdPort(13);
        Path config = dir.resolve("car.yaml");
        Files.writeString(config, """
                ecus:
                  - {name: front, unicast: 127.0.11.1, process: a, services: [{name: HvacService}, {name: SeatService}]}
                  - {name: rear, unicast: 127.0.11.2, process: b, services: [{name: InfotainmentService, instance: 2}]}
                """);
        try (SomeIpNode bench = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.121")
                .withSd(sdPort, SdTimings.fast()));
             ToolProcess simulator = vehicle(List.of("simulator", "--config", config.toString(), "--sd-port",
                     Integer.toString(sdPort), "--someip-port", "0", "--fast-sd", "--no-control"))) {
            Map<Integer, BlockingQueue<String>> seen = watch(bench);
            assertThat(seen.get(0x1001).poll(60, TimeUnit.SECONDS)).isEqualTo("up 127.0.11.1");
            assertThat(seen.get(0x1002).poll(20, TimeUnit.SECONDS)).isEqualTo("up 127.0.11.1");
            assertThat(seen.get(0x1007).poll(20, TimeUnit.SECONDS)).isEqualTo("up 127.0.11.2");
            assertThat(seen.get(0x1003).poll(1, TimeUnit.SECONDS)).as("not configured").isNull();
            simulator.process().toHandle().destroy();
            assertThat(simulator.awaitExit(30)).as("128 + SIGTERM, after the shutdown hook ran").isEqualTo(143);
            assertThat(seen.get(0x1007).poll(10, TimeUnit.SECONDS)).isEqualTo("down STOP_OFFER");
        }
    }
}
