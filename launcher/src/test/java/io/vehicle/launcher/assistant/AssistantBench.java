package io.vehicle.launcher.assistant;

import static io.vehicle.assistant.llm.ScriptedModelServer.calls;
import static io.vehicle.assistant.llm.ScriptedModelServer.hasToolResults;
import static io.vehicle.assistant.llm.ScriptedModelServer.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vehicle.assistant.eval.EvalRunner;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.intent.offline.OfflineIntentEngine;
import io.vehicle.assistant.llm.LlmSettings;
import io.vehicle.assistant.llm.ScriptedModelServer;
import io.vehicle.assistant.node.AssistantNode;
import io.vehicle.assistant.pipeline.TurnReport;
import io.vehicle.idl.assistant.v1.Outcome;
import io.vehicle.launcher.process.ChildJvm;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The AI node's benchmark ({@code bench/assistant}, docs/performance.md), in one run:
 * <ol>
 * <li>offline engine over a corpus: utterance to writes issued and to every ECU's CONFIRMED, from the node's own
 * timings ({@link TurnReport#timings()}), with {@link EmbeddedStack}'s ECUs that apply at once;</li>
 * <li>the language-model path against an OpenAI-compatible server on loopback that answers at once with a valid
 * tool call (real HTTP, streamed and not): the node's time minus the server's ({@link NodeOverhead});</li>
 * <li>the memory of a node in a process of its own ({@code vehicle assistant} against the same bridge, embedding
 * models loaded, after it has answered requests), and of this process for comparison.</li>
 * </ol>
 * Results go to stdout as markdown rows; logs to stderr.
 */
@Command(name = "bench/assistant", mixinStandardHelpOptions = true,
        description = "Benchmarks the AI node: offline corpus to CONFIRMED, LLM path overhead, RSS of a node process.")
public final class AssistantBench implements Callable<Integer> {

    private static final String TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    private static final String TEMPERATURE_TOOL = "set_cabin_hvac_station_row1_driver_temperature";
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Pattern NODE_READY = Pattern.compile("assistant node on [^ ]+:(\\d+) ");

    @Option(names = "--corpus", defaultValue = "services/src/test/resources/corpus/main.jsonl",
            description = "Cases (the eval format) for the offline engine (default ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--warm-up-passes", defaultValue = "1", description = "Unrecorded passes over the corpus first "
            + "(default ${DEFAULT-VALUE}).")
    int warmUpPasses;

    @Option(names = "--passes", defaultValue = "2", description = "Recorded passes over the corpus "
            + "(default ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--llm-turns", defaultValue = "300", description = "Recorded model turns per mode (streamed, "
            + "not streamed) (default ${DEFAULT-VALUE}).")
    int llmTurns;

    // A node in a car runs for hours: 100 turns leave the model path half compiled (2.6 ms at p50 streamed,
    // 1.5 ms after 1,000 on the same build), so the default measures the steady state.
    @Option(names = "--llm-warm-up", defaultValue = "1000", description = "Unrecorded model turns first, per mode "
            + "(default ${DEFAULT-VALUE}: the JIT's steady state).")
    int llmWarmUp;

    @Option(names = "--node-asks", defaultValue = "100", description = "Corpus utterances the node process answers "
            + "before its memory is read (default ${DEFAULT-VALUE}).")
    int nodeAsks;

    @Option(names = "--parts", split = ",", defaultValue = "offline,llm,memory", description = "What to measure, "
            + "any of offline, llm, memory (default ${DEFAULT-VALUE}); llm alone is quick to profile.")
    List<Part> parts;

    /** The bench's three measurements. */
    enum Part {
        offline,
        llm,
        memory
    }

    @Option(names = "--sd-port", defaultValue = "30790", description = "Private SD port of the embedded simulator "
            + "and bridge (default ${DEFAULT-VALUE}).")
    int sdPort;

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AssistantBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out.println("load average at start: " + loadAverage());
        long loading = System.nanoTime();
        IntentEngine engine = OfflineIntentEngine.load();
        out.printf(Locale.ROOT, "offline engine loaded in %.1f s%n", (System.nanoTime() - loading) / 1e9);
        Path directory = Files.createTempDirectory("assistant-bench-");
        out.println("audit logs in " + directory);
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.offline(sdPort, directory), engine)) {
            if (parts.contains(Part.offline)) {
                offline(stack);
            }
            if (parts.contains(Part.llm)) {
                for (boolean stream : new boolean[] {true, false}) {
                    modelPath(stack, engine, directory, stream);
                }
            }
            if (parts.contains(Part.memory)) {
                out.println();
                out.println("## Memory");
                nodeProcess(stack, directory);
                out.println("this process (simulator, bridge, offline node, two model nodes, model server, bench): "
                        + ProcessMemory.of(ProcessHandle.current().pid()).describe());
            }
        }
        out.println("load average at end: " + loadAverage());
        return 0;
    }

    /** The corpus through the embedded node, the offline engine reading. */
    private void offline(EmbeddedStack stack) throws IOException {
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        out.println();
        out.println("## Offline engine: " + corpus + ", " + lines.size() + " cases, " + warmUpPasses
                + " warm-up and " + passes + " recorded pass(es)");
        List<TurnReport> recorded = new ArrayList<>();
        try (EvalRunner runner = new EvalRunner(stack.node().pipeline(), stack.node().gateway(), stack.vehicle(),
                SETTLE)) {
            for (int pass = 0; pass < warmUpPasses + passes; pass++) {
                List<TurnReport> asked = new ArrayList<>();
                String cases = String.join("\n", lines.stream().map(separateSessions(pass)).toList());
                long started = System.nanoTime();
                EvalRunner.Summary summary = runner.run(new BufferedReader(new StringReader(cases)),
                        new PrintStream(OutputStream.nullOutputStream()), report -> {
                            // Answers to a confirmation question have no state_read: only utterances count.
                            if (report.timings().containsKey("state_read")) {
                                asked.add(report);
                            }
                        });
                boolean warmUp = pass < warmUpPasses;
                out.printf(Locale.ROOT, "pass %d%s: %s in %.1f s, load average %s%n", pass + 1,
                        warmUp ? " (warm-up)" : "", summary, (System.nanoTime() - started) / 1e9, loadAverage());
                if (!warmUp) {
                    recorded.addAll(asked);
                }
            }
        }
        List<TurnReport> done = recorded.stream().filter(r -> r.outcome() == Outcome.OUTCOME_DONE).toList();
        out.println();
        out.println("| of " + done.size() + " utterances that ended done (of " + recorded.size()
                + " recorded), ms from the request's start | n | p50 | p90 | p99 | max |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (String mark : List.of("state_read", "understood", "decided", "writes_issued", "confirmed", "replied")) {
            out.println(Spread.of(done.stream().map(r -> r.timings().get(mark)).toList()).row(mark));
        }
        out.println(Spread.of(done.stream().map(r -> r.timings().get("understood") - r.timings().get("state_read"))
                .toList()).row("offline engine alone (understood − state_read)"));
    }

    /** The same case with its session renamed per pass, so a pass does not continue the last one's talks. */
    private Function<String, String> separateSessions(int pass) {
        return line -> {
            try {
                ObjectNode parsed = (ObjectNode) json.readTree(line);
                if (parsed.hasNonNull("session")) {
                    parsed.put("session", parsed.get("session").asText() + "-pass" + pass);
                }
                return parsed.toString();
            } catch (IOException | ClassCastException e) {
                return line; // the runner reports a bad line as an error result
            }
        };
    }

    /**
     * Model turns through a second node on the same bridge: "set the temperature to N", the server answers with
     * the matching tool call at once, and once more with a sentence for the reply.
     */
    private void modelPath(EmbeddedStack stack, IntentEngine engine, Path directory, boolean stream)
            throws Exception {
        String mode = stream ? "streamed" : "not streamed";
        Vertx vertx = Vertx.vertx();
        try (ScriptedModelServer model = ScriptedModelServer.start(vertx)) {
            AtomicInteger target = new AtomicInteger();
            model.script(request -> hasToolResults(request) ? text("Driver side set.")
                    : calls(ScriptedModelServer.call("call_1", TEMPERATURE_TOOL, "{\"value\": " + target.get() + "}")));
            Duration deadline = Duration.ofSeconds(5);
            LlmSettings settings = LlmSettings.of(model.baseUrl(), "bench-model", "sk-bench")
                    .withDeadlines(deadline, deadline, deadline).withStream(stream);
            AssistantNode.Settings nodeSettings = AssistantNode.Settings.defaults(SocketAddress.inetSocketAddress(
                    stack.bridgeGrpcPort(), "127.0.0.1")).withPort(0)
                    .withAudit(directory.resolve("llm-" + (stream ? "streamed" : "whole") + "-audit.jsonl"))
                    .withLlm(settings);
            List<NodeOverhead> recorded = new ArrayList<>();
            Map<String, Integer> excluded = new LinkedHashMap<>();
            try (AssistantNode node = AssistantNode.start(nodeSettings, engine);
                    EvalRunner runner = new EvalRunner(node.pipeline(), node.gateway(), stack.vehicle(), SETTLE)) {
                for (int turn = 0; turn < llmWarmUp + llmTurns; turn++) {
                    int value = 18 + turn % 9;
                    target.set(value);
                    ObjectNode line = json.createObjectNode().put("id", "llm-" + turn)
                            .put("say", "set the temperature to " + value);
                    line.putObject("state").put(TEMPERATURE, turn % 2 == 0 ? value + 2 : value - 2)
                            .put("Vehicle.Speed", 0);
                    model.takeExchanges(0, Duration.ZERO);
                    List<TurnReport> reports = new ArrayList<>();
                    runner.runLine(line.toString(), reports::add);
                    TurnReport report = reports.isEmpty() ? null : reports.get(0);
                    String why = report == null ? "no answer" : !report.fallbackReason().isEmpty()
                            ? "fallback: " + report.fallbackReason() : report.outcome() != Outcome.OUTCOME_DONE
                            ? "outcome " + report.outcome() : null;
                    List<ScriptedModelServer.Exchange> exchanges = model.takeExchanges(why == null ? 2 : 0,
                            Duration.ofSeconds(2));
                    var split = why == null ? NodeOverhead.of(report.timings(), exchanges)
                            : java.util.Optional.<NodeOverhead>empty();
                    if (split.isEmpty()) {
                        excluded.merge(why != null ? why : exchanges.size() + " exchange(s)", 1, Integer::sum);
                    } else if (turn >= llmWarmUp) {
                        recorded.add(split.get());
                    }
                }
            }
            out.println();
            out.println("## Language-model path, " + mode + ": " + recorded.size() + " recorded turns after "
                    + llmWarmUp + " warm-up; load average " + loadAverage());
            if (!excluded.isEmpty()) {
                out.println("turns left out (fallback, failure, missing exchange): " + excluded);
            }
            if (recorded.isEmpty()) {
                return;
            }
            out.println();
            out.println("| ms per turn | n | p50 | p90 | p99 | max |");
            out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
            out.println(Spread.of(recorded.stream().map(NodeOverhead::llmPath).toList())
                    .row("node overhead on the model path (reading + wording)"));
            out.println(Spread.of(recorded.stream().map(NodeOverhead::reading).toList())
                    .row("reading: state_read → understood, minus the first exchange"));
            out.println(Spread.of(recorded.stream().map(NodeOverhead::wording).toList())
                    .row("wording: confirmed → replied, minus the second exchange"));
            out.println(Spread.of(recorded.stream().map(NodeOverhead::turn).toList())
                    .row("whole turn to the reply, minus both exchanges"));
            out.println(Spread.of(recorded.stream().map(NodeOverhead::model).toList())
                    .row("the model server's two exchanges"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code vehicle assistant} as a process of its own against the embedded bridge: it answers {@link #nodeAsks}
     * corpus utterances over its gRPC API, then its memory is read, before and after a full GC.
     */
    private void nodeProcess(EmbeddedStack stack, Path directory) throws Exception {
        List<String> says = new ArrayList<>();
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                says.add(json.readTree(line).path("say").asText());
            }
        }
        List<String> command = ChildJvm.command(List.of(), List.of("assistant", "--bridge", "127.0.0.1:"
                + stack.bridgeGrpcPort(), "--port", "0", "--audit", directory.resolve("node-process-audit.jsonl")
                .toString()));
        long started = System.nanoTime();
        Process node = new ProcessBuilder(command).redirectOutput(directory.resolve("node-process.out").toFile())
                .start();
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> copyUntilEnd(node, directory.resolve("node-process.err"), port),
                    "node-process-stderr");
            reader.setDaemon(true);
            reader.start();
            int assistantPort = port.get(180, TimeUnit.SECONDS);
            out.printf(Locale.ROOT, "node process %d (vehicle assistant, JVM defaults: no -Xmx) serving after %.1f s "
                    + "(engine loaded)%n", node.pid(), (System.nanoTime() - started) / 1e9);
            try (AssistantCalls driver = new AssistantCalls(assistantPort)) {
                for (int i = 0; i < nodeAsks; i++) {
                    driver.ask("memory-" + i, says.get(i % says.size()));
                }
            }
            out.println("node process after " + nodeAsks + " utterances: " + ProcessMemory.of(node.pid()).describe());
            ProcessMemory.jcmd(node.pid(), "GC.run");
            out.println("node process after a full GC (jcmd GC.run): " + ProcessMemory.of(node.pid()).describe());
        } finally {
            node.destroy();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** Copies the node's stderr to a file; completes {@code port} once the node says where it serves. */
    private static void copyUntilEnd(Process node, Path file, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getErrorStream(),
                StandardCharsets.UTF_8)); PrintWriter copy = new PrintWriter(Files.newBufferedWriter(file))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                copy.println(line);
                copy.flush();
                Matcher ready = NODE_READY.matcher(line);
                if (ready.find()) {
                    port.complete(Integer.parseInt(ready.group(1)));
                }
            }
            port.completeExceptionally(new IOException("the node process ended before serving; see " + file));
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
