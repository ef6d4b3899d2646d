package io.vehicle.someip.runtime;

import io.vehicle.someip.tp.TpReassemblerConfig;
import io.vehicle.someip.tp.TpSegmenter;
import io.vehicle.someip.transport.TcpSomeIpEncoder;
import io.vehicle.someip.transport.TrafficHooks;
import io.vehicle.someip.transport.UdpSomeIpEncoder;

/**
 * Settings shared by servers and clients.
 *
 * @param maxTcpMessageSize   largest SOME/IP message accepted on a TCP connection, header included
 * @param maxDatagramSize     UDP messages written between two flushes share a datagram up to this size
 * @param cookieIntervalNanos Magic Cookie interval on TCP (0: before every message, negative: never)
 * @param answerUnknownIds    answer E_UNKNOWN_SERVICE / E_UNKNOWN_METHOD (optional per feat_req_someip_816)
 * @param requestTimeoutMillis default time a client waits for an answer
 * @param tpSegmentPayload    UDP messages with a larger payload are sent as SOME/IP-TP segments of this size
 * @param tpReassembly        bounds of SOME/IP-TP reassembly on UDP (size, count per peer, timeout)
 * @param traffic             optional tap and outbound filter on every socket ({@link TrafficHooks#NONE}: none)
 */
public record EndpointOptions(int maxTcpMessageSize, int maxDatagramSize, long cookieIntervalNanos,
                              boolean answerUnknownIds, long requestTimeoutMillis, int tpSegmentPayload,
                              TpReassemblerConfig tpReassembly, TrafficHooks traffic) {

    public EndpointOptions {
        traffic = traffic == null ? TrafficHooks.NONE : traffic;
    }

    public static EndpointOptions defaults() {
        return new EndpointOptions(4 * 1024 * 1024, UdpSomeIpEncoder.DEFAULT_MAX_DATAGRAM,
                TcpSomeIpEncoder.DEFAULT_COOKIE_INTERVAL_NANOS, true, 5_000,
                TpSegmenter.DEFAULT_MAX_SEGMENT_PAYLOAD, TpReassemblerConfig.defaults(), TrafficHooks.NONE);
    }

    public EndpointOptions withCookieIntervalNanos(long value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, value, answerUnknownIds, requestTimeoutMillis,
                tpSegmentPayload, tpReassembly, traffic);
    }

    public EndpointOptions withMaxTcpMessageSize(int value) {
        return new EndpointOptions(value, maxDatagramSize, cookieIntervalNanos, answerUnknownIds, requestTimeoutMillis,
                tpSegmentPayload, tpReassembly, traffic);
    }

    public EndpointOptions withRequestTimeoutMillis(long value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, cookieIntervalNanos, answerUnknownIds, value,
                tpSegmentPayload, tpReassembly, traffic);
    }

    /** Installs a traffic tap and/or outbound filter on the sockets these options build. */
    public EndpointOptions withTraffic(TrafficHooks value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, cookieIntervalNanos, answerUnknownIds,
                requestTimeoutMillis, tpSegmentPayload, tpReassembly, value);
    }

    public EndpointOptions withTp(int segmentPayload, TpReassemblerConfig reassembly) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, cookieIntervalNanos, answerUnknownIds,
                requestTimeoutMillis, segmentPayload, reassembly, traffic);
    }
}
