package io.vehicle.someip.sdk.signal;

/** A write refused before it reached the ECU, because the IDL's metadata does not allow the value. */
public final class SignalValueException extends IllegalArgumentException {

    private final SignalViolation violation;

    public SignalValueException(SignalViolation violation) {
        super(violation.toString());
        this.violation = violation;
    }

    public SignalViolation violation() {
        return violation;
    }
}
