package io.vehicle.assistant.gateway;

import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.GetPolicyRequest;
import io.vehicle.idl.gateway.v1.GetPolicyResponse;
import io.vehicle.idl.gateway.v1.GetSignalsRequest;
import io.vehicle.idl.gateway.v1.GetSignalsResponse;
import io.vehicle.idl.gateway.v1.ListSignalsRequest;
import io.vehicle.idl.gateway.v1.ListSignalsResponse;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.SubscribeResponse;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node's only way to the vehicle: a gRPC client of the bridge's {@code vehicle.gateway.v1.Gateway}, over
 * HTTP/2 even when the bridge runs in the same process, so every write passes the bridge's policy. Every call
 * carries the node's token and a deadline, so a silent bridge fails a call instead of stalling a request.
 */
public final class GatewayLink implements AutoCloseable {

    private final GrpcClient client;
    /** Every call starts here, so its futures and its connection's events share one event loop. */
    private final Context context;
    private final SocketAddress address;
    private final String authorization;
    private final long deadlineMillis;

    /**
     * @param token    the JWT the bridge identifies the node by; null or empty when the bridge runs without
     *                 authorization (the demo)
     * @param deadline for every unary call but a write given its own (one that waits for a moving actuator); a
     *                 write's confirmation timeout must fit inside its deadline
     */
    public GatewayLink(Vertx vertx, SocketAddress address, String token, Duration deadline) {
        this.client = GrpcClient.client(vertx);
        this.context = vertx.getOrCreateContext();
        this.address = Objects.requireNonNull(address, "address");
        this.authorization = token == null || token.isBlank() ? null : "Bearer " + token.strip();
        this.deadlineMillis = deadline.toMillis();
    }

    public SocketAddress address() {
        return address;
    }

    public Future<WriteResponse> write(WriteRequest request) {
        return unary(GatewayGrpcClient.Write, request, deadlineMillis);
    }

    /** A write whose confirmation may take longer than the link's deadline (a sunroof on its way). */
    public Future<WriteResponse> write(WriteRequest request, Duration deadline) {
        return unary(GatewayGrpcClient.Write, request, deadline.toMillis());
    }

    public Future<GetSignalsResponse> signals(List<String> patterns) {
        return unary(GatewayGrpcClient.GetSignals, GetSignalsRequest.newBuilder().addAllPatterns(patterns).build());
    }

    /** The signals after reading their fields from the ECUs: newer than anything the ECUs had sent before. */
    public Future<GetSignalsResponse> signalsFromEcus(List<String> patterns) {
        return unary(GatewayGrpcClient.GetSignals, GetSignalsRequest.newBuilder().addAllPatterns(patterns)
                .setReadFromEcus(true).build());
    }

    public Future<ListSignalsResponse> listSignals(List<String> patterns) {
        return unary(GatewayGrpcClient.ListSignals, ListSignalsRequest.newBuilder().addAllPatterns(patterns).build());
    }

    public Future<GetPolicyResponse> policy(GetPolicyRequest request) {
        return unary(GatewayGrpcClient.GetPolicy, request);
    }

    /**
     * A server stream without deadline: it lasts until either side ends it. The handlers are set before the first
     * update can arrive, so the first answer (the current state) is never lost.
     *
     * @param updates told of every answer, on the link's event loop
     * @param ended   told once when the stream is over: null for a normal end, else why
     * @return completes when the bridge accepted the stream, with what cancels it from this side
     */
    public Future<Runnable> subscribe(SubscribeRequest request, Handler<SubscribeResponse> updates,
            Handler<Throwable> ended) {
        Promise<Runnable> opened = Promise.promise();
        context.runOnContext(start -> client.request(address, GatewayGrpcClient.Subscribe)
                .onFailure(opened::tryFail).onSuccess(call -> {
                    authorize(call);
                    AtomicBoolean over = new AtomicBoolean();
                    call.response().onFailure(failure -> {
                        opened.tryFail(failure);
                        if (over.compareAndSet(false, true)) {
                            ended.handle(failure);
                        }
                    }).onSuccess(response -> {
                        response.handler(updates);
                        response.exceptionHandler(failure -> {
                            if (over.compareAndSet(false, true)) {
                                ended.handle(failure);
                            }
                        });
                        response.endHandler(end -> {
                            if (over.compareAndSet(false, true)) {
                                ended.handle(response.status() == null || response.status() == GrpcStatus.OK ? null
                                        : new GatewayException("Subscribe ended with " + response.status() + ": "
                                                + response.statusMessage()));
                            }
                        });
                        opened.tryComplete(call::cancel);
                    });
                    call.end(request);
                }));
        return opened.future();
    }

    private <Q, R> Future<R> unary(ServiceMethod<R, Q> method, Q request) {
        return unary(method, request, deadlineMillis);
    }

    private <Q, R> Future<R> unary(ServiceMethod<R, Q> method, Q request, long deadlineMillis) {
        Promise<R> answer = Promise.promise();
        context.runOnContext(start -> client.request(address, method).compose(call -> {
            authorize(call);
            call.timeout(deadlineMillis, TimeUnit.MILLISECONDS);
            Future<R> last = call.response().compose(response -> response.last());
            call.end(request);
            return last;
        }).onComplete(answer));
        return answer.future().recover(failure -> Future.failedFuture(new GatewayException(method.methodName()
                + " at " + address + " failed: " + describe(failure), failure)));
    }

    private void authorize(GrpcClientRequest<?, ?> call) {
        if (authorization != null) {
            call.headers().set("authorization", authorization);
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof io.vertx.grpc.client.InvalidStatusException status) {
            return "status " + status.actualStatus() + (failure.getMessage() == null ? "" : " (" + failure.getMessage()
                    + ")");
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }
}
