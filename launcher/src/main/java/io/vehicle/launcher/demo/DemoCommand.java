package io.vehicle.launcher.demo;

import io.vehicle.assistant.intent.offline.OfflineIntentEngine;
import io.vehicle.assistant.node.AssistantNode;
import io.vehicle.assistant.pipeline.AssistantPipeline;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.server.Bridge;
import io.vehicle.launcher.assistant.NodeOptions;
import io.vehicle.simulator.EcuStatus;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.control.ControlServer;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vehicle demo}: the whole virtual car, the bridge with its dashboard, and the AI node, in one process on
 * loopback with embedded defaults (no keys, no network, no other service). They meet only on the wire, as they
 * would as separate programs: the ECUs and the bridge over SOME/IP with SD, the node and the bridge over gRPC,
 * the dashboard and the node and simulator over gRPC. Ctrl-C or SIGTERM stops everything; the ECUs send
 * StopOffer.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole virtual car on loopback: the simulator's nine ECU services, the bridge "
                + "(gRPC KUKSA VAL and gateway, its write policy, the live dashboard) and the AI assistant node "
                + "(offline engine for English and Chinese; a language model when VEHICLE_LLM_BASE_URL and "
                + "VEHICLE_LLM_MODEL are set, the offline engine as its fallback).",
                "Prints each part as it becomes ready, then the dashboard's URL. Stop with Ctrl-C.",
                "",
                "Examples:",
                "  vehicle demo",
                "  VEHICLE_LLM_BASE_URL=https://api.deepseek.com/v1 VEHICLE_LLM_MODEL=deepseek-chat "
                        + "VEHICLE_LLM_API_KEY=... vehicle demo",
                "  vehicle demo --http-port 8080 --sd-port 30590",
                ""})
public final class DemoCommand implements Callable<Integer> {

    /** How long the bridge may take to find every ECU before the demo says which are missing and goes on. */
    private static final long DISCOVERY_SECONDS = 30;
    private static final String WRITER = "assistant";

    @Option(names = "--http-port", defaultValue = "55590", description = "The dashboard and /health, /metrics "
            + "(default ${DEFAULT-VALUE}; 0 picks a free port).")
    int httpPort;

    @Option(names = "--port", defaultValue = "55555", description = "The bridge's gRPC port: KUKSA VAL, the "
            + "gateway, the vehicle services (default ${DEFAULT-VALUE}; 0 picks a free port).")
    int grpcPort;

    @Option(names = "--assistant-port", defaultValue = "" + AssistantNode.Settings.DEFAULT_PORT,
            description = "The AI node's gRPC port (default ${DEFAULT-VALUE}; 0 picks a free port).")
    int assistantPort;

    @Option(names = "--control-port", defaultValue = "55556", description = "The simulator's control API "
            + "(default ${DEFAULT-VALUE}; 0 picks a free port).")
    int controlPort;

    @Option(names = "--sd-port", defaultValue = "" + SdConfig.DEFAULT_PORT, description = "SOME/IP-SD port of the "
            + "ECUs and the bridge (default ${DEFAULT-VALUE}).")
    int sdPort;

    @Option(names = "--someip-port", defaultValue = "30501", description = "SOME/IP port of every ECU "
            + "(default ${DEFAULT-VALUE}; 0: any free port).")
    int someipPort;

    @Option(names = "--fast-sd", description = "Fast SD timings (first offer within 10 ms, TTL 2 s).")
    boolean fastSd;

    @Option(names = "--audit-dir", paramLabel = "DIR", description = "Where the bridge's and the node's audit logs "
            + "go (default: vehicle-demo in the temporary directory).")
    Path auditDir;

    @Mixin
    NodeOptions llm = new NodeOptions();

    private final PrintStream out = System.out;
    private final Parts parts = new Parts();
    private final long started = System.nanoTime();

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            say("stopping", "the assistant, the bridge and the simulator (every ECU sends StopOffer)");
            parts.closeAll();
            say("stopped", "every ECU sent StopOffer");
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start();
        } catch (Parts.Closing e) {
            stopped.await(); // stopped while starting: the hook closes what had started
            return 0;
        } catch (IOException | RuntimeException e) {
            // A port in use, an address that cannot be bound: say which and why, without a stack trace.
            System.err.println("vehicle demo: " + e.getMessage());
            parts.closeAll();
            Runtime.getRuntime().removeShutdownHook(hook);
            return 1;
        }
        stopped.await(); // until Ctrl-C or SIGTERM: the hook closes every part
        return 0;
    }

    private void start() throws IOException, InterruptedException {
        Path audit = auditDir != null ? auditDir : Path.of(System.getProperty("java.io.tmpdir"), "vehicle-demo");
        Files.createDirectories(audit);
        int grpc = portOrFree(grpcPort);
        int http = portOrFree(httpPort);
        int assistant = portOrFree(assistantPort);
        int control = portOrFree(controlPort);
        SdTimings timings = fastSd ? SdTimings.fast() : SdTimings.defaults();
        say("", "vehicle demo: the virtual car, the bridge with its dashboard, the AI assistant; loopback only");

        say("simulator", "starting the ECUs");
        SimulatorConfig car = SimulatorConfig.defaults().withSdPort(sdPort).withSdTimings(timings)
                .withSomeipPort(someipPort).withControl(new SimulatorConfig.Control(true, "127.0.0.1", control));
        Simulator simulator = parts.add("simulator", Simulator.start(car));
        for (EcuStatus ecu : simulator.ecus()) {
            say("simulator", String.format("  %-16s %-12s %s", ecu.name(), ecu.unicast(), ecu.services().stream()
                    .map(s -> s.name().substring(s.name().lastIndexOf('.') + 1)).toList()));
        }
        ControlServer controlServer = parts.add("control API", ControlServer.start(simulator, "127.0.0.1", control));
        say("simulator", "ready: " + simulator.ecus().size() + " ECUs, SOME/IP-SD port " + sdPort
                + ", control API 127.0.0.1:" + controlServer.port());

        say("bridge", "starting (authorization off: a closed demo machine; the write policy still applies)");
        BridgeConfig config = BridgeConfig.defaults()
                .withNode(NodeConfig.defaults().withUnicast("127.0.0.1").withSd(sdPort, timings))
                .withGrpc(new BridgeConfig.Grpc("127.0.0.1", grpc, null, null, null))
                .withHttp(new BridgeConfig.Http("127.0.0.1", http))
                .withAuth(new BridgeConfig.Auth(false, null, null, null, WRITER))
                .withAudit(new BridgeConfig.Audit(audit.resolve("bridge-audit.jsonl").toString()))
                .withDashboard(new BridgeConfig.Dashboard(true, "127.0.0.1:" + assistant,
                        "127.0.0.1:" + controlServer.port()));
        Bridge bridge = parts.add("bridge", Bridge.start(config));
        say("bridge", "ready: gRPC 127.0.0.1:" + bridge.grpcPort() + ", dashboard " + bridge.dashboardUrl());
        EcuDiscovery discovery = new EcuDiscovery(bridge);
        if (discovery.await(DISCOVERY_SECONDS, TimeUnit.SECONDS)) {
            say("bridge", "found all " + discovery.total() + " services over SOME/IP-SD");
        } else {
            say("bridge", "still missing after " + DISCOVERY_SECONDS + " s: " + discovery.missing()
                    + " (the dashboard's SOME/IP view says why)");
        }

        say("assistant", "loading the offline engine (rules and two sentence-embedding models)");
        AssistantPipeline.Settings defaults = AssistantPipeline.Settings.defaults();
        AssistantNode node = parts.add("assistant", AssistantNode.start(new AssistantNode.Settings(
                SocketAddress.inetSocketAddress(bridge.grpcPort(), "127.0.0.1"), "", WRITER, "127.0.0.1", assistant,
                audit.resolve("assistant-audit.jsonl"), llm.llm(System.getenv()), defaults),
                OfflineIntentEngine.load()));
        say("assistant", "ready: 127.0.0.1:" + node.port() + ", engine " + node.engine());

        say("", String.format("ready in %.1f s", (System.nanoTime() - started) / 1e9));
        say("", "  dashboard   " + bridge.dashboardUrl());
        say("", "  gRPC        127.0.0.1:" + bridge.grpcPort()
                + "   kuksa.val.v2.VAL, vehicle.gateway.v1.Gateway, the vehicle services");
        say("", "  assistant   127.0.0.1:" + node.port() + "   try: ./vehicle ask \"I'm a bit cold\" --node 127.0.0.1:"
                + node.port());
        say("", "  simulator   127.0.0.1:" + controlServer.port() + "   vehicle.simulator.v1.SimulatorControl");
        say("", "  audit logs  " + audit.toAbsolutePath());
        say("", "Stop with Ctrl-C.");
    }

    /** One line on standard output: the part, then what it did. */
    private void say(String part, String text) {
        synchronized (out) {
            out.println(part.isEmpty() ? text : String.format("%-11s %s", part, text));
            out.flush();
        }
    }

    /** The port asked for, or a free one for 0: every part must know the others' ports before it starts. */
    private static int portOrFree(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
