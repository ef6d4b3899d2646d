package io.vehicle.bridge.grpc;

import io.vehicle.bridge.auth.Identity;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;

/** A server-streaming rpc's work once its caller is known and its request has arrived. */
@FunctionalInterface
public interface StreamHandler<Q, R> {

    /**
     * Writes to {@code response} and ends it, or fails it with a StatusException; throwing a
     * StatusException before writing anything does the same. {@code call} tells when the client cancels
     * or its connection goes ({@code errorHandler}).
     */
    void handle(Identity caller, Q request, GrpcServerResponse<Q, R> response, GrpcServerRequest<Q, R> call);
}
