package io.vehicle.someip.runtime;

import io.vehicle.someip.wire.SomeIpMessage;

/** Sends an answer back the way its request came (feat_req_someip_49: to the requester's address and port). */
@FunctionalInterface
public interface Replier {

    /** Takes ownership of {@code answer}. */
    void reply(SomeIpMessage answer);
}
