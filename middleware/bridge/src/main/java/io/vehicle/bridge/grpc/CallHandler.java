package io.vehicle.bridge.grpc;

import io.vehicle.bridge.auth.Identity;
import io.vertx.core.Future;

/** A unary rpc's work once its caller is known and its request has arrived. */
@FunctionalInterface
public interface CallHandler<Q, R> {

    /** Fails with {@link io.vertx.grpc.server.StatusException} for an answer other than OK. */
    Future<R> handle(Identity caller, Q request);
}
