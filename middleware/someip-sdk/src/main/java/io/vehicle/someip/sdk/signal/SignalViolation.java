package io.vehicle.someip.sdk.signal;

/** Why a value may not be written to a signal, in words a person can read. */
public record SignalViolation(Kind kind, String path, String reason) {

    public enum Kind {
        /** Read-only in the IDL, or no field setter carries it. */
        READ_ONLY,
        /** A value of another type (text for a number, 22.5 for an integer, a wrong array length). */
        WRONG_TYPE,
        /** Outside the IDL's min..max. */
        OUT_OF_RANGE,
        /** Not one of the IDL's allowed values. */
        NOT_ALLOWED
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
