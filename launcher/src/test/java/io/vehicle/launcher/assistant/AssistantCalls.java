package io.vehicle.launcher.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.node.StepStreams;
import io.vehicle.idl.assistant.v1.AcceptSuggestionRequest;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.AssistantGrpcClient;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.ConfirmRequest;
import io.vehicle.idl.assistant.v1.Reply;
import io.vehicle.idl.assistant.v1.Suggestion;
import io.vehicle.idl.assistant.v1.SuggestionsRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A driver's side of the Assistant API in tests: a real gRPC client (its own Vert.x) that collects a request's
 * streamed steps until the stream ends.
 */
final class AssistantCalls implements AutoCloseable {

    /** A request's steps, in the order the node streamed them. */
    record Steps(List<AssistantStep> all) {

        Stream<AssistantStep> of(AssistantStep.StepCase kind) {
            return all.stream().filter(s -> s.getStepCase() == kind);
        }

        Reply reply() {
            assertThat(all).isNotEmpty();
            AssistantStep last = all.get(all.size() - 1);
            assertThat(last.getStepCase()).as("the last step").isEqualTo(AssistantStep.StepCase.REPLY);
            return last.getReply();
        }

        List<AssistantStep.StepCase> kinds() {
            return all.stream().map(AssistantStep::getStepCase).toList();
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final AssistantGrpcClient client;

    AssistantCalls(int port) {
        client = AssistantGrpcClient.create(GrpcClient.client(vertx), SocketAddress.inetSocketAddress(port,
                "127.0.0.1"));
    }

    Steps ask(String session, String text) throws Exception {
        return collect(() -> client.ask(AskRequest.newBuilder().setSessionId(session).setText(text).build()));
    }

    Steps ask(String session, String text, String correlationId) throws Exception {
        return collect(() -> client.ask(AskRequest.newBuilder().setSessionId(session).setText(text)
                .setCorrelationId(correlationId).build()));
    }

    Steps confirm(String session, String questionId, boolean accept) throws Exception {
        return collect(() -> client.confirm(ConfirmRequest.newBuilder().setSessionId(session).setQuestionId(questionId)
                .setAccept(accept).build()));
    }

    /**
     * Opens the session's suggestion stream and returns a future of the first suggestion that {@code wanted}
     * accepts; the stream stays open until this client closes.
     */
    CompletableFuture<Suggestion> suggestion(String session, String language,
            java.util.function.Predicate<Suggestion> wanted) {
        CompletableFuture<Suggestion> found = new CompletableFuture<>();
        // On a context, as in StepStreams: a suggestion offered before the handler is attached would be dropped.
        vertx.getOrCreateContext().runOnContext(ignored -> client.suggestions(SuggestionsRequest.newBuilder()
                .setSessionId(session).setLanguage(language).build())
                .onFailure(found::completeExceptionally).onSuccess(stream -> {
                    stream.handler(offered -> {
                        if (wanted.test(offered)) {
                            found.complete(offered);
                        }
                    });
                    stream.exceptionHandler(found::completeExceptionally);
                }));
        return found;
    }

    Steps accept(String session, String suggestionId, boolean accept) throws Exception {
        return collect(() -> client.acceptSuggestion(AcceptSuggestionRequest.newBuilder().setSessionId(session)
                .setSuggestionId(suggestionId).setAccept(accept).build()));
    }

    /** The status a call failed with before any step. */
    GrpcStatus confirmFails(String session, String questionId) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> confirm(session, questionId, true));
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidStatusException.class);
        return ((InvalidStatusException) thrown.getCause()).actualStatus();
    }

    private Steps collect(Supplier<Future<ReadStream<AssistantStep>>> call) throws Exception {
        return new Steps(StepStreams.collect(vertx, call));
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
