package io.vehicle.launcher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.idl.simulator.v1.Ecu;
import io.vehicle.idl.simulator.v1.EcuState;
import io.vehicle.idl.simulator.v1.ListEcusRequest;
import io.vehicle.idl.simulator.v1.ListEcusResponse;
import io.vehicle.idl.simulator.v1.OfferedService;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcClient;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code vehicle simulator fault} as a process against a running {@code vehicle simulator} process: the
 * faults it injects show on the wire (SD, seen by a node of the test) and in the control API, and
 * {@code fault clear} undoes them; bad arguments and an unreachable simulator get clear errors.
 */
class SimulatorFaultCommandTest {

    /** Runs {@code vehicle simulator fault ARGS --control ADDRESS} to its end; returns it for its output. */
    static ToolProcess fault(String control, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("simulator", "fault"));
        command.addAll(List.of(args));
        command.addAll(List.of("--control", control));
        ToolProcess run = SimulatorCommandTest.vehicle(command);
        run.awaitExit(60);
        return run;
    }

    static OfferedService service(ListEcusResponse ecus, int serviceId) {
        return ecus.getEcusList().stream().flatMap(e -> e.getServicesList().stream())
                .filter(s -> s.getServiceId() == serviceId).findFirst().orElseThrow();
    }

    static ListEcusResponse listEcus(String control) throws Exception {
        Vertx vertx = Vertx.vertx();
        int colon = control.lastIndexOf(':');
        try (BridgeClient client = BridgeClient.connect(vertx, control.substring(0, colon),
                Integer.parseInt(control.substring(colon + 1)), null)) {
            return client.call(SimulatorControlGrpcClient.ListEcus, ListEcusRequest.getDefaultInstance())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("vehicle simulator fault: stopOffer and restart seen through SD and the control API, then cleared")
    void injectAndClear() throws Exception {
        int sdPort = TestPorts.sdPort(15);
        try (SomeIpNode bench = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.122")
                .withSd(sdPort, SdTimings.fast()));
             ToolProcess simulator = SimulatorCommandTest.withControl(sdPort)) {
            Map<Integer, BlockingQueue<String>> seen = SimulatorCommandTest.watch(bench);
            String control = SimulatorCommandTest.controlAddress(simulator);
            for (int service : SimulatorCommandTest.SERVICES) {
                assertThat(seen.get(service).poll(20, TimeUnit.SECONDS)).as("service 0x%04X", service)
                        .startsWith("up 127.0.10.");
            }

            try (ToolProcess stop = fault(control, "stopOffer", "--service", "InfotainmentService")) {
                assertThat(stop.process().exitValue()).as(stop.transcript()).isZero();
                assertThat(stop.remainingStdout(10)).containsExactly("fault-1: stopOffer, until cleared");
            }
            assertThat(seen.get(0x1007).poll(10, TimeUnit.SECONDS)).isEqualTo("down STOP_OFFER");
            ListEcusResponse ecus = listEcus(control);
            assertThat(service(ecus, 0x1007).getOffered()).as("infotainment withdrawn").isFalse();
            assertThat(service(ecus, 0x1001).getOffered()).as("HVAC untouched").isTrue();
            Ecu headUnit = ecus.getEcusList().stream().filter(e -> e.getName().equals("head-unit")).findFirst()
                    .orElseThrow();
            assertThat(headUnit.getState()).as("the head unit keeps running").isEqualTo(EcuState.ECU_STATE_RUNNING);
            assertThat(headUnit.getFaultsList()).extracting(f -> f.getFaultId()).containsExactly("fault-1");

            // A restart withdraws the seat ECU's offers and comes back by itself after the down time.
            try (ToolProcess restart = fault(control, "restart", "--ecu", "seat-ecu", "--down", "2s")) {
                assertThat(restart.process().exitValue()).as(restart.transcript()).isZero();
                assertThat(restart.remainingStdout(10)).containsExactly("fault-2: restart, until cleared");
            }
            assertThat(seen.get(0x1002).poll(10, TimeUnit.SECONDS)).isEqualTo("down STOP_OFFER");
            assertThat(seen.get(0x1002).poll(20, TimeUnit.SECONDS)).isEqualTo("up 127.0.10.2");

            try (ToolProcess clear = fault(control, "clear")) {
                assertThat(clear.process().exitValue()).as(clear.transcript()).isZero();
                assertThat(clear.remainingStdout(10)).as("the restart cleared itself").containsExactly("cleared fault-1");
            }
            assertThat(seen.get(0x1007).poll(10, TimeUnit.SECONDS)).isEqualTo("up 127.0.10.4");
            assertThat(service(listEcus(control), 0x1007).getOffered()).isTrue();

            try (ToolProcess none = fault(control, "clear", "fault-1")) {
                assertThat(none.process().exitValue()).isEqualTo(1);
                assertThat(none.awaitStderr(l -> l.contains("refused: NOT_FOUND") && l.contains("fault-1"), 10,
                        "no such fault any more")).isNotNull();
            }
            try (ToolProcess unknownEcu = fault(control, "crash", "--ecu", "no-such-ecu")) {
                assertThat(unknownEcu.process().exitValue()).isEqualTo(1);
                assertThat(unknownEcu.awaitStderr(l -> l.contains("NOT_FOUND") && l.contains("no-such-ecu")
                        && l.contains("body-ecu"), 10, "the ECUs there are")).isNotNull();
            }
            try (ToolProcess loss = fault(control, "packetLoss", "--service", "HvacService", "--percent", "140")) {
                assertThat(loss.process().exitValue()).isEqualTo(1);
                assertThat(loss.awaitStderr(l -> l.contains("INVALID_ARGUMENT") && l.contains("140"), 10,
                        "the bad percentage")).isNotNull();
            }
            assertThat(listEcus(control).getEcusList()).allSatisfy(e -> assertThat(e.getFaultsList()).isEmpty());
        }
    }

    @Test
    @DisplayName("vehicle simulator fault: unknown kind or service, two targets, no simulator: clear errors")
    void badArguments() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String nowhere = "127.0.0.1:" + closed;
        try (ToolProcess run = fault(nowhere, "frobnicate", "--ecu", "body-ecu")) {
            assertThat(run.process().exitValue()).isEqualTo(2);
            assertThat(run.awaitStderr(l -> l.contains("unknown fault kind frobnicate") && l.contains("stopOffer"), 10,
                    "the kinds there are")).isNotNull();
        }
        try (ToolProcess run = fault(nowhere)) {
            assertThat(run.process().exitValue()).isEqualTo(2);
            assertThat(run.awaitStderr(l -> l.contains("give a fault kind") && l.contains("clockSkew"), 10,
                    "what to give")).isNotNull();
        }
        try (ToolProcess run = fault(nowhere, "stopOffer", "--service", "WarpDriveService")) {
            assertThat(run.process().exitValue()).isEqualTo(2);
            assertThat(run.awaitStderr(l -> l.contains("no catalog service WarpDriveService")
                    && l.contains("HvacService"), 10, "the services there are")).isNotNull();
        }
        try (ToolProcess run = fault(nowhere, "stopOffer", "--service", "HvacService", "--ecu", "body-ecu")) {
            assertThat(run.process().exitValue()).isEqualTo(2);
            assertThat(run.awaitStderr(l -> l.contains("not both"), 10, "one target")).isNotNull();
        }
        try (ToolProcess run = fault(nowhere, "packetLoss", "--ecu", "body-ecu")) {
            assertThat(run.process().exitValue()).isEqualTo(2);
            assertThat(run.awaitStderr(l -> l.contains("needs percent"), 10, "the missing parameter")).isNotNull();
        }
        try (ToolProcess run = fault(nowhere, "stopOffer", "--service", "HvacService")) {
            assertThat(run.process().exitValue()).isEqualTo(1);
            assertThat(run.awaitStderr(l -> l.contains("cannot reach the simulator's control API at " + nowhere), 10,
                    "unreachable")).isNotNull();
        }
        try (ToolProcess run = fault(nowhere, "clear")) {
            assertThat(run.process().exitValue()).isEqualTo(1);
            assertThat(run.awaitStderr(l -> l.contains("cannot reach"), 10, "unreachable")).isNotNull();
        }
    }
}
