package io.vehicle.bridge.client;

import io.vertx.grpc.common.GrpcStatus;

/** A call the bridge answered with a status other than OK. */
public final class BridgeCallException extends RuntimeException {

    private final GrpcStatus status;

    public BridgeCallException(GrpcStatus status, String message) {
        super(status + (message == null || message.isEmpty() ? "" : ": " + message));
        this.status = status;
    }

    public GrpcStatus status() {
        return status;
    }
}
