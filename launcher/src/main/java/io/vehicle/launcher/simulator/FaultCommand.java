package io.vehicle.launcher.simulator;

import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.idl.simulator.v1.ActiveFault;
import io.vehicle.idl.simulator.v1.ClearFaultRequest;
import io.vehicle.idl.simulator.v1.ClearFaultResponse;
import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcClient;
import io.vehicle.idl.simulator.v1.TriggerFaultRequest;
import io.vehicle.simulator.plant.SimulatedDuration;
import io.vehicle.simulator.scenario.Scenario;
import io.vehicle.simulator.scenario.ScenarioFaults;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vehicle simulator fault}: injects a fault into a running simulator, or clears faults, through its
 * control API ({@code vehicle.simulator.v1.SimulatorControl}), so a bench operator can break an ECU from
 * a shell while the head unit under test keeps running.
 */
@Command(name = "fault", mixinStandardHelpOptions = true, subcommands = FaultCommand.Clear.class,
        description = {"Injects a fault into a running simulator through its control API. Kinds: restart, crash, "
                + "stopOffer, packetLoss, delay, malformedBurst, sensorFreeze, clockSkew (see docs/simulator.md).",
                "Prints the fault's id; 'vehicle simulator fault clear [ID...]' removes it (all without an id).",
                "Exit 0 when injected, 1 when the simulator refused or is not reachable, 2 for bad arguments.",
                "Examples:",
                "  vehicle simulator fault stopOffer --service InfotainmentService",
                "  vehicle simulator fault restart --ecu body-ecu --down 3s",
                "  vehicle simulator fault packetLoss --service HvacService --percent 30 --duration 1m",
                "  vehicle simulator fault clockSkew --ecu body-ecu --offset-ms 5000"})
public final class FaultCommand implements Callable<Integer> {

    static final long TIMEOUT_SECONDS = 30;

    /** Where the simulator's control API listens. */
    static final class Control {
        @Option(names = "--control", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:55556",
                description = "The simulator's control API (default ${DEFAULT-VALUE}).")
        String address;

        /** Runs the call; a refusal or an unreachable simulator becomes a message on stderr and exit code 1. */
        int run(String command, ControlCall call) throws Exception {
            int colon = address.lastIndexOf(':');
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (colon <= 0 || port < 1 || port > 65535) {
                System.err.println(command + ": --control takes HOST:PORT, not " + address);
                return 2;
            }
            Vertx vertx = Vertx.vertx();
            try (BridgeClient client = BridgeClient.connect(vertx, address.substring(0, colon), port, null)) {
                return call.on(client);
            } catch (TimeoutException e) {
                System.err.println(command + ": no answer from the simulator at " + address + " within "
                        + TIMEOUT_SECONDS + " s");
                return 1;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BridgeCallException refused) {
                    // GrpcStatus prints as its number; the name says more to a person
                    String message = refused.getMessage();
                    String prefix = refused.status().toString();
                    System.err.println(command + ": the simulator refused: " + refused.status().name()
                            + (message.startsWith(prefix) ? message.substring(prefix.length()) : ": " + message));
                } else {
                    System.err.println(command + ": cannot reach the simulator's control API at " + address + " ("
                            + e.getCause().getMessage() + "); is 'vehicle simulator' running with its control API?");
                }
                return 1;
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @FunctionalInterface
    interface ControlCall {
        int on(BridgeClient client) throws Exception;
    }

    // Optional for picocli, which would otherwise ask for it before 'fault clear' too; call() requires it.
    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "restart, crash, stopOffer, packetLoss, delay, "
            + "malformedBurst, sensorFreeze or clockSkew.")
    String kind;

    @Option(names = "--ecu", paramLabel = "NAME", description = "Target an ECU by name, e.g. body-ecu.")
    String ecu;

    @Option(names = "--service", paramLabel = "NAME", description = "Target a service by catalog name, e.g. HvacService.")
    String service;

    @Option(names = "--instance", description = "The service's instance (default: every instance).")
    Integer instance;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Simulated time until the fault clears itself (e.g. 30s, 2m; default: until cleared).")
    String duration;

    @Option(names = "--down", paramLabel = "DURATION", description = "restart: how long the ECU stays down (default 1s).")
    String down;

    @Option(names = "--percent", description = "packetLoss: the share of outgoing datagrams lost (0 to 100).")
    Double percent;

    @Option(names = "--delay-ms", description = "delay: added delay on the wire (real time).")
    Integer delayMs;

    @Option(names = "--jitter-ms", description = "delay: up to this much more, at random.")
    Integer jitterMs;

    @Option(names = "--count", description = "malformedBurst: how many malformed messages (default 4).")
    Integer count;

    @Option(names = "--path", description = "sensorFreeze: the VSS path of the plant value to freeze.")
    String path;

    @Option(names = "--factor", description = "clockSkew: the ECU clock's rate against simulated time, e.g. 1.05.")
    Double factor;

    @Option(names = "--offset-ms", description = "clockSkew: the ECU clock this far ahead (negative: behind).")
    Long offsetMs;

    @Mixin
    Control control = new Control();

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (kind == null) {
            System.err.println("simulator fault: give a fault kind (" + String.join(", ", ScenarioFaults.KINDS)
                    + ") or 'clear'");
            return 2;
        }
        if (ecu != null && service != null) {
            System.err.println("simulator fault: give --ecu or --service, not both");
            return 2;
        }
        Fault fault;
        long durationMs;
        try {
            fault = ScenarioFaults.toFault(new Scenario.FaultStep(null, kind, ecu, service, instance,
                    duration, down, percent, delayMs, jitterMs, count, path, factor, offsetMs));
            durationMs = duration == null ? 0 : SimulatedDuration.parse(duration).toMillis();
        } catch (IllegalArgumentException e) {
            System.err.println("simulator fault: " + e.getMessage());
            return 2;
        }
        if (durationMs > Integer.toUnsignedLong(-1)) {
            System.err.println("simulator fault: --duration " + duration + " is too long");
            return 2;
        }
        TriggerFaultRequest request = TriggerFaultRequest.newBuilder().setFault(fault).setDurationMs((int) durationMs)
                .build();
        return control.run("simulator fault", client -> {
            ActiveFault active = await(client.call(SimulatorControlGrpcClient.TriggerFault, request)).getFault();
            out.printf("%s: %s%s%n", active.getFaultId(), kind, duration == null ? ", until cleared"
                    : ", for " + duration);
            return 0;
        });
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** {@code vehicle simulator fault clear}. */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Clears the faults with these ids, or every active fault without one. A crashed, "
                    + "restarting or stopped ECU starts again.")
    static final class Clear implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "ID", description = "Fault ids as 'fault' printed them (e.g. fault-1).")
        List<String> ids = List.of();

        @Mixin
        Control control = new Control();

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            return control.run("simulator fault clear", client -> {
                List<ClearFaultRequest> requests = ids.isEmpty()
                        ? List.of(ClearFaultRequest.newBuilder().setAll(true).build())
                        : ids.stream().map(id -> ClearFaultRequest.newBuilder().setFaultId(id).build()).toList();
                for (ClearFaultRequest request : requests) {
                    ClearFaultResponse cleared = await(client.call(SimulatorControlGrpcClient.ClearFault, request));
                    out.println(cleared.getClearedFaultIdsList().isEmpty() ? "no active faults"
                            : "cleared " + String.join(", ", cleared.getClearedFaultIdsList()));
                }
                return 0;
            });
        }
    }
}
