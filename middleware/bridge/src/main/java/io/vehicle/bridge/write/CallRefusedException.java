package io.vehicle.bridge.write;

/** A method call of a vehicle service that the gate refused or the ECU failed, with the write status it maps to. */
public final class CallRefusedException extends RuntimeException {

    private final WriteStatus status;
    private final transient EcuError ecuError;

    public CallRefusedException(WriteStatus status, String reason, EcuError ecuError) {
        super(reason);
        this.status = status;
        this.ecuError = ecuError;
    }

    public WriteStatus status() {
        return status;
    }

    /** The ECU's refusal, or null. */
    public EcuError ecuError() {
        return ecuError;
    }
}
