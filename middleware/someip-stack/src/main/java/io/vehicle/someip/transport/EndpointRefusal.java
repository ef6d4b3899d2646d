package io.vehicle.someip.transport;

/**
 * What a SOME/IP endpoint (server or client) refused, dropped or closed to hold its ground against a
 * peer that misbehaves, counted per reason in a {@link RefusalCounter} and logged at a bounded rate.
 * Input that is not a SOME/IP message at all is counted per {@link io.vehicle.someip.wire.WireError}
 * instead. docs/security.md says which attack each one answers.
 */
public enum EndpointRefusal {
    /**
     * A response or notification from another source than the endpoint the client called or
     * subscribed to (feat_req_someip_49: answers come from the address and port called;
     * feat_req_someipsd_850: events come from the endpoints of the offer): dropped.
     */
    SOURCE_NOT_PEER,
    /** An event for a subscriber whose outgoing queue is over its high watermark: dropped, not queued. */
    EVENT_DROPPED_QUEUE_FULL,
    /**
     * An event for a TCP subscriber whose connection did not come within 5 s (its Subscribe can come
     * before the server has accepted the connection, so events wait that long for it): dropped.
     */
    EVENT_DROPPED_NO_CONNECTION,
    /** A subscriber whose event endpoint answered with ICMP port unreachable or a write error: dropped. */
    SUBSCRIBER_UNREACHABLE,
    /** A TCP connection over the limit per host or in total: closed (the one idle longest when in total). */
    TCP_CONNECTION_LIMIT,
    /** A TCP connection with nothing read or written for the idle timeout: closed. */
    TCP_IDLE_TIMEOUT,
    /** A TCP connection holding a partial message longer than the frame timeout: closed. */
    TCP_FRAME_TIMEOUT,
    /** The TCP connection holding the most when all together buffer more than their budget: closed. */
    TCP_BUFFER_LIMIT,
    /** An incomplete SOME/IP-TP message evicted to make room for another (feat_req_someiptp_796). */
    TP_REASSEMBLY_EVICTED
}
