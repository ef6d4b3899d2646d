package io.vehicle.someip.sd.message;

/** Input that is not a well-formed SOME/IP-SD message. The receiver drops the whole message and counts it. */
public final class SdFormatException extends Exception {

    private final SdFormatError error;

    public SdFormatException(SdFormatError error, String detail) {
        // No stack trace: hostile input is an expected outcome, not a bug.
        super(error + ": " + detail, null, false, false);
        this.error = error;
    }

    public SdFormatError error() {
        return error;
    }
}
