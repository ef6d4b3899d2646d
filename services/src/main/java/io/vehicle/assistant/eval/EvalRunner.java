package io.vehicle.assistant.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vehicle.assistant.gateway.GatewayLink;
import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.assistant.pipeline.AssistantPipeline;
import io.vehicle.assistant.pipeline.RequestRejected;
import io.vehicle.assistant.pipeline.TurnReport;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.ConfirmRequest;
import io.vehicle.idl.assistant.v1.Outcome;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vehicle assistant eval}: JSON lines in, one JSON line out per case, against a real vehicle (simulator),
 * bridge and node.
 *
 * <pre>
 * in:  {"id", "say", "state": {path: value}, "session": "optional", "confirm": true|false}
 * out: {"id", "say", "engine", "outcome": "done|partial|refused|not_understood|needs_confirmation|error",
 *       "actions": [{"path", "value", "decision", "reason", "result"}], "after": {path: value}, "reply"}
 * </pre>
 *
 * A line without a session starts from the default car (reset); lines of one session continue its
 * conversation. The state is forced on the vehicle, and the case is asked only once the bridge shows it.
 * {@code confirm: true} answers a confirmation question with yes; otherwise the question stays unanswered and the
 * outcome is {@code needs_confirmation}. {@code after} is read back from the vehicle for every path an action
 * named. A clarifying question counts as {@code not_understood}. A bad line gives {@code error} with the reason
 * as its reply, and the run goes on.
 */
public final class EvalRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EvalRunner.class);

    private final AssistantPipeline pipeline;
    private final TestVehicle vehicle;
    private final BridgeWatch bridge;
    private final Duration settle;
    private final Map<String, Signal> catalog;
    /** The signals whose values must have reached the bridge before a case: every actuator, plus speed and gear. */
    private final List<String> watched;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private int cases;

    /**
     * @param settle how long the bridge may take to show a forced state
     */
    public EvalRunner(AssistantPipeline pipeline, GatewayLink gateway, TestVehicle vehicle, Duration settle) {
        this.pipeline = pipeline;
        this.vehicle = vehicle;
        this.bridge = new BridgeWatch(gateway);
        this.settle = settle;
        this.catalog = VehicleCatalog.signals().stream().collect(Collectors.toMap(Signal::path, Function.identity()));
        this.watched = watchedSignals();
    }

    /** Every scalar actuator, plus speed and gear: what must have reached the bridge before a case is asked. */
    public static List<String> watchedSignals() {
        return VehicleCatalog.signals().stream()
                .filter(s -> (s.writable() && !s.type().startsWith("repeated")) || s.path().equals("Vehicle.Speed")
                        || s.path().equals("Vehicle.Powertrain.Transmission.SelectedGear"))
                .map(Signal::path).toList();
    }

    /**
     * What a run came to: lines answered, and of the lines with a corpus {@code expect}, how many met it
     * ({@link CaseJudge}) and why the others did not.
     */
    public record Summary(int lines, int judged, int passed, List<String> failures) {

        /** Pass rate in percent of the judged lines; 100 when none was judged. */
        public double rate() {
            return judged == 0 ? 100.0 : 100.0 * passed / judged;
        }

        @Override
        public String toString() {
            return lines + " case(s)" + (judged == 0 ? "" : String.format(java.util.Locale.ROOT,
                    ", %d with an expectation: %d passed (%.1f %%)", judged, passed, rate()));
        }
    }

    /** Runs every line of {@code in}; blank lines are skipped. Lines with an {@code expect} are judged too. */
    public Summary run(BufferedReader in, PrintStream out, Consumer<TurnReport> observer) throws IOException {
        int written = 0;
        int judged = 0;
        int passed = 0;
        List<String> failures = new java.util.ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode result = runLine(line, observer);
            out.println(result.toString());
            out.flush();
            written++;
            JsonNode parsed = expectation(line);
            if (parsed != null) {
                judged++;
                String mismatch = CaseJudge.mismatch(parsed, result);
                if (mismatch == null) {
                    passed++;
                } else {
                    failures.add(result.path("id").asText() + " \"" + result.path("say").asText() + "\": " + mismatch);
                }
            }
        }
        return new Summary(written, judged, passed, List.copyOf(failures));
    }

    /** The line as JSON when it carries an {@code expect} object, else null. */
    private JsonNode expectation(String line) {
        try {
            JsonNode parsed = json.readTree(line);
            return parsed != null && parsed.path("expect").isObject() ? parsed : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** One line to one result; never throws for a bad line. */
    public ObjectNode runLine(String line, Consumer<TurnReport> observer) {
        EvalCase evalCase;
        try {
            evalCase = EvalCase.parse(json.readTree(line), catalog);
        } catch (JsonProcessingException e) {
            return error("", "", "not JSON: " + e.getOriginalMessage());
        } catch (EvalCase.BadCase e) {
            return error(e.id, e.say, e.getMessage());
        }
        try {
            return runCase(evalCase, observer);
        } catch (RequestRejected | IllegalArgumentException | IllegalStateException e) {
            return error(evalCase.id(), evalCase.say(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("case {} failed", evalCase.id(), e);
            return error(evalCase.id(), evalCase.say(), e.toString());
        }
    }

    private ObjectNode runCase(EvalCase evalCase, Consumer<TurnReport> observer) {
        cases++;
        String session;
        if (evalCase.session() == null) {
            vehicle.reset();
            session = "eval-" + cases;
        } else {
            session = "eval-session-" + evalCase.session().replaceAll("[^A-Za-z0-9_.:-]", "_");
        }
        vehicle.force(evalCase.state());
        Set<String> paths = new LinkedHashSet<>(watched);
        paths.addAll(evalCase.state().keySet());
        bridge.await(vehicle.read(paths), settle);

        String correlation = "eval-" + cases + "-" + evalCase.id().replaceAll("[^A-Za-z0-9_.:-]", "_");
        if (correlation.length() > 120) {
            correlation = correlation.substring(0, 120);
        }
        TurnReport asked = pipeline.ask(AskRequest.newBuilder().setSessionId(session).setText(evalCase.say())
                .setCorrelationId(correlation).build(), step -> { });
        observer.accept(asked);
        TurnReport last = asked;
        Map<String, TurnReport.ActionReport> actions = new LinkedHashMap<>();
        asked.actions().forEach(a -> actions.put(a.path(), a));
        if (!asked.questionId().isEmpty() && evalCase.confirm()) {
            last = pipeline.confirm(ConfirmRequest.newBuilder().setSessionId(session)
                    .setQuestionId(asked.questionId()).setAccept(true).build(), step -> { });
            observer.accept(last);
            for (TurnReport.ActionReport confirmed : last.actions()) {
                TurnReport.ActionReport before = actions.get(confirmed.path());
                actions.put(confirmed.path(), new TurnReport.ActionReport(confirmed.path(), confirmed.value(),
                        before == null ? confirmed.decision() : before.decision(), confirmed.reason(),
                        confirmed.result()));
            }
            // Writes confirmed in the first turn and the ones the yes released together decide the outcome.
            boolean anyNotConfirmed = actions.values().stream().anyMatch(a -> !a.result().equals("confirmed"));
            boolean anyConfirmed = actions.values().stream().anyMatch(a -> a.result().equals("confirmed"));
            return result(evalCase, asked.engine(), anyConfirmed && anyNotConfirmed ? "partial"
                    : outcome(last.outcome()), actions, last.reply().getText());
        }
        return result(evalCase, asked.engine(), outcome(last.outcome()), actions, last.reply().getText());
    }

    private ObjectNode result(EvalCase evalCase, String engine, String outcome,
            Map<String, TurnReport.ActionReport> actions, String reply) {
        ObjectNode result = json.createObjectNode().put("id", evalCase.id()).put("say", evalCase.say())
                .put("engine", engine).put("outcome", outcome);
        ArrayNode list = result.putArray("actions");
        for (TurnReport.ActionReport action : actions.values()) {
            ObjectNode node = list.addObject().put("path", action.path());
            node.set("value", json.valueToTree(action.value()));
            node.put("decision", action.decision()).put("reason", action.reason()).put("result", action.result());
        }
        ObjectNode after = result.putObject("after");
        vehicle.read(actions.keySet()).forEach((path, value) -> after.set(path,
                json.valueToTree(ValueCodec.forJson(value))));
        result.put("reply", reply);
        return result;
    }

    private ObjectNode error(String id, String say, String reason) {
        ObjectNode result = json.createObjectNode().put("id", id).put("say", say).put("engine", "")
                .put("outcome", "error");
        result.putArray("actions");
        result.putObject("after");
        result.put("reply", reason);
        return result;
    }

    /** Ends the runner's subscription at the bridge. */
    @Override
    public void close() {
        bridge.close();
    }

    static String outcome(Outcome outcome) {
        return switch (outcome) {
            case OUTCOME_DONE -> "done";
            case OUTCOME_PARTIAL -> "partial";
            case OUTCOME_REFUSED, OUTCOME_CANCELLED -> "refused";
            case OUTCOME_NOT_UNDERSTOOD, OUTCOME_NEEDS_CLARIFICATION -> "not_understood";
            case OUTCOME_NEEDS_CONFIRMATION -> "needs_confirmation";
            default -> "error";
        };
    }
}
