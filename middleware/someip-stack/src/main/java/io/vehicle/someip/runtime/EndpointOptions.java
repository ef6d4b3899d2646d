package io.vehicle.someip.runtime;

import io.vehicle.someip.tp.TpReassemblerConfig;
import io.vehicle.someip.tp.TpSegmenter;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.RefusalCounter;
import io.vehicle.someip.transport.TcpBufferBudget;
import io.vehicle.someip.transport.TcpSomeIpEncoder;
import io.vehicle.someip.transport.TrafficHooks;
import io.vehicle.someip.transport.UdpSomeIpEncoder;
import org.slf4j.LoggerFactory;

/**
 * Settings shared by servers and clients, and the counter of what their endpoints refuse (shared by
 * every endpoint built with the same options, so a node reads one set of counters).
 *
 * @param maxTcpMessageSize   largest SOME/IP message accepted on a TCP connection, header included;
 *                            also the most a connection buffers of a partial message
 * @param maxDatagramSize     UDP messages written between two flushes share a datagram up to this size
 * @param maxUdpMessageSize   largest SOME/IP message without SOME/IP-TP accepted over UDP, header
 *                            included (feat_req_someip_318: 1400 bytes of payload); larger ones are
 *                            counted and dropped
 * @param cookieIntervalNanos Magic Cookie interval on TCP (0: before every message, negative: never)
 * @param answerUnknownIds    answer E_UNKNOWN_SERVICE / E_UNKNOWN_METHOD (optional per feat_req_someip_816)
 * @param requestTimeoutMillis default time a client waits for an answer
 * @param tpSegmentPayload    UDP messages with a larger payload are sent as SOME/IP-TP segments of this size
 * @param tpReassembly        bounds of SOME/IP-TP reassembly on UDP (size, count per peer, host and in all, timeout)
 * @param tcp                 bounds of a server's TCP connections
 * @param subscriberQueueBytes the most bytes of events queued for one subscriber (its write-buffer
 *                            high watermark); events beyond are dropped and counted
 * @param refusals            where the endpoints count what they refuse, per {@link EndpointRefusal}
 * @param tcpBuffers          what the servers' TCP connections may buffer together ({@link TcpLimits#maxBufferedBytes()})
 * @param traffic             optional tap and outbound filter on every socket ({@link TrafficHooks#NONE}: none)
 */
public record EndpointOptions(int maxTcpMessageSize, int maxDatagramSize, int maxUdpMessageSize,
                              long cookieIntervalNanos, boolean answerUnknownIds, long requestTimeoutMillis,
                              int tpSegmentPayload, TpReassemblerConfig tpReassembly, TcpLimits tcp,
                              int subscriberQueueBytes, RefusalCounter<EndpointRefusal> refusals,
                              TcpBufferBudget tcpBuffers, TrafficHooks traffic) {

    /** 1 MiB per connection; all connections together buffer at most {@link TcpLimits#maxBufferedBytes()}. */
    public static final int DEFAULT_MAX_TCP_MESSAGE = 1024 * 1024;
    /** feat_req_someip_318: 1400 bytes of payload plus the 16-byte header. */
    public static final int DEFAULT_MAX_UDP_MESSAGE = 1416;
    /** 64 KiB of events per subscriber: a few hundred events of a usual size. */
    public static final int DEFAULT_SUBSCRIBER_QUEUE_BYTES = 64 * 1024;

    /**
     * Bounds of a server's TCP connections.
     *
     * @param maxConnections        connections in all; one more closes the connection idle longest
     * @param maxConnectionsPerHost connections from one address; one more is closed at once
     * @param idleTimeoutMillis     a connection with nothing read or written this long is closed (0: never)
     * @param frameTimeoutMillis    a connection holding a partial message this long is closed (0: never)
     * @param maxBufferedBytes      partial messages all connections may buffer together; beyond, the
     *                              connection holding the most is closed
     */
    public record TcpLimits(int maxConnections, int maxConnectionsPerHost, long idleTimeoutMillis,
                            long frameTimeoutMillis, long maxBufferedBytes) {

        /** 32 MiB of partial messages in all. */
        public static final long DEFAULT_MAX_BUFFERED_BYTES = 32L * 1024 * 1024;

        /** With the default budget of partial messages. */
        public TcpLimits(int maxConnections, int maxConnectionsPerHost, long idleTimeoutMillis,
                         long frameTimeoutMillis) {
            this(maxConnections, maxConnectionsPerHost, idleTimeoutMillis, frameTimeoutMillis,
                    DEFAULT_MAX_BUFFERED_BYTES);
        }

        public TcpLimits {
            if (maxConnectionsPerHost < 1 || maxConnections < maxConnectionsPerHost) {
                throw new IllegalArgumentException("need 1 <= maxConnectionsPerHost <= maxConnections, got "
                        + maxConnectionsPerHost + " and " + maxConnections);
            }
            if (idleTimeoutMillis < 0 || frameTimeoutMillis < 0) {
                throw new IllegalArgumentException("timeouts must not be negative");
            }
            if (maxBufferedBytes < 1) {
                throw new IllegalArgumentException("maxBufferedBytes must be positive");
            }
        }

        /**
         * 128 connections, 32 per host (a node opens one per proxy: a peer with many proxies of our
         * services needs as many), closed after 5 minutes idle or 10 s on a partial message; 32 MiB of
         * partial messages in all.
         */
        public static TcpLimits defaults() {
            return new TcpLimits(128, 32, 300_000, 10_000, DEFAULT_MAX_BUFFERED_BYTES);
        }
    }

    public EndpointOptions {
        if (maxUdpMessageSize < 16 || maxTcpMessageSize < 16 || subscriberQueueBytes < 1) {
            throw new IllegalArgumentException("message sizes must cover a header and queues hold something");
        }
        traffic = traffic == null ? TrafficHooks.NONE : traffic;
    }

    /** Defaults for one machine and a real ECU alike, with a counter (and a TCP buffer budget) of their own. */
    public static EndpointOptions defaults() {
        RefusalCounter<EndpointRefusal> refusals = newCounter();
        return new EndpointOptions(DEFAULT_MAX_TCP_MESSAGE, UdpSomeIpEncoder.DEFAULT_MAX_DATAGRAM,
                DEFAULT_MAX_UDP_MESSAGE, TcpSomeIpEncoder.DEFAULT_COOKIE_INTERVAL_NANOS, true, 5_000,
                TpSegmenter.DEFAULT_MAX_SEGMENT_PAYLOAD, TpReassemblerConfig.defaults(), TcpLimits.defaults(),
                DEFAULT_SUBSCRIBER_QUEUE_BYTES, refusals,
                new TcpBufferBudget(TcpLimits.DEFAULT_MAX_BUFFERED_BYTES, refusals), TrafficHooks.NONE);
    }

    /** A fresh counter of endpoint refusals, logged by this class at most once per peer per 10 s. */
    public static RefusalCounter<EndpointRefusal> newCounter() {
        return RefusalCounter.of(EndpointRefusal.class, LoggerFactory.getLogger(EndpointOptions.class));
    }

    public EndpointOptions withCookieIntervalNanos(long value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, maxUdpMessageSize, value, answerUnknownIds,
                requestTimeoutMillis, tpSegmentPayload, tpReassembly, tcp, subscriberQueueBytes,
                refusals, tcpBuffers, traffic);
    }

    public EndpointOptions withMaxTcpMessageSize(int value) {
        return new EndpointOptions(value, maxDatagramSize, maxUdpMessageSize, cookieIntervalNanos, answerUnknownIds,
                requestTimeoutMillis, tpSegmentPayload, tpReassembly, tcp, subscriberQueueBytes,
                refusals, tcpBuffers, traffic);
    }

    public EndpointOptions withMaxUdpMessageSize(int value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, value, cookieIntervalNanos, answerUnknownIds,
                requestTimeoutMillis, tpSegmentPayload, tpReassembly, tcp, subscriberQueueBytes,
                refusals, tcpBuffers, traffic);
    }

    public EndpointOptions withRequestTimeoutMillis(long value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, maxUdpMessageSize, cookieIntervalNanos,
                answerUnknownIds, value, tpSegmentPayload, tpReassembly, tcp, subscriberQueueBytes,
                refusals, tcpBuffers, traffic);
    }

    /** Installs a traffic tap and/or outbound filter on the sockets these options build. */
    public EndpointOptions withTraffic(TrafficHooks value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, maxUdpMessageSize, cookieIntervalNanos,
                answerUnknownIds, requestTimeoutMillis, tpSegmentPayload, tpReassembly, tcp, subscriberQueueBytes,
                refusals, tcpBuffers, value);
    }

    public EndpointOptions withTp(int segmentPayload, TpReassemblerConfig reassembly) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, maxUdpMessageSize, cookieIntervalNanos,
                answerUnknownIds, requestTimeoutMillis, segmentPayload, reassembly, tcp, subscriberQueueBytes,
                refusals, tcpBuffers, traffic);
    }

    /** These TCP limits, with a new buffer budget of their size. */
    public EndpointOptions withTcp(TcpLimits value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, maxUdpMessageSize, cookieIntervalNanos,
                answerUnknownIds, requestTimeoutMillis, tpSegmentPayload, tpReassembly, value, subscriberQueueBytes,
                refusals, new TcpBufferBudget(value.maxBufferedBytes(), refusals), traffic);
    }

    public EndpointOptions withSubscriberQueueBytes(int value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, maxUdpMessageSize, cookieIntervalNanos,
                answerUnknownIds, requestTimeoutMillis, tpSegmentPayload, tpReassembly, tcp, value, refusals,
                tcpBuffers, traffic);
    }

    /** The same settings counting into {@code value} (a node's one counter), with a new TCP buffer budget. */
    public EndpointOptions withRefusals(RefusalCounter<EndpointRefusal> value) {
        return new EndpointOptions(maxTcpMessageSize, maxDatagramSize, maxUdpMessageSize, cookieIntervalNanos,
                answerUnknownIds, requestTimeoutMillis, tpSegmentPayload, tpReassembly, tcp, subscriberQueueBytes,
                value, new TcpBufferBudget(tcp.maxBufferedBytes(), value), traffic);
    }
}
