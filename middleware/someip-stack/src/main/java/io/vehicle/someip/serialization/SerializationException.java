package io.vehicle.someip.serialization;

import io.vehicle.someip.wire.ReturnCode;

/**
 * A payload that does not match its SOME/IP deployment, or a message that cannot be written by it.
 * Carries the reason and the path of the field (for example {@code vehicle.hvac.v1.ClimateSettings.setpoints}).
 */
public final class SerializationException extends Exception {

    private final SerializationError error;
    private final String fieldPath;

    public SerializationException(SerializationError error, String fieldPath, String detail) {
        // No stack trace: hostile payloads are expected input, and this is on the receive path.
        super(error + " at " + fieldPath + ": " + detail, null, false, false);
        this.error = error;
        this.fieldPath = fieldPath;
    }

    public SerializationError error() {
        return error;
    }

    public String fieldPath() {
        return fieldPath;
    }

    /** E_MALFORMED_MESSAGE for a bad payload (feat_req_someip_371), E_NOT_OK for a message that could not be sent. */
    public ReturnCode returnCode() {
        return error.returnCode();
    }
}
