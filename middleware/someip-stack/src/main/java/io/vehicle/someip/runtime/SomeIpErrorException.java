package io.vehicle.someip.runtime;

import io.vehicle.someip.wire.ReturnCode;

/**
 * A method call that ended with a SOME/IP return code other than E_OK: an ERROR answer from the
 * server (feat_req_someip_106) or, in a handler, the code to answer with.
 */
public class SomeIpErrorException extends RuntimeException {

    private final int returnCode;

    public SomeIpErrorException(ReturnCode code, String message) {
        this(code.value(), message);
    }

    public SomeIpErrorException(int returnCode, String message) {
        super(ReturnCode.describe(returnCode) + ": " + message);
        this.returnCode = returnCode;
    }

    public int returnCode() {
        return returnCode;
    }

    /** The standard code, or null for a service-specific one. */
    public ReturnCode code() {
        return ReturnCode.fromValue(returnCode);
    }
}
