package io.vehicle.launcher.demo;

import static io.vehicle.assistant.llm.ScriptedModelServer.call;
import static io.vehicle.assistant.llm.ScriptedModelServer.calls;
import static io.vehicle.assistant.llm.ScriptedModelServer.hasToolResults;
import static io.vehicle.assistant.llm.ScriptedModelServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.llm.ScriptedModelServer;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.AssistantGrpcClient;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.testing.TestPorts;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vehicle demo} with the AI node's language-model variables set: the node asks that model (here an
 * OpenAI-compatible server of the test, speaking the real wire format) and falls back to the offline engine when
 * the model fails.
 */
class DemoLlmTest {

    private static final String TEMPERATURE_TOOL = "set_cabin_hvac_station_row1_driver_temperature";

    @TempDir
    Path dir;

    @Test
    @DisplayName("VEHICLE_LLM_* make the demo use that model; when it fails, the offline engine answers")
    void modelFromTheEnvironmentWithOfflineFallback() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ScriptedModelServer model = ScriptedModelServer.start(vertx);
             DemoProcess demo = DemoProcess.start(TestPorts.sdPort(10), dir, Map.of(
                     "VEHICLE_LLM_BASE_URL", model.baseUrl(), "VEHICLE_LLM_MODEL", "scripted-model",
                     "VEHICLE_LLM_API_KEY", "sk-demo"))) {
            model.script(request -> hasToolResults(request) ? text("Warmer now.")
                    : calls(call("call_1", TEMPERATURE_TOOL, "{\"value\": 22}")));
            demo.awaitReady(180);
            assertThat(demo.tool.transcript()).contains("engine llm:scripted-model (offline fallback)");
            try (BridgeClient node = BridgeClient.connect(vertx, "127.0.0.1", demo.assistantPort, null)) {
                askModelThenFallBack(model, node);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void askModelThenFallBack(ScriptedModelServer model, BridgeClient node) throws Exception {
        List<AssistantStep> byModel = ask(node, "I'm a bit cold");
        AssistantStep understood = byModel.stream().filter(AssistantStep::hasUnderstood).findFirst().orElseThrow();
        assertThat(understood.getUnderstood().getEngine()).isEqualTo("llm:scripted-model");
        assertThat(byModel).filteredOn(AssistantStep::hasWriteResult).singleElement().satisfies(step ->
                assertThat(step.getWriteResult().getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED));
        assertThat(byModel.get(byModel.size() - 1).getReply().getText()).isEqualTo("Warmer now.");
        assertThat(model.authorizations()).contains("Bearer sk-demo");

        model.script(request -> new ScriptedModelServer.Raw(500, "application/json", "{\"error\": \"down\"}"));
        List<AssistantStep> offline = ask(node, "我有点冷");
        AssistantStep fallback = offline.stream().filter(AssistantStep::hasUnderstood).findFirst().orElseThrow();
        assertThat(fallback.getUnderstood().getEngine()).isEqualTo("offline");
        assertThat(fallback.getUnderstood().getFallbackReason()).startsWith("llm:");
        assertThat(offline).filteredOn(AssistantStep::hasWriteResult).singleElement().satisfies(step -> {
            assertThat(step.getWriteResult().getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
            assertThat(step.getWriteResult().getConfirmedValue().getFloat()).isEqualTo(23f);
        });
    }

    /** Every step of one Ask, to the end of the stream. */
    private static List<AssistantStep> ask(BridgeClient node, String text) throws Exception {
        AskRequest request = AskRequest.newBuilder().setSessionId("demo-llm").setText(text).build();
        Promise<List<AssistantStep>> done = Promise.promise();
        List<AssistantStep> steps = new ArrayList<>();
        node.stream(AssistantGrpcClient.Ask, request).onFailure(done::fail).onSuccess(response -> {
            response.handler(steps::add);
            response.exceptionHandler(done::tryFail);
            response.endHandler(v -> done.tryComplete(steps));
            response.resume();
        });
        return done.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
