package io.vehicle.bridge.grpc;

import io.vehicle.bridge.auth.AuthenticationException;
import io.vehicle.bridge.auth.Authenticator;
import io.vehicle.bridge.auth.Identity;
import io.vehicle.bridge.metrics.BridgeMetrics;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds rpcs to a Vert.x gRPC server with what every rpc of the bridge needs: the caller's token checked
 * before anything else (UNAUTHENTICATED otherwise), errors as gRPC statuses with a message a person can
 * act on (never an internal exception's text leaking as UNKNOWN), and a metric per answered call.
 *
 * <p>Uses the generated {@code ServiceMethod} constants with {@code callHandler} rather than the generated
 * service base classes, because those hide the request headers (the token) from the implementation.
 */
public final class GrpcCalls {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcCalls.class);

    private final GrpcServer server;
    private final Authenticator authenticator;
    private final BridgeMetrics metrics;

    public GrpcCalls(GrpcServer server, Authenticator authenticator, BridgeMetrics metrics) {
        this.server = server;
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    public BridgeMetrics metrics() {
        return metrics;
    }

    public <Q, R> void unary(ServiceMethod<Q, R> method, CallHandler<Q, R> handler) {
        unaryWithHeaders(method, (caller, request, headers) -> handler.handle(caller, request));
    }

    /** A unary rpc whose handler also reads the request's headers (metadata). */
    public <Q, R> void unaryWithHeaders(ServiceMethod<Q, R> method, HeaderCallHandler<Q, R> handler) {
        onRequest(method, (rpc, caller, request, message) -> {
            Future<R> answer;
            try {
                answer = handler.handle(caller, message, request.headers());
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            answer.onComplete(result -> {
                if (result.succeeded()) {
                    metrics.call(rpc, "OK");
                    request.response().end(result.result());
                } else {
                    fail(request.response(), rpc, result.cause());
                }
            });
        });
    }

    public <Q, R> void serverStream(ServiceMethod<Q, R> method, StreamHandler<Q, R> handler) {
        onRequest(method, (rpc, caller, request, message) -> {
            try {
                handler.handle(caller, message, request.response(), request);
                metrics.call(rpc, "OK");
            } catch (RuntimeException e) {
                fail(request.response(), rpc, e);
            }
        });
    }

    /** Authenticates, then hands the one request message of a unary or server-streaming call on. */
    private <Q, R> void onRequest(ServiceMethod<Q, R> method, Arrived<Q, R> arrived) {
        String rpc = method.fullMethodName();
        server.callHandler(method, request -> {
            Identity caller = authenticate(request, rpc);
            if (caller == null) {
                return;
            }
            refuseInvalidMessages(request, rpc);
            // A call that ends without one whole message (empty, truncated, undecodable) is answered too:
            // a client must never wait forever for garbage it sent.
            request.last().onComplete(result -> {
                if (result.succeeded() && result.result() != null) {
                    arrived.accept(rpc, caller, request, result.result());
                } else {
                    fail(request.response(), rpc, new StatusException(GrpcStatus.INVALID_ARGUMENT,
                            "the request holds no complete message" + (result.failed() ? ": " + result.cause() : "")));
                }
            });
        });
    }

    private interface Arrived<Q, R> {
        void accept(String rpc, Identity caller, GrpcServerRequest<Q, R> request, Q message);
    }

    /** A client-streaming rpc: the handler reads the requests and ends or fails the response. */
    public <Q, R> void clientStream(ServiceMethod<Q, R> method, ClientStreamHandler<Q, R> handler) {
        String rpc = method.fullMethodName();
        server.callHandler(method, request -> {
            Identity caller = authenticate(request, rpc);
            if (caller == null) {
                return;
            }
            refuseInvalidMessages(request, rpc);
            try {
                handler.handle(caller, request, request.response());
            } catch (RuntimeException e) {
                fail(request.response(), rpc, e);
            }
        });
    }

    /** A unary rpc's work with the request's headers. */
    @FunctionalInterface
    public interface HeaderCallHandler<Q, R> {
        Future<R> handle(Identity caller, Q request, MultiMap headers);
    }

    /** A client-streaming rpc's work once its caller is known. */
    @FunctionalInterface
    public interface ClientStreamHandler<Q, R> {
        void handle(Identity caller, GrpcServerRequest<Q, R> requests, GrpcServerResponse<Q, R> response);
    }

    /** Oversized or undecodable messages end the call with a status saying so. */
    private <Q, R> void refuseInvalidMessages(GrpcServerRequest<Q, R> request, String rpc) {
        request.invalidMessageHandler(invalid -> fail(request.response(), rpc,
                invalid instanceof MessageSizeOverflowException overflow
                        ? new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, "a message of " + overflow.messageSize()
                        + " bytes is larger than this bridge accepts")
                        : new StatusException(GrpcStatus.INVALID_ARGUMENT, "malformed message: "
                        + (invalid.getCause() != null ? invalid.getCause().getMessage() : invalid.getMessage()))));
    }

    /** The caller, or null after answering UNAUTHENTICATED. */
    public <Q, R> Identity authenticate(GrpcServerRequest<Q, R> request, String rpc) {
        try {
            return authenticator.authenticate(request.headers().get("authorization"));
        } catch (AuthenticationException e) {
            metrics.authenticationFailed();
            // The request's messages are not read: reject before the body (a flood of bad tokens costs a header).
            fail(request.response(), rpc, new StatusException(GrpcStatus.UNAUTHENTICATED, e.getMessage()));
            return null;
        }
    }

    /** Ends a call with the status of {@code error} (a StatusException), or INTERNAL for anything else. */
    public void fail(GrpcServerResponse<?, ?> response, String rpc, Throwable error) {
        StatusException status = error instanceof StatusException s ? s : null;
        if (status == null) {
            LOG.warn("{} failed", rpc, error);
            status = new StatusException(GrpcStatus.INTERNAL, "the bridge failed to answer: " + error);
        }
        metrics.call(rpc, status.status().name());
        try {
            // status + message + end rather than fail(): fail() drops the message once a stream has begun.
            response.status(status.status());
            if (status.message() != null && !status.message().isEmpty()) {
                // Encoded as the gRPC spec says (only bytes outside 0x20-0x7E and '%'): Vert.x also encodes ':'
                // and the like, which grpc-js then shows undecoded.
                response.trailers().set("grpc-message", percentEncode(status.message()));
            }
            response.end();
        } catch (IllegalStateException ended) {
            // the call already ended (the client went away): nothing to tell
        }
    }

    static String percentEncode(String message) {
        StringBuilder out = new StringBuilder();
        for (byte b : message.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x20 || c > 0x7E || c == '%') {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** A status to fail with. */
    public static StatusException status(GrpcStatus status, String message) {
        return new StatusException(status, message);
    }
}
