package io.vehicle.launcher.assistant;

import io.vehicle.assistant.eval.BridgeWatch;
import io.vehicle.assistant.eval.EvalRunner;
import io.vehicle.assistant.eval.TestVehicle;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.llm.LlmSettings;
import io.vehicle.assistant.node.AssistantNode;
import io.vehicle.assistant.pipeline.AssistantPipeline;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.server.Bridge;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.plant.VehicleParameters;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A simulator, a bridge and an assistant node in one process, as {@code vehicle assistant eval} and the
 * end-to-end tests run them, and as anything else may (the demo): {@link #start} brings all three up and returns
 * once the node serves {@code vehicle.assistant.v1.Assistant} on {@link #assistantPort()} (127.0.0.1, plain
 * HTTP/2); {@link #close} stops all three. They meet only on the wire: the simulator's ECUs and the bridge over
 * SOME/IP with SD on loopback (a private SD port, so a running demo on 30490 is not disturbed), the node and the
 * bridge over gRPC ({@link #bridgeGrpcPort()}, {@code vehicle.gateway.v1} and {@code kuksa.val.v2}).
 *
 * <p>The ECUs apply at once: windows, sunroof and seat move at a rate that reaches any target within one plant
 * step (5 ms), so a confirmation measures the software, not a window motor. The bridge runs its built-in
 * policy with authorization off; the node is its writer {@code assistant}. The bridge's clock is a
 * {@link ScenarioClock}: {@link TestVehicle#reset()} of {@link #vehicle()} starts a new drive on it.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** The writer identity the node has at the bridge. */
    public static final String WRITER = "assistant";

    /**
     * How long the bridge waits for an ECU to refresh a stale value or confirm a write, and the node for a
     * confirmation (the node's gateway deadline is twice that). The defaults (300 ms, 2 s) are for a car; on a
     * shared build machine a starved core misses them, and the outcome would be the scheduler's, not the
     * policy's.
     */
    static final Duration STARVED_CORE = Duration.ofSeconds(5);

    /**
     * @param sdPort          SD port of the simulator's ECUs and the bridge
     * @param directory       where the audit logs go
     * @param llm             a language model for the node; null for the offline engine alone
     * @param questionTimeout how long a confirmation question stays open
     */
    public record Options(int sdPort, Path directory, LlmSettings llm, Duration questionTimeout) {

        /** The offline engine alone, SD on {@code sdPort}, audit logs in {@code directory}, questions open 30 s. */
        public static Options offline(int sdPort, Path directory) {
            return new Options(sdPort, directory, null, Duration.ofSeconds(30));
        }

        public Options withLlm(LlmSettings model) {
            return new Options(sdPort, directory, model, questionTimeout);
        }

        public Options withQuestionTimeout(Duration timeout) {
            return new Options(sdPort, directory, llm, timeout);
        }
    }

    private final ScenarioClock clock = new ScenarioClock();
    private final Simulator simulator;
    private final Bridge bridge;
    private final AssistantNode node;
    private final SimulatorVehicle vehicle;
    private final BridgeWatch watch;

    private EmbeddedStack(Options options, IntentEngine offline) throws IOException {
        Files.createDirectories(options.directory());
        VehicleParameters standard = VehicleParameters.defaults();
        VehicleParameters atOnce = new VehicleParameters(standard.windowsSpeedLimitKmh(),
                standard.windowsLimitOpening(), 100_000, 100_000, standard.trunkMaxSpeedKmh(),
                standard.unlockMaxSpeedKmh(), standard.autoLockSpeedKmh(), standard.mirrorFoldMaxSpeedKmh(),
                standard.acMinOutsideCelsius(), 100_000, standard.batteryCapacityKwh(), standard.vehicleMassKg(),
                standard.chargePowerKw(), standard.lowChargePercent());
        SimulatorConfig config = new SimulatorConfig(new SimulatorConfig.Clock("1", 5),
                new SimulatorConfig.Sd(options.sdPort(), null, SdTimings.fast()), 0, null,
                new SimulatorConfig.Vehicle(null, atOnce, null), new SimulatorConfig.Control(false, null, null), null);
        Simulator startedSimulator = Simulator.start(config);
        Bridge startedBridge = null;
        try {
            startedBridge = Bridge.start(BridgeConfig.defaults()
                    .withNode(NodeConfig.defaults().withUnicast("127.0.0.1").withSd(options.sdPort(), SdTimings.fast()))
                    .withGrpc(new BridgeConfig.Grpc("127.0.0.1", 0, null, null, null))
                    .withHttp(new BridgeConfig.Http("127.0.0.1", 0))
                    .withAuth(new BridgeConfig.Auth(false, null, null, null, WRITER))
                    .withAudit(new BridgeConfig.Audit(options.directory().resolve("bridge-audit.jsonl").toString()))
                    .withPolicy(new BridgeConfig.PolicySettings(null, null, null, STARVED_CORE.toMillis()))
                    .withWrites(new BridgeConfig.Writes(STARVED_CORE.toMillis(), null, null)),
                    SignalRegistry.catalog(), clock);
            AssistantPipeline.Settings defaults = AssistantPipeline.Settings.defaults();
            AssistantNode.Settings settings = new AssistantNode.Settings(
                    SocketAddress.inetSocketAddress(startedBridge.grpcPort(), "127.0.0.1"), "", WRITER, "127.0.0.1",
                    0, options.directory().resolve("assistant-audit.jsonl"), options.llm(),
                    new AssistantPipeline.Settings(options.questionTimeout(), STARVED_CORE,
                            STARVED_CORE.multipliedBy(2), defaults.maxSessions(), defaults.maxTextChars()));
            this.node = AssistantNode.start(settings, offline);
        } catch (IOException | RuntimeException e) {
            if (startedBridge != null) {
                startedBridge.close();
            }
            startedSimulator.close();
            throw e;
        }
        this.simulator = startedSimulator;
        this.bridge = startedBridge;
        this.vehicle = new SimulatorVehicle(simulator);
        this.watch = new BridgeWatch(node.gateway());
    }

    /**
     * Starts the simulator, the bridge and the node; returns when the node serves its API (the bridge may still be
     * finding the ECUs: {@link #force} waits for them).
     *
     * @param offline the offline engine ({@code OfflineIntentEngine.load()}: seconds, so callers may share one)
     * @throws IOException when the audit directory or a port cannot be had
     */
    public static EmbeddedStack start(Options options, IntentEngine offline) throws IOException {
        return new EmbeddedStack(options, offline);
    }

    /** The Assistant API's port on 127.0.0.1. */
    public int assistantPort() {
        return node.port();
    }

    /** The bridge's gRPC port on 127.0.0.1 (vehicle.gateway.v1, kuksa.val.v2). */
    public int bridgeGrpcPort() {
        return bridge.grpcPort();
    }

    public Simulator simulator() {
        return simulator;
    }

    public Bridge bridge() {
        return bridge;
    }

    public AssistantNode node() {
        return node;
    }

    /** The bridge's clock; {@link ScenarioClock#nextScenario()} makes every value the bridge holds stale. */
    public ScenarioClock clock() {
        return clock;
    }

    /**
     * Forces values on the simulator ({@link TestVehicle#force}) and returns once the bridge shows them and every
     * actuator's value, so the node's next request sees them (the bridge's own subscription, no polling).
     *
     * @throws IllegalStateException naming what differs when the bridge does not show it within {@code timeout}
     */
    public void force(Map<String, Object> values, Duration timeout) {
        vehicle.force(values);
        java.util.Set<String> paths = new java.util.LinkedHashSet<>(EvalRunner.watchedSignals());
        paths.addAll(values.keySet());
        watch.await(vehicle.read(paths), timeout);
    }

    /** The simulator as the evaluation's vehicle; a reset also starts a new scenario on the bridge's clock. */
    public TestVehicle vehicle() {
        return new TestVehicle() {
            @Override
            public void reset() {
                clock.nextScenario();
                vehicle.reset();
            }

            @Override
            public void force(Map<String, Object> values) {
                vehicle.force(values);
            }

            @Override
            public Map<String, Object> read(Collection<String> paths) {
                return vehicle.read(paths);
            }
        };
    }

    @Override
    public void close() {
        watch.close();
        node.close();
        bridge.close();
        simulator.close();
    }
}
