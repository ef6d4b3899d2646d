package io.vehicle.someip.transport;

import java.net.InetSocketAddress;

/**
 * Decides, message by message, whether an outgoing SOME/IP (or SOME/IP-SD) message is sent now,
 * later or never: a network fault injected by a test instrument (packet loss, added delay), per service.
 */
@FunctionalInterface
public interface OutboundFilter {

    /** Send it now. */
    long PASS = 0;
    /** Never send it. */
    long DROP = -1;

    /**
     * {@link #PASS}, {@link #DROP}, or a delay in nanoseconds before it is sent. {@code serviceId} is 0xFFFF
     * for SOME/IP-SD messages.
     */
    long decide(int serviceId, InetSocketAddress remote);
}
