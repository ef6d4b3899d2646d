package io.vehicle.launcher.assistant;

import io.vehicle.assistant.eval.EvalRunner;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.intent.offline.OfflineIntentEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vehicle assistant eval < cases.jsonl > results.jsonl}: cases against an embedded simulator, bridge and
 * node (see docs/assistant.md for the contract). Results go to stdout, one JSON line per case; logs to stderr.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Runs cases (JSON lines on stdin: {\"id\", \"say\", \"state\", \"session\", \"confirm\"}) against "
                + "an embedded simulator, bridge and assistant node, and writes one result line per case to stdout: "
                + "{\"id\", \"say\", \"engine\", \"outcome\", \"actions\", \"after\", \"reply\"}.",
                "Lines with a corpus \"expect\" are judged against it (policy and ECUs in the loop); the pass rate "
                        + "and every failed case go to stderr.",
                "A bad line gives outcome error and the run goes on. Exit status 0 when every line was answered."})
public final class AssistantEvalCommand implements Callable<Integer> {

    @Option(names = "--sd-port", defaultValue = "30690", description = "Private SD port of the embedded simulator and "
            + "bridge (default ${DEFAULT-VALUE}), so a running demo on 30490 is not disturbed.")
    int sdPort;

    @Option(names = "--work-dir", description = "Where the audit logs of the run go (default: a new temporary "
            + "directory, named on stderr).")
    Path workDir;

    @Option(names = "--settle-ms", defaultValue = "15000", description = "How long the bridge may take to show a "
            + "forced state (the first case waits for the ECUs to be found) (default ${DEFAULT-VALUE}).")
    long settleMs;

    @Mixin
    NodeOptions options = new NodeOptions();

    PrintStream out = System.out;
    PrintStream err = System.err;
    java.io.InputStream in = System.in;
    /** Where the offline engine comes from; tests share one loaded engine across their stacks. */
    Supplier<IntentEngine> engine = OfflineIntentEngine::load;
    /** The last run's summary (for tests that run the command in-process). */
    EvalRunner.Summary summary;

    @Override
    public Integer call() throws Exception {
        Path directory = workDir != null ? workDir : Files.createTempDirectory("assistant-eval-");
        err.println("assistant eval: audit logs in " + directory.toAbsolutePath());
        try (EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Options(sdPort, directory,
                options.llm(System.getenv()), Duration.ofSeconds(30)), engine.get())) {
            try (EvalRunner runner = new EvalRunner(stack.node().pipeline(), stack.node().gateway(),
                    stack.vehicle(), Duration.ofMillis(settleMs))) {
                summary = runner.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out,
                        report -> { });
            }
        }
        summary.failures().forEach(failure -> err.println("assistant eval: FAILED " + failure));
        err.println("assistant eval: " + summary);
        return 0;
    }
}
