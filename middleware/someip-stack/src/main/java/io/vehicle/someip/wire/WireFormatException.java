package io.vehicle.someip.wire;

/** Input that is not a well-formed SOME/IP message. Thrown only by decoders; transports count and drop. */
public final class WireFormatException extends Exception {

    private final WireError error;

    public WireFormatException(WireError error, String detail) {
        // No stack trace: this is an expected outcome on hostile input, not a bug.
        super(error + ": " + detail, null, false, false);
        this.error = error;
    }

    public WireError error() {
        return error;
    }
}
