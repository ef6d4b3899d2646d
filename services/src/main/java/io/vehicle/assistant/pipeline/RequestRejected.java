package io.vehicle.assistant.pipeline;

/**
 * A request the node cannot handle at all (no session, empty text, an unknown or expired question): refused
 * before any step, as the Assistant API's INVALID_ARGUMENT or NOT_FOUND status.
 */
public final class RequestRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        INVALID_ARGUMENT,
        NOT_FOUND
    }

    private final Kind kind;

    private RequestRejected(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static RequestRejected invalid(String message) {
        return new RequestRejected(Kind.INVALID_ARGUMENT, message);
    }

    public static RequestRejected notFound(String message) {
        return new RequestRejected(Kind.NOT_FOUND, message);
    }

    public Kind kind() {
        return kind;
    }
}
