package io.vehicle.someip.sdk.signal;

import java.util.concurrent.CompletableFuture;

/** A listener of a signal or field; closing it stops its callbacks. */
public interface SignalSubscription extends AutoCloseable {

    /** Completes when the ECU first acknowledged the eventgroup subscription that carries the values. */
    CompletableFuture<Void> acknowledged();

    /** No callback after this returns; idempotent. */
    @Override
    void close();
}
