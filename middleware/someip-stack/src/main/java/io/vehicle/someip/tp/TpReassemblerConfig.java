package io.vehicle.someip.tp;

import java.time.Duration;

/**
 * Limits of a {@link TpReassembler}. Together they bound its memory: at most
 * {@code maxReassemblies * maxMessageSize} bytes of reassembly buffers at any time.
 *
 * @param maxMessageSize           the largest original payload accepted, in bytes (feat_req_someiptp_782,
 *                                 feat_req_someiptp_783); a segment reaching past it cancels the reassembly
 * @param maxReassembliesPerPeer   concurrent incomplete messages from one peer, address and port
 *                                 (feat_req_someiptp_787: the number of reassembly buffers); starting one
 *                                 more evicts that peer's oldest (feat_req_someiptp_796)
 * @param maxReassembliesPerHost   concurrent incomplete messages from all ports of one source address;
 *                                 starting one more evicts that host's oldest, so one host cannot take
 *                                 the whole table by using many ports
 * @param maxReassemblies          concurrent incomplete messages over all peers; starting one more evicts
 *                                 the oldest of the host that holds the most, so one sender cannot evict
 *                                 everyone else's messages
 * @param timeout                  how long after its first segment a message may take to complete;
 *                                 then it is discarded and its memory freed
 * @param rejectConflictingOverlap feat_req_someiptp_810: when true, a segment that would change bytes
 *                                 already received cancels the reassembly; when false, the content
 *                                 of the first segment received wins (feat_req_someiptp_797)
 */
public record TpReassemblerConfig(int maxMessageSize, int maxReassembliesPerPeer, int maxReassembliesPerHost,
                                  int maxReassemblies, Duration timeout, boolean rejectConflictingOverlap) {

    /** 128 KiB, the example size of feat_req_someiptp_760. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 128 * 1024;

    public TpReassemblerConfig {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must not be negative: " + maxMessageSize);
        }
        if (maxReassembliesPerPeer < 1 || maxReassembliesPerHost < maxReassembliesPerPeer
                || maxReassemblies < maxReassembliesPerHost) {
            throw new IllegalArgumentException("need 1 <= maxReassembliesPerPeer <= maxReassembliesPerHost "
                    + "<= maxReassemblies, got " + maxReassembliesPerPeer + ", " + maxReassembliesPerHost + " and "
                    + maxReassemblies);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** 128 KiB messages, 4 per peer, 8 per host, 64 in all, 2 s to complete, conflicting overlaps rejected. */
    public static TpReassemblerConfig defaults() {
        return new TpReassemblerConfig(DEFAULT_MAX_MESSAGE_SIZE, 4, 8, 64, Duration.ofSeconds(2), true);
    }

    public TpReassemblerConfig withMaxMessageSize(int value) {
        return new TpReassemblerConfig(value, maxReassembliesPerPeer, maxReassembliesPerHost, maxReassemblies,
                timeout, rejectConflictingOverlap);
    }

    /** Bounds per peer and in all, with no separate bound per host. */
    public TpReassemblerConfig withMaxReassemblies(int perPeer, int total) {
        return withMaxReassemblies(perPeer, total, total);
    }

    public TpReassemblerConfig withMaxReassemblies(int perPeer, int perHost, int total) {
        return new TpReassemblerConfig(maxMessageSize, perPeer, perHost, total, timeout, rejectConflictingOverlap);
    }

    public TpReassemblerConfig withTimeout(Duration value) {
        return new TpReassemblerConfig(maxMessageSize, maxReassembliesPerPeer, maxReassembliesPerHost, maxReassemblies,
                value, rejectConflictingOverlap);
    }

    public TpReassemblerConfig withRejectConflictingOverlap(boolean value) {
        return new TpReassemblerConfig(maxMessageSize, maxReassembliesPerPeer, maxReassembliesPerHost, maxReassemblies,
                timeout, value);
    }

    /** The most bytes of reassembly buffers a reassembler with this configuration ever holds. */
    public long maxBufferedBytes() {
        return (long) maxMessageSize * maxReassemblies;
    }
}
