package io.vehicle.bridge.client;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.charset.StandardCharsets;

/**
 * A Java client of the bridge's gRPC APIs over the generated client {@code ServiceMethod}s (e.g.
 * {@code VALGrpcClient.GetValue}, {@code GatewayGrpcClient.Write}), sending the bearer token with every
 * call: the generated client interfaces have no place for it. Used by {@code vehicle signals}, tests and
 * benchmarks.
 */
public final class BridgeClient implements AutoCloseable {

    private final GrpcClient client;
    private final SocketAddress address;
    private final String token;

    private BridgeClient(GrpcClient client, SocketAddress address, String token) {
        this.client = client;
        this.address = address;
        this.token = token;
    }

    /** @param token a JWT, or null to call without one */
    public static BridgeClient connect(Vertx vertx, String host, int port, String token) {
        GrpcClient client = GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(64L * 1024 * 1024),
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        return new BridgeClient(client, SocketAddress.inetSocketAddress(port, host), token);
    }

    /** A unary call; fails with {@link BridgeCallException} for a status other than OK. */
    public <Q, R> Future<R> call(ServiceMethod<R, Q> method, Q request) {
        return open(method).compose(call -> call.send(request)).compose(response -> response.last()
                .recover(error -> Future.failedFuture(failure(response, error))));
    }

    /**
     * A server-streaming call. The response comes paused, so no message passes before its handler is set:
     * set handler and endHandler, then {@code resume()}; {@link #statusMessage} at the end.
     */
    public <Q, R> Future<GrpcClientResponse<Q, R>> stream(ServiceMethod<R, Q> method, Q request) {
        return open(method).compose(call -> call.send(request)).map(response -> {
            response.pause();
            return response;
        });
    }

    /**
     * The status message of an ended call, wherever the server put it: Vert.x 5.0.7's
     * {@code statusMessage()} reads only the headers, so a stream that ended with an error after messages
     * (the message is in the trailers) would show none.
     */
    public static String statusMessage(GrpcClientResponse<?, ?> response) {
        String message = response.statusMessage();
        if (message == null) {
            String trailer = response.trailers().get("grpc-message");
            message = trailer == null ? null : QueryStringDecoder.decodeComponent(trailer, StandardCharsets.UTF_8);
        }
        return message;
    }

    /** The request with the token set, for client streams and anything unusual. */
    public <Q, R> Future<GrpcClientRequest<Q, R>> open(ServiceMethod<R, Q> method) {
        return client.request(address, method).map(call -> {
            if (token != null) {
                call.headers().set("authorization", "Bearer " + token);
            }
            return call;
        });
    }

    private static Throwable failure(GrpcClientResponse<?, ?> response, Throwable error) {
        if (error instanceof InvalidStatusException invalid) {
            return new BridgeCallException(invalid.actualStatus(), statusMessage(response));
        }
        if (response.status() != null && response.status() != GrpcStatus.OK) {
            return new BridgeCallException(response.status(), statusMessage(response));
        }
        return error;
    }

    @Override
    public void close() {
        client.close();
    }
}
