package io.vehicle.assistant.gateway;

/** The bridge could not be reached or did not answer a call in time; a refusal is never one of these. */
public final class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
