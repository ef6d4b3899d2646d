package io.vehicle.someip.runtime;

/** A call to a service instance that SD does not currently see: nothing was sent. */
public final class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
