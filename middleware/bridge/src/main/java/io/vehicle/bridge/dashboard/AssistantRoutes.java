package io.vehicle.bridge.dashboard;

import com.google.protobuf.Message;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.AssistantGrpcClient;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.ConfirmRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;

/**
 * The assistant panel's calls: {@code Ask} and {@code Confirm} of the AI node, each answered as it streams,
 * one JSON object per line (an {@code AssistantStep} in protobuf's JSON mapping), so the page shows every step
 * when it happens. A stream that fails ends with a line {@code {"error": ...}}.
 */
final class AssistantRoutes {

    private final ServiceLink assistant;

    AssistantRoutes(ServiceLink assistant) {
        this.assistant = assistant;
    }

    void mount(Router router) {
        router.post("/api/assistant/ask").handler(context -> relay(context, AskRequest.getDefaultInstance(),
                AssistantGrpcClient.Ask));
        router.post("/api/assistant/confirm").handler(context -> relay(context, ConfirmRequest.getDefaultInstance(),
                AssistantGrpcClient.Confirm));
    }

    @SuppressWarnings("unchecked")
    private <Q extends Message> void relay(RoutingContext context, Q prototype,
                                           ServiceMethod<AssistantStep, Q> method) {
        HttpServerResponse response = context.response();
        if (!assistant.configured()) {
            assistant.notConfigured(response);
            return;
        }
        Q request;
        try {
            request = (Q) ProtoJson.parse(context.body().asString(), prototype.newBuilderForType()).build();
        } catch (ProtoJson.BadRequest e) {
            ServiceLink.error(response, 400, e.getMessage());
            return;
        }
        assistant.stream(method, request).onComplete(opened -> {
            if (opened.failed()) {
                assistant.failed(response, opened.cause());
                return;
            }
            GrpcClientResponse<Q, AssistantStep> steps = opened.result();
            response.setChunked(true).putHeader("content-type", "application/x-ndjson; charset=utf-8")
                    .putHeader("cache-control", "no-store");
            steps.handler(step -> {
                if (!response.closed()) { // the page may leave while the node still answers
                    response.write(ProtoJson.print(step) + "\n");
                }
            });
            steps.exceptionHandler(error -> end(response, assistant.reason(error)));
            steps.endHandler(v -> {
                GrpcStatus status = steps.status();
                end(response, status == null || status == GrpcStatus.OK ? null
                        : "the assistant answered " + status + ": " + BridgeClient.statusMessage(steps));
            });
            steps.resume();
        });
    }

    private static void end(HttpServerResponse response, String error) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (error == null) {
            response.end();
        } else if (response.headWritten()) {
            response.end(new JsonObject().put("error", error).encode() + "\n");
        } else {
            ServiceLink.error(response, 502, error);
        }
    }
}
