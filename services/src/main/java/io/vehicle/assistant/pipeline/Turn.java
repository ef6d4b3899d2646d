package io.vehicle.assistant.pipeline;

import static io.vehicle.assistant.pipeline.AssistantPipeline.fields;

import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.assistant.reply.ActionResult;
import io.vehicle.assistant.reply.ActionStatus;
import io.vehicle.idl.assistant.v1.ActionDecision;
import io.vehicle.idl.assistant.v1.Decision;
import io.vehicle.idl.assistant.v1.ErrorCode;
import io.vehicle.idl.assistant.v1.Outcome;
import io.vehicle.idl.assistant.v1.Question;
import io.vehicle.idl.assistant.v1.QuestionKind;
import io.vehicle.idl.assistant.v1.Reply;
import io.vehicle.idl.assistant.v1.Understood;
import io.vehicle.idl.assistant.v1.WriteIssued;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request on its way through the pipeline: it streams the steps, writes the audit lines, keeps the timings
 * and what became of each action, and ends with exactly one Reply.
 */
final class Turn {

    /** What became of one action so far; becomes a {@link TurnReport.ActionReport}. */
    private static final class Track {
        final String path;
        final Object value;
        String decision = "";
        String reason = "";
        String result = "not_written";

        Track(ProposedAction action) {
            this.path = action.path();
            this.value = ValueCodec.forJson(action.value());
        }
    }

    private final Steps steps;
    private final Session session;
    private final AssistantPipeline pipeline;
    private final long start = System.nanoTime();
    private final Map<String, Double> timings = new LinkedHashMap<>();
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private String engine = "";
    private String fallbackReason = "";

    Turn(Steps steps, Session session, AssistantPipeline pipeline) {
        this.steps = steps;
        this.session = session;
        this.pipeline = pipeline;
    }

    void mark(String name) {
        timings.put(name, (System.nanoTime() - start) / 1e6);
    }

    /** From an interpretation to the reply. */
    TurnReport run(Interpretation interpretation, VehicleState state, boolean dryRun) {
        Understanding understanding = interpretation.understanding();
        engine = understanding.engine();
        fallbackReason = interpretation.fallbackReason();
        mark("understood");
        steps.emit(step -> step.setUnderstood(Understood.newBuilder().setEngine(engine)
                .setFallbackReason(fallbackReason).setLanguage(Steps.languageTag(understanding.language()))
                .setConfidence(interpretation.confidence())
                .addAllActions(understanding.actions().stream()
                        .map(a -> Steps.proposed(a, pipeline.catalog(), state)).toList())));
        pipeline.audit().record(steps.correlationId(), steps.sessionId(), "understood", fields(
                "engine", engine, "fallback_reason", fallbackReason.isEmpty() ? null : fallbackReason,
                "kind", understanding.kind().name().toLowerCase(Locale.ROOT),
                "language", Steps.languageTag(understanding.language()),
                "actions", actionFields(understanding.actions()),
                "question", understanding.question().isEmpty() ? null : understanding.question(),
                "refused_by_node", interpretation.refusals().isEmpty() ? null : interpretation.refusals().stream()
                        .map(r -> fields("path", r.path(), "value", ValueCodec.forJson(r.value()), "reason",
                                r.reason())).toList(),
                "details", interpretation.details().isEmpty() ? null : interpretation.details(),
                "ms", timings.get("understood")));
        for (ActionResult refusal : interpretation.refusals()) {
            Track track = new Track(new ProposedAction(refusal.path(), refusal.value(), refusal.reason()));
            track.decision = "refused_by_node";
            track.reason = refusal.reason();
            tracks.put(refusal.path(), track);
        }
        switch (understanding.kind()) {
            case NOT_UNDERSTOOD:
                return finish(understanding.language(), Outcome.OUTCOME_NOT_UNDERSTOOD,
                        pipeline.replies().compose(understanding, List.of()), "");
            case CLARIFY:
                steps.emit(step -> step.setQuestion(Question.newBuilder().setKind(
                        QuestionKind.QUESTION_KIND_CLARIFICATION).setText(understanding.question())));
                return finish(understanding.language(), Outcome.OUTCOME_NEEDS_CLARIFICATION, understanding.question(),
                        "");
            default:
                return act(understanding, interpretation, dryRun);
        }
    }

    /** Dry run, then the writes the policy allows, a question for those it wants confirmed, and the reply. */
    private TurnReport act(Understanding understanding, Interpretation interpretation, boolean dryRun) {
        List<ActionResult> results = new ArrayList<>(interpretation.refusals());
        List<ProposedAction> sendable = new ArrayList<>();
        for (ProposedAction action : understanding.actions()) {
            Track track = tracks.computeIfAbsent(action.path(), p -> new Track(action));
            if (Steps.wire(pipeline.catalog(), action.path(), action.value()).isEmpty()) {
                track.decision = "refused_by_node";
                track.reason = "not a value of " + action.path() + ": " + action.value();
                results.add(pipeline.translator().refusedByNode(action, track.reason));
            } else {
                sendable.add(action);
            }
        }
        List<ProposedAction> allowed = new ArrayList<>();
        List<ProposedAction> held = new ArrayList<>();
        if (!sendable.isEmpty()) {
            Map<String, WriteResult> answers = dryRun(sendable);
            mark("decided");
            Decision.Builder decision = Decision.newBuilder();
            List<Map<String, Object>> audited = new ArrayList<>();
            for (ProposedAction action : sendable) {
                WriteResult answer = answers.get(action.path());
                decision.addActions(ActionDecision.newBuilder().setPath(action.path()).setValue(
                        Steps.wire(pipeline.catalog(), action.path(), action.value()).orElseThrow())
                        .setVerdict(answer.getVerdict()).setStatus(answer.getStatus()));
                Track track = tracks.get(action.path());
                track.decision = lower(answer.getStatus());
                track.reason = answer.getReason();
                audited.add(fields("path", action.path(), "value", ValueCodec.forJson(action.value()), "status",
                        track.decision, "rule", answer.getVerdict().getRuleId(), "check",
                        answer.getVerdict().getCheck().name(), "reason", answer.getReason()));
                switch (answer.getStatus()) {
                    case WRITE_STATUS_ALLOWED -> allowed.add(action);
                    case WRITE_STATUS_NEEDS_CONFIRMATION -> held.add(action);
                    default -> results.add(pipeline.translator().translate(action, answer));
                }
            }
            steps.emit(step -> step.setDecision(decision));
            pipeline.audit().record(steps.correlationId(), steps.sessionId(), "decision", fields("actions", audited,
                    "ms", timings.get("decided")));
        }
        if (dryRun) {
            List<ActionResult> wouldBe = new ArrayList<>(results);
            allowed.forEach(a -> wouldBe.add(ActionResult.confirmed(a.path(), a.value())));
            held.forEach(a -> wouldBe.add(ActionResult.of(a.path(), a.value(), ActionStatus.NEEDS_CONFIRMATION, "")));
            return finish(understanding.language(), Outcome.OUTCOME_DRY_RUN,
                    pipeline.replies().dryRun(understanding, wouldBe), "");
        }
        if (!allowed.isEmpty()) {
            results.addAll(write(allowed, false, false));
        }
        if (held.isEmpty()) {
            return reply(understanding, results, interpretation.wording());
        }
        HeldConfirmation question = pipeline.hold(session, steps.correlationId(), understanding, held);
        String questionText = pipeline.replies().compose(understanding, held.stream()
                .map(a -> ActionResult.of(a.path(), a.value(), ActionStatus.NEEDS_CONFIRMATION, "")).toList());
        steps.emit(step -> step.setQuestion(Question.newBuilder().setQuestionId(question.questionId())
                .setKind(QuestionKind.QUESTION_KIND_CONFIRMATION).setText(questionText)
                .addAllPaths(AssistantPipeline.paths(held)).setExpires(Steps.timestamp(question.expires()))));
        pipeline.audit().record(steps.correlationId(), steps.sessionId(), "question", fields("question_id",
                question.questionId(), "kind", "confirmation", "text", questionText, "paths",
                AssistantPipeline.paths(held), "expires", question.expires().toString()));
        String done = results.isEmpty() ? "" : pipeline.replies().compose(understanding, results);
        return finish(understanding.language(), Outcome.OUTCOME_NEEDS_CONFIRMATION,
                done.isEmpty() ? questionText : done + " " + questionText, question.questionId());
    }

    /**
     * The policy's answer for each action. The gateway judges a request as a whole: when it refuses one action
     * (or wants it confirmed), the others come back NOT_ATTEMPTED, unjudged. Those are asked again on their own,
     * until every action has a verdict; each round settles at least one action, so there are at most as many
     * rounds as actions (one in the common case).
     */
    private Map<String, WriteResult> dryRun(List<ProposedAction> actions) {
        Map<String, WriteResult> answers = new LinkedHashMap<>();
        List<ProposedAction> pending = actions;
        while (!pending.isEmpty()) {
            WriteResponse dry = pipeline.await(pipeline.gateway().write(request(pending, true, false)),
                    "Write (dry run)");
            List<WriteResult> results = answers(dry, pending);
            List<ProposedAction> unjudged = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (results.get(i).getStatus() == WriteStatus.WRITE_STATUS_NOT_ATTEMPTED) {
                    unjudged.add(pending.get(i));
                }
                answers.put(pending.get(i).path(), results.get(i));
            }
            if (unjudged.size() == pending.size()) {
                break; // nothing settled: keep NOT_ATTEMPTED rather than ask for ever
            }
            pending = unjudged;
        }
        return answers;
    }

    /** The driver said yes: the held actions are written with the driver's confirmation asserted. */
    TurnReport writeConfirmed(Understanding understanding, List<ProposedAction> actions) {
        engine = understanding.engine();
        for (ProposedAction action : actions) {
            tracks.computeIfAbsent(action.path(), p -> new Track(action)).decision = "needs_confirmation";
        }
        List<ActionResult> results = write(actions, true, false);
        return reply(understanding, results, Interpretation.FinalWording.NONE);
    }

    /** Nothing is written: the driver declined a question or dismissed a suggestion. */
    TurnReport cancel(Understanding understanding, List<ProposedAction> actions, String why) {
        engine = understanding.engine();
        for (ProposedAction action : actions) {
            Track track = tracks.computeIfAbsent(action.path(), p -> new Track(action));
            track.reason = why;
        }
        return finish(understanding.language(), Outcome.OUTCOME_CANCELLED,
                pipeline.replies().cancelled(understanding.language()), "");
    }

    /** Something broke: an Error step, then a plain apology. */
    TurnReport fail(ErrorCode code, String message, Language language) {
        steps.error(code, message);
        pipeline.audit().record(steps.correlationId(), steps.sessionId(), "error", fields("code", code.name(),
                "message", message));
        return finish(language, Outcome.OUTCOME_ERROR, pipeline.replies().failed(language), "");
    }

    /**
     * Sends the writes and waits for the ECUs' answers. A batch the gateway refuses as a whole at write time
     * (the vehicle changed since the dry run) leaves the other writes NOT_ATTEMPTED: those are sent once more on
     * their own.
     */
    private List<ActionResult> write(List<ProposedAction> actions, boolean driverConfirmed, boolean retry) {
        for (ProposedAction action : actions) {
            steps.emit(step -> step.setWriteIssued(WriteIssued.newBuilder().setPath(action.path()).setValue(
                    Steps.wire(pipeline.catalog(), action.path(), action.value()).orElseThrow())));
        }
        mark(retry ? "writes_reissued" : "writes_issued");
        pipeline.audit().record(steps.correlationId(), steps.sessionId(), "write", fields("actions",
                actionFields(actions), "driver_confirmed", driverConfirmed, "retry", retry ? true : null));
        Duration deadline = pipeline.settings().writeDeadline(pipeline.confirmWait(actions));
        WriteResponse response = pipeline.await(pipeline.gateway().write(request(actions, false, driverConfirmed),
                deadline), "Write", deadline);
        List<WriteResult> answers = answers(response, actions);
        mark(retry ? "reconfirmed" : "confirmed");
        List<ActionResult> results = new ArrayList<>();
        List<ProposedAction> notAttempted = new ArrayList<>();
        List<Map<String, Object>> audited = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            ProposedAction action = actions.get(i);
            WriteResult answer = answers.get(i);
            steps.emit(step -> step.setWriteResult(answer));
            Track track = tracks.computeIfAbsent(action.path(), p -> new Track(action));
            track.result = lower(answer.getStatus());
            if (answer.getStatus() != WriteStatus.WRITE_STATUS_CONFIRMED && !answer.getReason().isEmpty()) {
                track.reason = answer.getReason();
            }
            audited.add(fields("path", action.path(), "status", track.result, "reason", answer.getReason().isEmpty()
                    ? null : answer.getReason(), "confirmed_value", answer.hasConfirmedValue()
                    ? ValueCodec.forJson(ValueCodec.toPlain(answer.getConfirmedValue())) : null));
            if (answer.getStatus() == WriteStatus.WRITE_STATUS_NOT_ATTEMPTED && !retry) {
                notAttempted.add(action);
            } else {
                results.add(pipeline.translator().translate(action, answer));
            }
        }
        pipeline.audit().record(steps.correlationId(), steps.sessionId(), "result", fields("outcome",
                response.getOutcome().name(), "actions", audited, "ms", timings.get(retry ? "reconfirmed"
                        : "confirmed")));
        if (!notAttempted.isEmpty()) {
            results.addAll(write(notAttempted, driverConfirmed, true));
        }
        return results;
    }

    private TurnReport reply(Understanding understanding, List<ActionResult> results,
            Interpretation.FinalWording wording) {
        Outcome outcome = outcomeOf(results);
        String composed = pipeline.replies().compose(understanding, results);
        // A model may word a success; a refusal is always told in the node's own words, from the gateway's facts.
        String text = outcome == Outcome.OUTCOME_DONE ? wording.word(results).orElse(composed) : composed;
        return finish(understanding.language(), outcome, text, "");
    }

    private TurnReport finish(Language language, Outcome outcome, String text, String questionId) {
        mark("replied");
        Reply reply = Reply.newBuilder().setText(text).setLanguage(Steps.languageTag(language)).setOutcome(outcome)
                .build();
        steps.emit(step -> step.setReply(reply));
        pipeline.audit().record(steps.correlationId(), steps.sessionId(), "reply", fields("text", text, "language",
                reply.getLanguage(), "outcome", lower(outcome), "engine", engine, "question_id",
                questionId.isEmpty() ? null : questionId, "timings_ms", timings));
        List<TurnReport.ActionReport> actions = tracks.values().stream()
                .map(t -> new TurnReport.ActionReport(t.path, t.value, t.decision, t.reason, t.result)).toList();
        return new TurnReport(steps.correlationId(), engine, fallbackReason, reply, actions, questionId, timings);
    }

    static Outcome outcomeOf(List<ActionResult> results) {
        long confirmed = results.stream().filter(r -> r.status() == ActionStatus.CONFIRMED).count();
        if (confirmed > 0) {
            return confirmed == results.size() ? Outcome.OUTCOME_DONE : Outcome.OUTCOME_PARTIAL;
        }
        // Nothing changed: the policy, the node, or an ECU refused, or an ECU was not there; the reply says which.
        return Outcome.OUTCOME_REFUSED;
    }

    private WriteRequest request(List<ProposedAction> actions, boolean dryRun, boolean driverConfirmed) {
        WriteRequest.Builder request = WriteRequest.newBuilder().setDryRun(dryRun).setDriverConfirmed(driverConfirmed)
                .setCorrelationId(steps.correlationId())
                .setConfirmTimeoutMs((int) pipeline.confirmWait(actions).toMillis());
        for (ProposedAction action : actions) {
            request.addWrites(SignalWrite.newBuilder().setPath(action.path()).setValue(
                    Steps.wire(pipeline.catalog(), action.path(), action.value()).orElseThrow()));
        }
        return request.build();
    }

    private static List<WriteResult> answers(WriteResponse response, List<ProposedAction> sent) {
        if (response.getResultsCount() != sent.size()) {
            throw new io.vehicle.assistant.gateway.GatewayException("the gateway answered " + response.getResultsCount()
                    + " results for " + sent.size() + " writes");
        }
        for (int i = 0; i < sent.size(); i++) {
            if (!response.getResults(i).getPath().equals(sent.get(i).path())) {
                throw new io.vehicle.assistant.gateway.GatewayException("the gateway's result " + i + " is for "
                        + response.getResults(i).getPath() + ", not " + sent.get(i).path());
            }
        }
        return response.getResultsList();
    }

    private static List<Map<String, Object>> actionFields(List<ProposedAction> actions) {
        return actions.stream().map(a -> fields("path", a.path(), "value", ValueCodec.forJson(a.value()), "reason",
                a.reason())).toList();
    }

    static String lower(Enum<?> value) {
        String name = value.name();
        for (String prefix : List.of("WRITE_STATUS_", "OUTCOME_")) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
