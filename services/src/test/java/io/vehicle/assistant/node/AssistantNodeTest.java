package io.vehicle.assistant.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.assistant.intent.SharedOfflineEngine;
import io.vehicle.idl.assistant.v1.AcceptSuggestionRequest;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.AssistantGrpcClient;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.ConfirmRequest;
import io.vehicle.idl.assistant.v1.ErrorCode;
import io.vehicle.idl.assistant.v1.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Assistant API over real gRPC with no bridge to talk to: requests that cannot be handled fail with their
 * status before any step, and a request the bridge cannot serve ends with an Error step and an error Reply, while
 * the node stays up for the next one. (With a bridge and ECUs, the whole path is tested in the launcher.)
 */
class AssistantNodeTest {

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static AssistantNode node;
    private static AssistantGrpcClient client;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nobody listens here once the socket is closed
        }
        node = AssistantNode.start(AssistantNode.Settings.defaults(SocketAddress.inetSocketAddress(closedPort,
                "127.0.0.1")).withPort(0).withAudit(dir.resolve("audit.jsonl")), SharedOfflineEngine.get());
        vertx = Vertx.vertx();
        client = AssistantGrpcClient.create(GrpcClient.client(vertx),
                SocketAddress.inetSocketAddress(node.port(), "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<AssistantStep> steps(Supplier<Future<ReadStream<AssistantStep>>> call) throws Exception {
        return StepStreams.collect(vertx, call);
    }

    private static GrpcStatus status(Supplier<Future<ReadStream<AssistantStep>>> call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> steps(call));
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidStatusException.class);
        return ((InvalidStatusException) thrown.getCause()).actualStatus();
    }

    @Test
    void requestsThatCannotBeHandledFailWithTheirStatus() {
        assertThat(status(() -> client.ask(AskRequest.newBuilder().setText("I'm cold").build())))
                .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(() -> client.ask(AskRequest.newBuilder().setSessionId("s").setText("   ").build())))
                .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(() -> client.ask(AskRequest.newBuilder().setSessionId("s").setText("x".repeat(5000))
                .build()))).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(() -> client.ask(AskRequest.newBuilder().setSessionId("has space").setText("hi").build())))
                .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(() -> client.confirm(ConfirmRequest.newBuilder().setSessionId("s").setQuestionId("q-unknown")
                .setAccept(true).build()))).isEqualTo(GrpcStatus.NOT_FOUND);
        assertThat(status(() -> client.acceptSuggestion(AcceptSuggestionRequest.newBuilder().setSessionId("s")
                .setSuggestionId("s-unknown").setAccept(true).build()))).isEqualTo(GrpcStatus.NOT_FOUND);
    }

    @Test
    void anUnreachableBridgeEndsTheStreamWithAnErrorAndTheNodeAnswersTheNextRequest() throws Exception {
        for (String text : List.of("I'm a bit cold", "我有点冷")) {
            List<AssistantStep> steps = steps(() -> client.ask(AskRequest.newBuilder().setSessionId("driver")
                    .setText(text).setCorrelationId("c-" + text.length()).build()));
            assertThat(steps).hasSize(2);
            assertThat(steps.get(0).getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_GATEWAY_UNAVAILABLE);
            assertThat(steps.get(1).getReply().getOutcome()).isEqualTo(Outcome.OUTCOME_ERROR);
            assertThat(steps.get(1).getReply().getText()).isNotBlank();
            assertThat(steps).allSatisfy(step -> {
                assertThat(step.getCorrelationId()).isEqualTo("c-" + text.length());
                assertThat(step.getSessionId()).isEqualTo("driver");
            });
        }
        ObjectMapper json = new ObjectMapper();
        List<String> audit = Files.readAllLines(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8);
        List<String> stepsOfFirst = new ArrayList<>();
        for (String line : audit) {
            JsonNode entry = json.readTree(line);
            if (entry.path("correlation_id").asText().equals("c-14")) {
                stepsOfFirst.add(entry.path("step").asText());
            }
        }
        assertThat(stepsOfFirst).containsExactly("utterance", "error", "reply");
    }
}
