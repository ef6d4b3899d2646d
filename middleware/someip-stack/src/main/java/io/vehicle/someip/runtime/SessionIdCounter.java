package io.vehicle.someip.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Session ids for requests and events: start at 1, count up, wrap from 0xFFFF to 1 and never use 0
 * while session handling is active (feat_req_someip_649, feat_req_someip_677, feat_req_someip_667).
 */
public final class SessionIdCounter {

    private final AtomicInteger last = new AtomicInteger();

    public int next() {
        return last.updateAndGet(value -> value >= 0xFFFF ? 1 : value + 1);
    }
}
