package io.vehicle.launcher.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.assistant.eval.EvalRunner;
import io.vehicle.assistant.intent.SharedOfflineEngine;
import io.vehicle.testing.TestPorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vehicle assistant eval} as a user runs it (picocli, JSON lines in and out), with its embedded simulator,
 * bridge and node: the corpora with the policy and the ECUs in the loop, and bad input lines.
 */
class AssistantEvalCommandTest {

    /** As at the engine's level (CorpusTest): measured 90/99, then 99/99 after the general fixes its misses led to. */
    private static final double HELD_OUT_FLOOR = 95.0;
    private static final double BLIND_FLOOR = 95.0;
    /** blind2.jsonl: 40/40 through the policy and the ECUs after the construction fixes (34/40 at the engine before). */
    private static final double BLIND2_FLOOR = 95.0;
    /** blind3.jsonl and blind3b.jsonl, as at the engine's level (CorpusTest). */
    private static final double BLIND3_FLOOR = 95.0;
    private static final double BLIND3B_FLOOR = 93.0;
    /** blind4.jsonl and blind4b.jsonl, as at the engine's level (CorpusTest). */
    private static final double BLIND4_FLOOR = 95.0;
    private static final double BLIND4B_FLOOR = 93.0;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    /** A run's result lines, in order, and its summary. */
    private record Run(List<JsonNode> results, EvalRunner.Summary summary, String err) {
    }

    private Run eval(InputStream in, int slot) throws IOException {
        AssistantEvalCommand command = new AssistantEvalCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.in = in;
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.engine = SharedOfflineEngine::get;
        int exit = new CommandLine(command).execute("--sd-port", String.valueOf(TestPorts.sdPort(slot)),
                "--work-dir", dir.resolve("run-" + slot).toString());
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> results = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                results.add(json.readTree(line));
            }
        }
        System.out.print(err.toString(StandardCharsets.UTF_8));
        return new Run(results, command.summary, err.toString(StandardCharsets.UTF_8));
    }

    private Run corpus(String name, int slot) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("corpus/" + name)) {
            assertThat(in).as(name).isNotNull();
            return eval(in, slot);
        }
    }

    private static void assertContract(List<JsonNode> results) {
        assertThat(results).allSatisfy(r -> {
            assertThat(r.fieldNames()).toIterable().containsExactly("id", "say", "engine", "outcome", "actions",
                    "after", "reply");
            assertThat(r.path("outcome").asText()).isIn("done", "partial", "refused", "not_understood",
                    "needs_confirmation", "error");
            r.path("actions").forEach(a -> {
                assertThat(a.fieldNames()).toIterable().containsExactly("path", "value", "decision", "reason",
                        "result");
                assertThat(r.path("after").has(a.path("path").asText())).as(r.path("id").asText()).isTrue();
            });
        });
    }

    @Test
    void theMainCorpusPassesCompletelyWithThePolicyAndTheEcusInTheLoop() throws IOException {
        Run run = corpus("main.jsonl", 0);
        assertThat(run.summary().judged()).isGreaterThanOrEqualTo(400);
        assertThat(run.results()).hasSize(run.summary().lines());
        assertContract(run.results());
        long chinese = run.results().stream().filter(r -> r.path("say").asText().codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)).count();
        assertThat(chinese).isBetween(run.results().size() * 2L / 5, run.results().size() * 3L / 5);
        assertThat(run.summary().failures()).isEmpty();
        assertThat(run.err()).contains("passed (100.0 %)");
        // Every utterance of the run is in the node's audit log with its intent, decisions, writes and reply.
        AuditTrail.assertComplete(dir.resolve("run-0").resolve("assistant-audit.jsonl"), 400);
    }

    @Test
    void theHeldOutAndBlindCorporaStayAboveTheirFloors() throws IOException {
        assertAboveFloor("heldout.jsonl", 1, HELD_OUT_FLOOR);
        assertAboveFloor("blind.jsonl", 2, BLIND_FLOOR);
        assertAboveFloor("blind2.jsonl", 3, BLIND2_FLOOR);
    }

    @Test
    void theThirdBlindCorporaStayAboveTheirFloors() throws IOException {
        assertAboveFloor("blind3.jsonl", 5, BLIND3_FLOOR);
        assertAboveFloor("blind3b.jsonl", 6, BLIND3B_FLOOR);
    }

    @Test
    void theFourthBlindCorporaStayAboveTheirFloors() throws IOException {
        assertAboveFloor("blind4.jsonl", 7, BLIND4_FLOOR);
        assertAboveFloor("blind4b.jsonl", 8, BLIND4B_FLOOR);
    }

    /** Runs a corpus through the eval (in its own slot) and checks the contract and the pass rate. */
    private void assertAboveFloor(String name, int slot, double floor) throws IOException {
        Run run = corpus(name, slot);
        System.out.printf("eval %s: %s%n", name, run.summary());
        assertContract(run.results());
        assertThat(run.summary().rate()).as(name + " pass rate").isGreaterThanOrEqualTo(floor);
    }

    @Test
    void badLinesAreAnsweredWithTheirReasonAndTheRunGoesOn() throws IOException {
        String lines = String.join("\n", "this is not json",
                "{\"say\": \"hello\"}",
                "{\"id\": \"no-such\", \"say\": \"hello\", \"state\": {\"Vehicle.Warp.Drive\": 9}}",
                "{\"id\": \"bad-value\", \"say\": \"hello\", \"state\": {\"Vehicle.Cabin.HVAC.IsAirConditioningActive\": \"maybe\"}}",
                "",
                "{\"id\": \"good\", \"say\": \"set the temperature to 21\", \"state\": {\"Vehicle.Speed\": 0}}");
        Run run = eval(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), 4);
        assertThat(run.results()).hasSize(5);
        assertContract(run.results());
        assertThat(run.results().subList(0, 4)).allSatisfy(r -> assertThat(r.path("outcome").asText())
                .isEqualTo("error"));
        assertThat(run.results().get(0).path("reply").asText()).startsWith("not JSON");
        assertThat(run.results().get(1).path("reply").asText()).contains("\"id\"");
        assertThat(run.results().get(2).path("reply").asText()).contains("unknown signal Vehicle.Warp.Drive");
        assertThat(run.results().get(3).path("reply").asText()).contains("IsAirConditioningActive");
        JsonNode good = run.results().get(4);
        assertThat(good.path("outcome").asText()).isEqualTo("done");
        assertThat(good.path("engine").asText()).isEqualTo("offline");
        assertThat(good.path("after").path("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature").asDouble())
                .isEqualTo(21.0);
    }
}
