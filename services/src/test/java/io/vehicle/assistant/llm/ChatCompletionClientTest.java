package io.vehicle.assistant.llm;

import static io.vehicle.assistant.llm.ScriptedModelServer.call;
import static io.vehicle.assistant.llm.ScriptedModelServer.calls;
import static io.vehicle.assistant.llm.ScriptedModelServer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a scripted OpenAI-compatible server over real HTTP: formats, streaming, errors, retries. */
class ChatCompletionClientTest {

    private static Vertx vertx;
    private static ScriptedModelServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = ScriptedModelServer.start(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Deadlines no loaded test machine misses. */
    private static LlmSettings settings(boolean stream) {
        return LlmSettings.of(server.baseUrl(), "scripted-model", "test-key")
                .withDeadlines(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20)).withStream(stream);
    }

    /** Short deadlines, for servers that answer late or never. */
    private static LlmSettings impatient(boolean stream) {
        return settings(stream).withDeadlines(Duration.ofSeconds(3), Duration.ofMillis(1500), Duration.ofSeconds(1));
    }

    private static ModelAnswer ask(LlmSettings settings) throws Exception {
        try (ChatCompletionClient client = new ChatCompletionClient(vertx, settings)) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", settings.model());
            body.putArray("messages").addObject().put("role", "user").put("content", "I'm cold");
            long deadline = System.nanoTime() + settings.deadline().toNanos();
            return client.complete(body, deadline).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static ModelFailure failure(LlmSettings settings) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ask(settings));
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ModelFailure.class);
        return (ModelFailure) thrown.getCause();
    }

    @Test
    void aToolCallInOneJsonBodyKeepsItsStringArguments() throws Exception {
        server.script(request -> calls(call("call_1", "set_x", "{\"value\": 23}")));
        ModelAnswer answer = ask(settings(false));
        assertThat(answer.streamed()).isFalse();
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("call_1");
            assertThat(call.type()).isEqualTo("function");
            assertThat(call.name()).isEqualTo("set_x");
            assertThat(call.arguments().isTextual()).isTrue();
            assertThat(call.arguments().asText()).isEqualTo("{\"value\": 23}");
        });
        var request = server.requests().get(server.requests().size() - 1);
        assertThat(request.path("stream").asBoolean(true)).isFalse();
        assertThat(request.path("model").asText()).isEqualTo("scripted-model");
        assertThat(server.authorizations()).last().isEqualTo("Bearer test-key");
    }

    @Test
    void streamedToolCallDeltasAreJoinedByIndex() throws Exception {
        server.script(request -> calls(call("call_a", "set_a", "{\"value\": 21.5}"),
                call("call_b", "set_b", "{\"value\": true}")));
        ModelAnswer answer = ask(settings(true));
        assertThat(answer.streamed()).isTrue();
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.toolCalls()).extracting(ModelToolCall::id).containsExactly("call_a", "call_b");
        assertThat(answer.toolCalls()).extracting(c -> c.arguments().asText())
                .containsExactly("{\"value\": 21.5}", "{\"value\": true}");
        assertThat(server.requests().get(server.requests().size() - 1).path("stream").asBoolean()).isTrue();
    }

    @Test
    void streamedTextIsJoined() throws Exception {
        server.script(request -> text("Driver side set to 23 °C."));
        ModelAnswer answer = ask(settings(true));
        assertThat(answer.content()).isEqualTo("Driver side set to 23 °C.");
        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.finishReason()).isEqualTo("stop");
    }

    @Test
    void aServerThatDoesNotStreamIsReadAsJson() throws Exception {
        server.script(request -> new ScriptedModelServer.Raw(200, "application/json",
                ScriptedModelServer.whole(new ScriptedModelServer.Json("fine", java.util.List.of(), "stop"))
                        .toString()));
        ModelAnswer answer = ask(settings(true));
        assertThat(answer.streamed()).isFalse();
        assertThat(answer.content()).isEqualTo("fine");
    }

    @Test
    void argumentsThatAreNotAStringAreKeptForTheValidatorToRefuse() throws Exception {
        server.script(request -> new ScriptedModelServer.Raw(200, "application/json",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"set_x\",\"arguments\":{\"value\":1}}}]},"
                        + "\"finish_reason\":\"tool_calls\"}]}"));
        ModelAnswer answer = ask(settings(false));
        assertThat(answer.toolCalls()).singleElement().satisfies(c -> assertThat(c.arguments().isObject()).isTrue());
    }

    /** Regression: a short response that ended before its handler was set used to be lost (a hang to the deadline). */
    @Test
    void manyShortAnswersInARowAreAllRead() throws Exception {
        try (ChatCompletionClient streamed = new ChatCompletionClient(vertx, settings(true));
                ChatCompletionClient plain = new ChatCompletionClient(vertx, settings(false))) {
            for (int i = 0; i < 100; i++) {
                String content = "answer " + i;
                server.script(request -> text(content));
                ChatCompletionClient client = i % 2 == 0 ? streamed : plain;
                ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", "scripted-model");
                ModelAnswer answer = client.complete(body, System.nanoTime() + Duration.ofSeconds(20).toNanos())
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertThat(answer.content()).isEqualTo(content);
            }
        }
    }

    @Test
    void aServerErrorIsRetriedAfterABackOff() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        server.script(request -> seen.incrementAndGet() == 1
                ? new ScriptedModelServer.Raw(503, "application/json", "{\"error\":{\"message\":\"busy\"}}")
                : text("second time lucky"));
        ModelAnswer answer = ask(settings(false));
        assertThat(answer.content()).isEqualTo("second time lucky");
        assertThat(seen.get()).isEqualTo(2);
    }

    @Test
    void retriesAreBounded() {
        AtomicInteger seen = new AtomicInteger();
        server.script(request -> {
            seen.incrementAndGet();
            return new ScriptedModelServer.Raw(429, "application/json", "{\"error\":{\"message\":\"rate limit\"}}");
        });
        ModelFailure failure = failure(settings(false));
        assertThat(failure.getMessage()).contains("HTTP 429").contains("after 2 attempts");
        assertThat(seen.get()).isEqualTo(2);
    }

    @Test
    void aClientErrorIsNotRetried() {
        AtomicInteger seen = new AtomicInteger();
        server.script(request -> {
            seen.incrementAndGet();
            return new ScriptedModelServer.Raw(401, "application/json", "{\"error\":{\"message\":\"bad key\"}}");
        });
        assertThat(failure(settings(false)).getMessage()).contains("HTTP 401").contains("bad key");
        assertThat(seen.get()).isEqualTo(1);
    }

    @Test
    void aHangingServerFailsTheAnswerAtTheDeadline() {
        server.script(request -> new ScriptedModelServer.Hang());
        assertThat(failure(impatient(true)).getMessage()).contains("no answer within");
    }

    @Test
    void aSlowServerFailsTheAnswerAtTheDeadline() {
        server.script(request -> new ScriptedModelServer.Delayed(60_000, text("too late")));
        assertThat(failure(impatient(false)).getMessage()).contains("no answer within");
    }

    @Test
    void brokenFormatsFailWithTheirReason() {
        server.script(request -> new ScriptedModelServer.Raw(200, "application/json", "this is not json"));
        assertThat(failure(settings(false)).getMessage()).contains("not JSON");
        server.script(request -> new ScriptedModelServer.Raw(200, "application/json", "{\"answer\": 42}"));
        assertThat(failure(settings(false)).getMessage()).contains("no choices");
        server.script(request -> new ScriptedModelServer.Raw(200, "application/json", "[1, 2]"));
        assertThat(failure(settings(false)).getMessage()).contains("not a JSON object");
        server.script(request -> new ScriptedModelServer.Raw(200, "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: {broken\n\n"));
        assertThat(failure(settings(true)).getMessage()).contains("not JSON");
        server.script(request -> new ScriptedModelServer.Raw(200, "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n"));
        assertThat(failure(settings(true)).getMessage()).contains("ended before the answer was finished");
        server.script(request -> new ScriptedModelServer.Raw(200, "text/event-stream",
                "data: {\"error\":{\"message\":\"overloaded\"}}\n\n"));
        assertThat(failure(settings(true)).getMessage()).contains("overloaded");
    }

    @Test
    void anAnswerLargerThanTheLimitIsCutOff() {
        String huge = "{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(600 * 1024) + "\"}}]}";
        server.script(request -> new ScriptedModelServer.Raw(200, "application/json", huge));
        assertThat(failure(settings(false)).getMessage()).contains("larger than");
        server.script(request -> new ScriptedModelServer.Raw(200, "text/event-stream",
                ("data: {\"choices\":[{\"delta\":{\"content\":\"" + "y".repeat(1000) + "\"}}]}\n\n").repeat(600)));
        assertThat(failure(settings(true)).getMessage()).contains("longer than");
    }

    @Test
    void anUnreachableServerFailsAfterItsAttempts() {
        LlmSettings nobody = LlmSettings.of("http://127.0.0.1:1/v1", "m", "")
                .withDeadlines(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20));
        ModelFailure failure = failure(nobody);
        assertThat(failure.getMessage()).contains("cannot reach").contains("after 2 attempts");
    }

    @Test
    void settingsComeFromTheEnvironmentAndNeverShowTheKey() {
        assertThat(LlmSettings.fromEnvironment(java.util.Map.of())).isNull();
        LlmSettings fromEnv = LlmSettings.fromEnvironment(java.util.Map.of(LlmSettings.ENV_BASE_URL,
                "https://api.example.com/v1/", LlmSettings.ENV_MODEL, "deepseek-chat", LlmSettings.ENV_API_KEY,
                "sk-secret"));
        assertThat(fromEnv.baseUrl().toString()).isEqualTo("https://api.example.com/v1");
        assertThat(fromEnv.engineName()).isEqualTo("llm:deepseek-chat");
        assertThat(fromEnv.toString()).doesNotContain("sk-secret");
        assertThatThrownBy(() -> LlmSettings.of("ftp://x/v1", "m", "")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> LlmSettings.of("http://x/v1", " ", "")).hasMessageContaining("model");
    }
}
