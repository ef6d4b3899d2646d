package io.vehicle.simulator.control;

import io.vehicle.idl.simulator.v1.SimulatorControlGrpcService;
import io.vehicle.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import java.util.concurrent.TimeUnit;

/** The control API served over gRPC (HTTP/2, Vert.x) on one address and port, loopback by default. */
public final class ControlServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer http;

    private ControlServer(Vertx vertx, HttpServer http) {
        this.vertx = vertx;
        this.http = http;
    }

    /** Listens on {@code address}:{@code port} (0: a free port). */
    public static ControlServer start(Simulator simulator, String address, int port) {
        Vertx vertx = Vertx.vertx();
        try {
            GrpcServer grpc = GrpcServer.server(vertx);
            grpc.addService(SimulatorControlGrpcService.of(new ControlService(vertx, simulator)));
            HttpServer http = vertx.createHttpServer().requestHandler(grpc).listen(port, address)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new ControlServer(vertx, http);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot serve the control API on " + address + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    public int port() {
        return http.actualPort();
    }

    @Override
    public void close() {
        try {
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        } finally {
            vertx.close();
        }
    }
}
