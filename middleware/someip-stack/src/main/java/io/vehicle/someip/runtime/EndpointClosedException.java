package io.vehicle.someip.runtime;

/** The endpoint closed (or its connection dropped) while a request waited for its answer. */
public final class EndpointClosedException extends RuntimeException {

    public EndpointClosedException(String message) {
        super(message);
    }
}
