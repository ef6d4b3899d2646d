package io.vehicle.someip.runtime;

import io.vehicle.someip.wire.ReturnCode;

/** The payload could not be deserialized: answered with E_MALFORMED_MESSAGE (feat_req_someip_371). */
public final class MalformedPayloadException extends SomeIpErrorException {

    public MalformedPayloadException(String message) {
        super(ReturnCode.E_MALFORMED_MESSAGE, message);
    }
}
