package io.vehicle.launcher.assistant;

import io.vehicle.assistant.intent.offline.OfflineIntentEngine;
import io.vehicle.assistant.node.AssistantNode;
import io.vehicle.assistant.pipeline.AssistantPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vehicle assistant}: the AI orchestration node against a running bridge, serving
 * {@code vehicle.assistant.v1.Assistant} until stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "assistant", mixinStandardHelpOptions = true, subcommands = AssistantEvalCommand.class,
        description = {"Runs the AI orchestration node: understands drivers' requests (offline engine, or a language "
                + "model with the offline engine behind it), acts only through the bridge's gateway (its policy has "
                + "the last word), and serves the Assistant gRPC API. Stops on Ctrl-C or SIGTERM.",
                "Subcommand eval runs cases against an embedded simulator, bridge and node."})
public final class AssistantCommand implements Callable<Integer> {

    @Option(names = "--bridge", defaultValue = "127.0.0.1:55555", description = "The bridge's gRPC address "
            + "(default ${DEFAULT-VALUE}).")
    String bridge;

    @Option(names = "--token", description = "JWT for the bridge (default: $VEHICLE_BRIDGE_TOKEN; none for a bridge "
            + "without authorization).")
    String token;

    @Option(names = "--writer", defaultValue = "assistant", description = "The writer identity the bridge's policy "
            + "knows this node by; the model's tools come from its rules (default ${DEFAULT-VALUE}).")
    String writer;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Where to serve the Assistant API "
            + "(default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + AssistantNode.Settings.DEFAULT_PORT, description = "Port of the "
            + "Assistant API; 0 for any free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--audit", defaultValue = "assistant-audit.jsonl", description = "Append-only JSON-lines audit "
            + "log (default ${DEFAULT-VALUE}).")
    Path audit;

    @Option(names = "--question-timeout-ms", defaultValue = "30000", description = "How long a confirmation "
            + "question can be answered (default ${DEFAULT-VALUE}).")
    long questionTimeoutMs;

    @Mixin
    NodeOptions options = new NodeOptions();

    @Override
    public Integer call() throws Exception {
        AssistantPipeline.Settings defaults = AssistantPipeline.Settings.defaults();
        AssistantNode.Settings settings = new AssistantNode.Settings(NodeOptions.address(bridge, "--bridge"),
                token != null ? token : System.getenv().getOrDefault("VEHICLE_BRIDGE_TOKEN", ""), writer, host, port,
                audit, options.llm(System.getenv()), new AssistantPipeline.Settings(
                        Duration.ofMillis(questionTimeoutMs), defaults.confirmTimeout(), defaults.gatewayDeadline(),
                        defaults.maxSessions(), defaults.maxTextChars()));
        AssistantNode node = AssistantNode.start(settings, OfflineIntentEngine.load());
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "assistant-shutdown"));
        System.err.println("assistant node on " + host + ":" + node.port() + " (engine " + node.engine()
                + "), bridge " + bridge + ", audit " + audit.toAbsolutePath());
        new CountDownLatch(1).await(); // until the JVM is stopped; the hook closes the node
        return 0;
    }
}
