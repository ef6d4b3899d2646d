package io.vehicle.assistant.pipeline;

import com.google.protobuf.Timestamp;
import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.Error;
import io.vehicle.idl.assistant.v1.ErrorCode;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.kuksa.val.v2.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The steps of one request as the Assistant API streams them: every step carries the request's correlation id,
 * the session and the time, and goes to the caller's sink as soon as it happens.
 */
final class Steps {

    private final String correlationId;
    private final String sessionId;
    private final Consumer<AssistantStep> sink;
    private final Clock clock;

    Steps(String correlationId, String sessionId, Consumer<AssistantStep> sink, Clock clock) {
        this.correlationId = correlationId;
        this.sessionId = sessionId;
        this.sink = sink;
        this.clock = clock;
    }

    String correlationId() {
        return correlationId;
    }

    String sessionId() {
        return sessionId;
    }

    /** Sends a step, filled in by {@code fill} after the common fields. */
    void emit(Consumer<AssistantStep.Builder> fill) {
        AssistantStep.Builder step = AssistantStep.newBuilder().setCorrelationId(correlationId)
                .setSessionId(sessionId).setTimestamp(timestamp(clock.instant()));
        fill.accept(step);
        sink.accept(step.build());
    }

    void error(ErrorCode code, String message) {
        emit(step -> step.setError(Error.newBuilder().setCode(code).setMessage(message)));
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static String languageTag(Language language) {
        return language == Language.ZH ? "zh" : "en";
    }

    /** The API's form of a proposed action, with the value it replaces when the state knows it. */
    static io.vehicle.idl.assistant.v1.ProposedAction proposed(ProposedAction action, Map<String, Signal> catalog,
            VehicleState state) {
        io.vehicle.idl.assistant.v1.ProposedAction.Builder proposed = io.vehicle.idl.assistant.v1.ProposedAction
                .newBuilder().setPath(action.path()).setReason(action.reason());
        wire(catalog, action.path(), action.value()).ifPresent(proposed::setValue);
        state.value(action.path()).flatMap(current -> wire(catalog, action.path(), current))
                .ifPresent(proposed::setCurrentValue);
        return proposed.build();
    }

    /** The value on the wire for a catalog signal; empty when it does not fit (reported elsewhere). */
    static Optional<Value> wire(Map<String, Signal> catalog, String path, Object plain) {
        Signal signal = catalog.get(path);
        if (signal == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ValueCodec.toValue(signal, plain));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
