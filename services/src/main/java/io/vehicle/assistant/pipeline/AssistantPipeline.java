package io.vehicle.assistant.pipeline;

import io.vehicle.assistant.audit.AuditLog;
import io.vehicle.assistant.gateway.GatewayException;
import io.vehicle.assistant.gateway.GatewayLink;
import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.assistant.reply.ReplyComposer;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.ConfirmRequest;
import io.vehicle.idl.assistant.v1.ErrorCode;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.GetPolicyRequest;
import io.vehicle.idl.gateway.v1.PolicyRule;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's work on a driver's request, from words to confirmed writes:
 *
 * <pre>
 * utterance → current values (gateway GetSignals) → interpreter (engine or model) → proposed actions
 *   → gateway Write dry_run (policy: range, step, rate, preconditions, freshness, confirmation)
 *   → actions the policy allows are written; those it lets through only with the driver's yes are held
 *     behind a Question (Confirm within the timeout writes them with driver_confirmed; no or timeout drops them)
 *   → Write → each ECU's CONFIRMED (or why not) → one short reply in the driver's language
 * </pre>
 *
 * Everything reaches the vehicle through {@link GatewayLink}, a gRPC client of the bridge, so the bridge's policy
 * has the last word on every write. Each step is streamed to the caller and appended to the audit log under the
 * request's correlation id. Methods block until the request is done (call them off the event loop); requests of
 * one session run one at a time, different sessions in parallel.
 */
public final class AssistantPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantPipeline.class);
    private static final int MAX_ID_CHARS = 128;

    /**
     * @param questionTimeout how long a confirmation question can be answered
     * @param confirmTimeout  how long the bridge waits for each ECU's confirmation of a write, at least; longer
     *                        for an actuator that moves over time (its max_travel_ms in the catalog)
     * @param gatewayDeadline the longest any gateway call may take (must exceed {@code confirmTimeout}); a write
     *                        that waits for a moving actuator gets the same margin over its longer wait
     * @param maxSessions     sessions kept; the one idle longest is forgotten beyond this
     * @param maxTextChars    longer utterances are refused as invalid requests
     */
    public record Settings(Duration questionTimeout, Duration confirmTimeout, Duration gatewayDeadline,
            int maxSessions, int maxTextChars) {

        public Settings {
            if (gatewayDeadline.compareTo(confirmTimeout) <= 0) {
                throw new IllegalArgumentException("the gateway deadline (" + gatewayDeadline
                        + ") must exceed the confirmation timeout (" + confirmTimeout + ")");
            }
        }

        /**
         * How long the bridge waits for the ECUs to confirm writes of these signals: the confirmation timeout, or
         * the longest travel time (max_travel_ms) among them, as the bridge's write gate does.
         */
        public Duration confirmWait(Collection<Signal> signals) {
            Duration wait = confirmTimeout;
            for (Signal signal : signals) {
                if (signal.maxTravel().compareTo(wait) > 0) {
                    wait = signal.maxTravel();
                }
            }
            return wait;
        }

        /** The deadline of a write call that waits {@code confirmWait}: the same margin as for the default wait. */
        public Duration writeDeadline(Duration confirmWait) {
            return confirmWait.plus(gatewayDeadline.minus(confirmTimeout));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), 1000, 1000);
        }
    }

    private final GatewayLink gateway;
    private final Interpreter interpreter;
    private final ReplyComposer replies;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Clock clock;
    private final Settings settings;
    private final Sessions sessions;
    private final Map<String, Signal> catalog;
    private final ResultTranslator translator;

    public AssistantPipeline(GatewayLink gateway, Interpreter interpreter, ReplyComposer replies, AuditLog audit,
            Vertx vertx, Clock clock, Settings settings) {
        this.gateway = gateway;
        this.interpreter = interpreter;
        this.replies = replies;
        this.audit = audit;
        this.vertx = vertx;
        this.clock = clock;
        this.settings = settings;
        this.sessions = new Sessions(settings.maxSessions());
        this.catalog = VehicleCatalog.signals().stream().collect(Collectors.toMap(Signal::path, Function.identity()));
        this.translator = new ResultTranslator(catalog, this::policyRule);
    }

    public Settings settings() {
        return settings;
    }

    /** Understands an utterance and acts on it as far as the policy allows without asking. */
    public TurnReport ask(AskRequest request, Consumer<AssistantStep> sink) {
        String sessionId = checkId("session_id", request.getSessionId(), true);
        String text = request.getText();
        if (text.isBlank()) {
            throw RequestRejected.invalid("text is empty");
        }
        if (text.length() > settings.maxTextChars()) {
            throw RequestRejected.invalid("text is longer than " + settings.maxTextChars() + " characters");
        }
        String correlationId = correlationId(request.getCorrelationId());
        Session session = sessions.open(sessionId);
        session.lock.lock();
        try {
            Turn turn = newTurn(correlationId, session, sink);
            audit.record(correlationId, sessionId, "utterance", fields("text", text, "language_hint",
                    request.getLanguage(), "dry_run", request.getDryRun()));
            return guarded(turn, Language.of(text), () -> {
                VehicleState state = readState();
                turn.mark("state_read");
                Interpretation interpretation;
                try {
                    interpretation = interpreter.interpret(text, session.conversation, state);
                } catch (RuntimeException e) {
                    LOG.error("no engine could read '{}' ({})", text, correlationId, e);
                    return turn.fail(ErrorCode.ERROR_CODE_ENGINE_FAILED, "no engine could answer: " + e,
                            Language.of(text));
                }
                session.language = interpretation.understanding().language();
                return turn.run(interpretation, state, request.getDryRun());
            });
        } finally {
            session.lock.unlock();
        }
    }

    /** Answers a confirmation question: yes writes the held actions (checked again by the policy), no drops them. */
    public TurnReport confirm(ConfirmRequest request, Consumer<AssistantStep> sink) {
        String sessionId = checkId("session_id", request.getSessionId(), true);
        String questionId = checkId("question_id", request.getQuestionId(), true);
        Session session = sessions.find(sessionId).orElseThrow(() -> RequestRejected.notFound("no session "
                + sessionId));
        session.lock.lock();
        try {
            HeldConfirmation held = session.questions.remove(questionId);
            if (held == null) {
                throw RequestRejected.notFound("no open question " + questionId + " in session " + sessionId
                        + " (unknown, already answered, or expired)");
            }
            if (clock.instant().isAfter(held.expires())) {
                audit.record(held.correlationId(), sessionId, "question_expired", fields("question_id", questionId,
                        "paths", paths(held.actions())));
                throw RequestRejected.notFound("question " + questionId + " expired at " + held.expires());
            }
            String correlationId = request.getCorrelationId().isBlank() ? held.correlationId()
                    : correlationId(request.getCorrelationId());
            Turn turn = newTurn(correlationId, session, sink);
            audit.record(correlationId, sessionId, "confirmation", fields("question_id", questionId, "accepted",
                    request.getAccept(), "paths", paths(held.actions())));
            if (!request.getAccept()) {
                return turn.cancel(held.understanding(), held.actions(), "the driver declined");
            }
            return guarded(turn, held.understanding().language(),
                    () -> turn.writeConfirmed(held.understanding(), held.actions()));
        } finally {
            session.lock.unlock();
        }
    }

    /**
     * Performs actions the node proposed itself (an accepted suggestion) through the same dry run, confirmation
     * and policy as an utterance's.
     */
    public TurnReport perform(String sessionId, String correlationIdOrEmpty, Understanding understanding,
            String reason, Consumer<AssistantStep> sink) {
        checkId("session_id", sessionId, true);
        String correlationId = correlationId(correlationIdOrEmpty);
        Session session = sessions.open(sessionId);
        session.lock.lock();
        try {
            Turn turn = newTurn(correlationId, session, sink);
            audit.record(correlationId, sessionId, "utterance", fields("suggestion", reason));
            return guarded(turn, understanding.language(), () -> turn.run(Interpretation.of(understanding),
                    readState(), false));
        } finally {
            session.lock.unlock();
        }
    }

    /** Ends a request that was declined before anything was proposed to the gateway (a dismissed suggestion). */
    public TurnReport decline(String sessionId, String correlationIdOrEmpty, Understanding understanding,
            String reason, Consumer<AssistantStep> sink) {
        checkId("session_id", sessionId, true);
        String correlationId = correlationId(correlationIdOrEmpty);
        Session session = sessions.open(sessionId);
        Turn turn = newTurn(correlationId, session, sink);
        audit.record(correlationId, sessionId, "utterance", fields("suggestion", reason));
        return turn.cancel(understanding, understanding.actions(), "dismissed");
    }

    /** The ids of the confirmation questions a session has open. */
    public List<String> openQuestions(String sessionId) {
        return sessions.find(sessionId).map(s -> List.copyOf(s.questions.keySet())).orElse(List.of());
    }

    /** The language the session last spoke, English for a new one. */
    public Language sessionLanguage(String sessionId) {
        return sessions.find(sessionId).map(s -> s.language).orElse(Language.EN);
    }

    /** Current values of every signal the bridge has a value for. */
    public VehicleState readState() {
        List<SignalValue> values = await(gateway.signals(List.of("Vehicle")), "GetSignals").getSignalsList();
        Map<String, Object> state = new LinkedHashMap<>();
        for (SignalValue value : values) {
            if (value.getAvailability() == Availability.AVAILABILITY_AVAILABLE && value.hasValue()) {
                Object plain = ValueCodec.toPlain(value.getValue());
                if (plain instanceof Double || plain instanceof Boolean || plain instanceof String) {
                    state.put(value.getPath(), plain);
                }
            }
        }
        return VehicleState.of(state);
    }

    /** Runs the rest of a request; a failure after the first step ends the stream with an Error and a Reply. */
    private static TurnReport guarded(Turn turn, Language language, java.util.function.Supplier<TurnReport> work) {
        try {
            return work.get();
        } catch (GatewayException e) {
            return turn.fail(ErrorCode.ERROR_CODE_GATEWAY_UNAVAILABLE, e.getMessage(), language);
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            return turn.fail(ErrorCode.ERROR_CODE_INTERNAL, e.toString(), language);
        }
    }

    private Turn newTurn(String correlationId, Session session, Consumer<AssistantStep> sink) {
        return new Turn(new Steps(correlationId, session.id, sink, clock), session, this);
    }

    // ------------------------------------------------------------------------------------------ shared parts

    GatewayLink gateway() {
        return gateway;
    }

    ReplyComposer replies() {
        return replies;
    }

    AuditLog audit() {
        return audit;
    }

    Map<String, Signal> catalog() {
        return catalog;
    }

    ResultTranslator translator() {
        return translator;
    }

    Clock clock() {
        return clock;
    }

    /** Holds actions behind a question that expires (and is audited as expired) after the question timeout. */
    HeldConfirmation hold(Session session, String correlationId, Understanding understanding,
            List<ProposedAction> actions) {
        String questionId = "q-" + UUID.randomUUID();
        HeldConfirmation held = new HeldConfirmation(questionId, correlationId, understanding, actions,
                clock.instant().plus(settings.questionTimeout()));
        session.questions.put(questionId, held);
        vertx.setTimer(Math.max(1, settings.questionTimeout().toMillis()), timer -> {
            if (session.questions.remove(questionId, held)) {
                audit.record(correlationId, session.id, "question_expired", fields("question_id", questionId,
                        "paths", paths(actions)));
            }
        });
        return held;
    }

    /** How long the bridge will wait for the ECUs to confirm these writes (see {@link Settings#confirmWait}). */
    Duration confirmWait(List<ProposedAction> actions) {
        return settings.confirmWait(actions.stream().map(a -> catalog.get(a.path())).filter(Objects::nonNull).toList());
    }

    <T> T await(Future<T> future, String what) {
        return await(future, what, settings.gatewayDeadline());
    }

    <T> T await(Future<T> future, String what, Duration deadline) {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(deadline.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof GatewayException gateway ? gateway
                    : new GatewayException(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new GatewayException(what + ": no answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(what + " interrupted");
        }
    }

    private Optional<PolicyRule> policyRule(String ruleId) {
        if (ruleId.isEmpty()) {
            return Optional.empty();
        }
        try {
            return await(gateway.policy(GetPolicyRequest.getDefaultInstance()), "GetPolicy").getRulesList().stream()
                    .filter(rule -> rule.getId().equals(ruleId)).findFirst();
        } catch (GatewayException e) {
            LOG.warn("cannot read the policy to explain rule {}: {}", ruleId, e.getMessage());
            return Optional.empty();
        }
    }

    static List<String> paths(List<ProposedAction> actions) {
        return actions.stream().map(ProposedAction::path).toList();
    }

    /** An ordered map of audit fields from alternating names and values (nulls are left out by the log). */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String correlationId(String given) {
        if (given.isBlank()) {
            return "c-" + UUID.randomUUID();
        }
        return checkId("correlation_id", given, false);
    }

    private static String checkId(String name, String value, boolean required) {
        if (value.isBlank()) {
            if (required) {
                throw RequestRejected.invalid(name + " is empty");
            }
            return value;
        }
        if (value.length() > MAX_ID_CHARS) {
            throw RequestRejected.invalid(name + " is longer than " + MAX_ID_CHARS + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw RequestRejected.invalid(name + " contains spaces or control characters");
        }
        return value;
    }

    static List<Object> plainValues(List<ProposedAction> actions) {
        List<Object> values = new ArrayList<>();
        actions.forEach(a -> values.add(ValueCodec.forJson(a.value())));
        return values;
    }
}
