package io.vehicle.idl.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.Service;
import java.util.concurrent.TimeUnit;

/**
 * A real Vert.x gRPC server (HTTP/2 over cleartext TCP) on 127.0.0.1 and an ephemeral port, serving the
 * given generated services, with a Vert.x gRPC client for the same Vert.x instance.
 */
final class LoopbackGrpcServer implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final HttpServer http;
    private final GrpcClient client;

    private LoopbackGrpcServer(Vertx vertx, HttpServer http) {
        this.vertx = vertx;
        this.http = http;
        this.client = GrpcClient.client(vertx);
    }

    static LoopbackGrpcServer start(Service... services) throws Exception {
        Vertx vertx = Vertx.vertx();
        GrpcServer grpc = GrpcServer.server(vertx);
        for (Service service : services) {
            grpc.addService(service);
        }
        try {
            HttpServer http = await(vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1"));
            return new LoopbackGrpcServer(vertx, http);
        } catch (Exception e) {
            await(vertx.close());
            throw e;
        }
    }

    SocketAddress address() {
        return SocketAddress.inetSocketAddress(http.actualPort(), "127.0.0.1");
    }

    int port() {
        return http.actualPort();
    }

    GrpcClient client() {
        return client;
    }

    /**
     * Makes a call on a Vert.x context: a stream's handlers attached in {@code call} are then in place before
     * the context delivers its first message or its end. Attached from the test thread, they race the event
     * loop, which can deliver (and lose) a short stream's end before the handler is set.
     */
    <T> Future<T> onContext(java.util.function.Supplier<Future<T>> call) {
        io.vertx.core.Promise<T> result = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(ignored -> call.get().onComplete(result));
        return result.future();
    }

    /** Waits for a Vert.x future from a test thread, failing the test if it does not complete in time. */
    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            await(client.close());
            await(http.close());
        } finally {
            await(vertx.close());
        }
    }
}
