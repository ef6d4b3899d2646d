package io.vehicle.someip.runtime;

import java.util.concurrent.TimeoutException;

/** No answer arrived within the request's timeout (feat_req_someip_436: "maybe" reliability over UDP). */
public final class RequestTimeoutException extends TimeoutException {

    public RequestTimeoutException(String message) {
        super(message);
    }
}
