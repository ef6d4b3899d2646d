package io.vehicle.assistant.node;

import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.pipeline.AssistantPipeline;
import io.vehicle.assistant.pipeline.RequestRejected;
import io.vehicle.assistant.pipeline.TurnReport;
import io.vehicle.assistant.suggest.SuggestionWatcher;
import io.vehicle.idl.assistant.v1.AcceptSuggestionRequest;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.AssistantService;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.ConfirmRequest;
import io.vehicle.idl.assistant.v1.ProposedAction;
import io.vehicle.idl.assistant.v1.Suggestion;
import io.vehicle.idl.assistant.v1.SuggestionsRequest;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vehicle.assistant.v1.Assistant} on the generated Vert.x base class. Each request runs on a worker
 * thread (the pipeline blocks on the gateway and the model); its steps are written to the stream on the call's
 * own event loop as they happen, in order, and the stream ends after the Reply. A request that cannot be handled
 * at all fails with INVALID_ARGUMENT or NOT_FOUND before any step.
 *
 * <p>Server streams are implemented in their {@code WriteStream} form: the generated {@code Future<ReadStream>}
 * form leaves a call open when its future fails (docs/architecture.md, "gRPC API contracts").
 */
final class AssistantEndpoint extends AssistantService {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantEndpoint.class);

    private final Vertx vertx;
    private final AssistantPipeline pipeline;
    private final SuggestionWatcher suggestions;
    private final Map<String, Signal> catalog = VehicleCatalog.signals().stream()
            .collect(Collectors.toMap(Signal::path, Function.identity()));

    AssistantEndpoint(Vertx vertx, AssistantPipeline pipeline, SuggestionWatcher suggestions) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.suggestions = suggestions;
    }

    @Override
    protected void ask(AskRequest request, WriteStream<AssistantStep> response) {
        run(response, sink -> pipeline.ask(request, sink));
    }

    @Override
    protected void confirm(ConfirmRequest request, WriteStream<AssistantStep> response) {
        run(response, sink -> pipeline.confirm(request, sink));
    }

    @Override
    protected void acceptSuggestion(AcceptSuggestionRequest request, WriteStream<AssistantStep> response) {
        if (request.getSessionId().isBlank() || request.getSuggestionId().isBlank()) {
            fail(response, GrpcStatus.INVALID_ARGUMENT, "session_id and suggestion_id are required");
            return;
        }
        Optional<SuggestionWatcher.Suggested> taken = suggestions.take(request.getSuggestionId());
        if (taken.isEmpty()) {
            fail(response, GrpcStatus.NOT_FOUND, "no open suggestion " + request.getSuggestionId()
                    + " (unknown, expired, withdrawn or already answered)");
            return;
        }
        SuggestionWatcher.Suggested suggested = taken.get();
        Language language = pipeline.sessionLanguage(request.getSessionId());
        Understanding understanding = Understanding.actions(language, suggested.offer().actions(),
                "suggestion:" + suggested.offer().rule());
        String reason = suggested.offer().rule() + ": " + suggested.offer().reason();
        run(response, sink -> request.getAccept()
                ? pipeline.perform(request.getSessionId(), request.getCorrelationId(), understanding, reason, sink)
                : pipeline.decline(request.getSessionId(), request.getCorrelationId(), understanding, reason, sink));
    }

    @Override
    protected void suggestions(SuggestionsRequest request, WriteStream<Suggestion> response) {
        if (request.getSessionId().isBlank()) {
            fail(response, GrpcStatus.INVALID_ARGUMENT, "session_id is required");
            return;
        }
        Context context = vertx.getOrCreateContext();
        Language language = request.getLanguage().toLowerCase().startsWith("zh") ? Language.ZH
                : request.getLanguage().isBlank() ? pipeline.sessionLanguage(request.getSessionId()) : Language.EN;
        // Listen first, then send the open ones: a suggestion made in between is in one or the other, never lost.
        // Both run on this context (the listener through runOnContext), so the ids sent need no lock.
        java.util.Set<String> sent = new java.util.HashSet<>();
        Runnable stop = suggestions.listen(fresh -> context.runOnContext(v -> {
            if (sent.add(fresh.id()) && !response.writeQueueFull()) {
                response.write(suggestion(fresh, request.getSessionId(), language));
            }
        }));
        for (SuggestionWatcher.Suggested open : suggestions.open()) {
            if (sent.add(open.id())) {
                response.write(suggestion(open, request.getSessionId(), language));
            }
        }
        // The client ends the stream by cancelling it; stop listening then.
        response.exceptionHandler(failure -> stop.run());
    }

    private Suggestion suggestion(SuggestionWatcher.Suggested suggested, String sessionId, Language language) {
        Suggestion.Builder suggestion = Suggestion.newBuilder().setSuggestionId(suggested.id()).setSessionId(sessionId)
                .setText(suggested.offer().text().get(language)).setLanguage(language == Language.ZH ? "zh" : "en")
                .setReason(suggested.offer().reason()).setCreated(timestamp(suggested.created()))
                .setExpires(timestamp(suggested.expires()));
        for (io.vehicle.assistant.intent.ProposedAction action : suggested.offer().actions()) {
            ProposedAction.Builder proposed = ProposedAction.newBuilder().setPath(action.path())
                    .setReason(action.reason());
            Signal signal = catalog.get(action.path());
            if (signal != null) {
                proposed.setValue(ValueCodec.toValue(signal, action.value()));
            }
            suggestion.addActions(proposed);
        }
        return suggestion.build();
    }

    private void run(WriteStream<AssistantStep> response, Function<Consumer<AssistantStep>, TurnReport> work) {
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> work.apply(step -> context.runOnContext(v -> response.write(step))), false)
                .onComplete(done -> context.runOnContext(v -> {
                    // Queued after every step of the request, so the stream ends after its Reply.
                    if (done.succeeded()) {
                        response.end();
                    } else if (done.cause() instanceof RequestRejected rejected) {
                        fail(response, rejected.kind() == RequestRejected.Kind.NOT_FOUND ? GrpcStatus.NOT_FOUND
                                : GrpcStatus.INVALID_ARGUMENT, rejected.getMessage());
                    } else {
                        LOG.error("assistant request failed", done.cause());
                        fail(response, GrpcStatus.INTERNAL, String.valueOf(done.cause()));
                    }
                }));
    }

    private static void fail(WriteStream<?> response, GrpcStatus status, String message) {
        ((GrpcServerResponse<?, ?>) response).fail(new StatusException(status, message));
    }

    private static com.google.protobuf.Timestamp timestamp(Instant instant) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano()).build();
    }
}
