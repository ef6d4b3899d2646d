package io.vehicle.bridge.dashboard;

import com.google.protobuf.Message;
import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.ServiceMethod;

/**
 * A gRPC service the dashboard reaches at an address from the bridge's configuration (the AI node, the
 * simulator's control API), or the reason it cannot: not configured, not reachable, or the status it answered.
 * Only the wire joins them: the bridge has no code of either.
 */
final class ServiceLink {

    private final String name;
    private final String address;
    private final String setting;
    private final BridgeClient client;

    /**
     * @param name    for people: "the assistant", "the simulator"
     * @param address {@code host:port}, or null when not configured
     * @param setting the configuration key that gives the address
     */
    ServiceLink(Vertx vertx, String name, String address, String setting) {
        this.name = name;
        this.address = address;
        this.setting = setting;
        int colon = address == null ? -1 : address.lastIndexOf(':');
        this.client = address == null ? null
                : BridgeClient.connect(vertx, address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                null);
    }

    boolean configured() {
        return client != null;
    }

    JsonObject describe() {
        return new JsonObject().put("configured", configured()).put("address", address)
                .put("hint", configured() ? null : capitalized() + " is not configured: set " + setting
                        + " in the bridge's configuration (vehicle demo sets it).");
    }

    <Q, R> Future<R> call(ServiceMethod<R, Q> method, Q request) {
        return client.call(method, request);
    }

    <Q, R> Future<GrpcClientResponse<Q, R>> stream(ServiceMethod<R, Q> method, Q request) {
        return client.stream(method, request);
    }

    /** Answers a page's request with a unary call's response as JSON, or with why it failed. */
    <Q, R extends Message> void answer(HttpServerResponse response, ServiceMethod<R, Q> method, Q request) {
        if (!configured()) {
            notConfigured(response);
            return;
        }
        call(method, request).onComplete(result -> {
            if (result.succeeded()) {
                response.putHeader("content-type", "application/json").end(ProtoJson.print(result.result()));
            } else {
                failed(response, result.cause());
            }
        });
    }

    /** 404 when not configured, so the page can say so. */
    void notConfigured(HttpServerResponse response) {
        error(response, 404, describe().getString("hint"));
    }

    /** A failed call: 502 with the service's status and message, or 503 when it could not be reached. */
    void failed(HttpServerResponse response, Throwable failure) {
        error(response, failure instanceof BridgeCallException ? 502 : 503, reason(failure));
    }

    String reason(Throwable failure) {
        return failure instanceof BridgeCallException status ? name + " answered " + status.getMessage()
                : name + " is not reachable at " + address + " (" + failure.getMessage() + ")";
    }

    private String capitalized() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static void error(HttpServerResponse response, int status, String message) {
        if (!response.headWritten()) {
            response.setStatusCode(status).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", message).encode());
        }
    }
}
