package io.vehicle.someip.tp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reassembles SOME/IP-TP segments received over UDP into original messages (feat_req_someiptp_776).
 *
 * <p><b>Buffers.</b> A segment goes to the buffer of its {@link ReassemblyKey}: peer, Message ID,
 * Client ID and Message Type without the TP flag (feat_req_someiptp_781, feat_req_someiptp_794), so
 * the same message from different peers or clients is reassembled in parallel (feat_req_someiptp_787).
 * Each buffer holds one original message, identified by its Session ID (feat_req_someiptp_795).
 *
 * <p><b>Session ID change.</b> feat_req_someiptp_793 made concrete: a segment whose Session ID differs
 * from the one of the incomplete message in its buffer discards that message (its memory is freed)
 * and starts reassembling the new one, whether the new Session ID is higher or lower. Segments of
 * two messages in one buffer are therefore never reordered against each other (feat_req_someiptp_802),
 * and a late segment of an earlier message cannot revive it ("last is best").
 *
 * <p><b>Order, duplicates, loss.</b> Segments of one message may arrive in any order, ascending
 * (feat_req_someiptp_789), descending (feat_req_someiptp_820) or shuffled at any distance
 * (feat_req_someiptp_790). A segment that repeats bytes already received is ignored; one that changes
 * them cancels the reassembly, or is ignored (first content wins, feat_req_someiptp_797) when
 * {@link TpReassemblerConfig#rejectConflictingOverlap()} is off (feat_req_someiptp_810). A message
 * with a missing segment is never delivered (feat_req_someiptp_783): it is discarded when its
 * timeout passes, when a new Session ID takes its buffer, or when it is evicted
 * (feat_req_someiptp_796).
 *
 * <p><b>Errors.</b> A segment that cannot belong to a sound message (feat_req_someiptp_792) makes
 * {@link #offer} throw {@link WireFormatException} with {@code BAD_TP_SEGMENT} and a reason, and
 * cancels the reassembly it was meant for, except when the segment is malformed on its own (too short
 * for a TP header, a non-last length not a multiple of 16, past the maximum size): then nothing else
 * is touched. Offsets are always aligned on the wire: the lower 4 bits of the TP header word are the
 * reserved bits and the flag, which are ignored (feat_req_someiptp_768, feat_req_someiptp_769).
 *
 * <p><b>Duplicates after delivery.</b> A delivered message leaves a small entry (no buffer) with its
 * Session ID until its timeout, so a late duplicate segment is ignored instead of starting (and, for a
 * one-segment message, delivering) the same message again.
 *
 * <p><b>Bounds.</b> At most {@link TpReassemblerConfig#maxReassembliesPerPeer()} entries per peer,
 * {@link TpReassemblerConfig#maxReassembliesPerHost()} per source address (all its ports) and
 * {@link TpReassemblerConfig#maxReassemblies()} in all. A new message beyond the bound of its peer or
 * host evicts that peer's or host's oldest entry (of a delivered message if any, else the oldest
 * incomplete one), because fresh data is worth more than a message that is already late. A new
 * message beyond the total bound evicts the entry of a delivered message if there is one, else the
 * oldest incomplete message of the host holding the most: one host flooding first segments from
 * many ports only ever evicts its own messages (feat_req_someiptp_796). Each buffer grows only up
 * to the highest segment end seen, which is checked against {@link TpReassemblerConfig#maxMessageSize()}
 * first, so {@link #bufferedBytes()} never exceeds {@link TpReassemblerConfig#maxBufferedBytes()}.
 * {@link #evictions()} counts incomplete messages evicted.
 *
 * <p><b>Time.</b> Callers pass the time ({@link System#nanoTime()} in production); a message must
 * complete within {@link TpReassemblerConfig#timeout()} of its first segment. {@link #offer} expires
 * old messages itself; call {@link #expire} periodically to free memory when no segments arrive.
 *
 * <p>Not thread-safe: use one instance per event loop (or per channel).
 */
public final class TpReassembler implements AutoCloseable {

    private final TpReassemblerConfig config;
    private final long timeoutNanos;
    private final ByteBufAllocator alloc;
    /**
     * Incomplete messages, and delivered ones until their timeout (without a buffer), in order of
     * start, so the first entry of a peer is its oldest.
     */
    private final LinkedHashMap<ReassemblyKey, Reassembly> active = new LinkedHashMap<>();
    private final Map<Object, Integer> entriesPerPeer = new HashMap<>();
    private final Map<Object, Integer> entriesPerHost = new HashMap<>();
    private long bufferedBytes;
    private long evictions;
    private boolean closed;

    /** @param alloc allocates the reassembly buffers (and so the payloads of reassembled messages) */
    public TpReassembler(TpReassemblerConfig config, ByteBufAllocator alloc) {
        this.config = Objects.requireNonNull(config, "config");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.timeoutNanos = config.timeout().toNanos();
    }

    public TpReassemblerConfig config() {
        return config;
    }

    /**
     * Takes one received segment.
     *
     * <p>Ownership: {@code segment} is always released by this method, also when it throws. A
     * returned message belongs to the caller, who must release it.
     *
     * @param peer     the sender, such as its {@code InetSocketAddress} (address and port); must have
     *                 value equality
     * @param segment  a message whose type has the TP flag and whose payload starts with the TP header
     * @param nowNanos the current time on the caller's monotonic clock
     * @return the original message when this segment completed it (TP flag cleared, payload without TP
     *         headers, Return Code of the last segment used), else null
     * @throws WireFormatException      {@code BAD_TP_SEGMENT} with the reason, when the segment cannot
     *                                  be used (see the class comment)
     * @throws IllegalArgumentException if {@code segment} is not a TP segment (a caller bug)
     * @throws IllegalStateException    after {@link #close()}
     */
    public SomeIpMessage offer(Object peer, SomeIpMessage segment, long nowNanos) throws WireFormatException {
        try {
            Objects.requireNonNull(peer, "peer");
            if (closed) {
                throw new IllegalStateException("reassembler is closed");
            }
            if (!segment.messageType().isTp()) {
                throw new IllegalArgumentException("not a SOME/IP-TP segment: " + segment);
            }
            expire(nowNanos);
            ByteBuf data = segment.payload().duplicate();
            TpHeader header = TpHeader.read(data);
            Reassembly.checkAlone(header, data.readableBytes(), config.maxMessageSize());

            ReassemblyKey key = ReassemblyKey.of(peer, segment);
            Reassembly reassembly = active.get(key);
            if (reassembly != null && reassembly.sessionId() != segment.sessionId()) {
                discard(key); // feat_req_someiptp_793: a new Session ID starts the next message
                reassembly = null;
            }
            if (reassembly != null && reassembly.delivered()) {
                return null; // feat_req_someiptp_797: a duplicate of a message already delivered
            }
            if (reassembly == null) {
                reassembly = start(key, segment, nowNanos);
            }
            return add(reassembly, segment, header, data);
        } finally {
            segment.release();
        }
    }

    /**
     * Discards every incomplete message whose timeout has passed at {@code nowNanos}, freeing its memory.
     *
     * @return how many were discarded
     */
    public int expire(long nowNanos) {
        int expired = 0;
        for (Iterator<Reassembly> it = active.values().iterator(); it.hasNext(); ) {
            Reassembly reassembly = it.next();
            if (reassembly.expired(nowNanos, timeoutNanos)) {
                it.remove();
                forget(reassembly);
                if (!reassembly.delivered()) {
                    expired++;
                }
            }
        }
        return expired;
    }

    /** Incomplete messages held now. */
    public int activeReassemblies() {
        int incomplete = 0;
        for (Reassembly reassembly : active.values()) {
            incomplete += reassembly.delivered() ? 0 : 1;
        }
        return incomplete;
    }

    /** Bytes of reassembly buffers held now (their capacity), at most {@link TpReassemblerConfig#maxBufferedBytes()}. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Discards every incomplete message and releases its buffer. Further {@link #offer} calls fail. */
    @Override
    public void close() {
        closed = true;
        for (Reassembly reassembly : active.values()) {
            forget(reassembly);
        }
        active.clear();
    }

    private SomeIpMessage add(Reassembly reassembly, SomeIpMessage segment, TpHeader header, ByteBuf data)
            throws WireFormatException {
        int before = reassembly.capacity();
        boolean complete;
        try {
            complete = reassembly.add(segment, header, data, config, alloc);
        } catch (WireFormatException | RuntimeException e) {
            // feat_req_someiptp_792: an inconsistent segment cancels the reassembly.
            bufferedBytes += reassembly.capacity() - before;
            discard(reassembly.key());
            throw e;
        }
        bufferedBytes += reassembly.capacity() - before;
        if (!complete) {
            return null;
        }
        // The entry stays, without its buffer, until its timeout: a duplicate segment arriving after
        // delivery is then recognised by its Session ID instead of starting the message again.
        bufferedBytes -= reassembly.capacity();
        return reassembly.toMessage();
    }

    /**
     * Starts a reassembly, first making room beyond the per-peer, per-host and total bounds
     * (feat_req_someiptp_796; see the class comment for what goes first).
     */
    private Reassembly start(ReassemblyKey key, SomeIpMessage first, long nowNanos) {
        Object peer = key.peer();
        Object host = host(peer);
        if (entriesPerPeer.getOrDefault(peer, 0) >= config.maxReassembliesPerPeer()) {
            evict(oldest(e -> e.peer().equals(peer)));
        }
        if (entriesPerHost.getOrDefault(host, 0) >= config.maxReassembliesPerHost()) {
            evict(oldest(e -> host(e.peer()).equals(host)));
        }
        if (active.size() >= config.maxReassemblies()) {
            evict(oldestOfTheLargestHost());
        }
        Reassembly reassembly = new Reassembly(key, first, nowNanos);
        active.put(key, reassembly);
        entriesPerPeer.merge(peer, 1, Integer::sum);
        entriesPerHost.merge(host, 1, Integer::sum);
        return reassembly;
    }

    /** The sender's address without its port, for an {@link InetSocketAddress}; other peers are their own host. */
    private static Object host(Object peer) {
        return peer instanceof InetSocketAddress address && address.getAddress() != null ? address.getAddress() : peer;
    }

    /** Among the entries {@code which} selects: the oldest of a delivered message, else the oldest. */
    private ReassemblyKey oldest(Predicate<ReassemblyKey> which) {
        ReassemblyKey oldestIncomplete = null;
        for (Reassembly reassembly : active.values()) {
            if (which.test(reassembly.key())) {
                if (reassembly.delivered()) {
                    return reassembly.key();
                }
                if (oldestIncomplete == null) {
                    oldestIncomplete = reassembly.key();
                }
            }
        }
        return oldestIncomplete;
    }

    /** Any delivered message's entry, else the oldest incomplete message of the host holding the most. */
    private ReassemblyKey oldestOfTheLargestHost() {
        int most = 0;
        for (int count : entriesPerHost.values()) {
            most = Math.max(most, count);
        }
        int largest = most;
        ReassemblyKey delivered = oldest(key -> active.get(key).delivered());
        return delivered != null ? delivered : oldest(key -> entriesPerHost.get(host(key.peer())) == largest);
    }

    private void evict(ReassemblyKey key) {
        Reassembly reassembly = key == null ? null : active.get(key);
        if (reassembly != null && !reassembly.delivered()) {
            evictions++;
        }
        discard(key);
    }

    /** Incomplete messages evicted to make room for new ones since this reassembler was made. */
    public long evictions() {
        return evictions;
    }

    private void discard(ReassemblyKey key) {
        Reassembly reassembly = active.remove(key);
        if (reassembly != null) {
            forget(reassembly);
        }
    }

    /** Frees a reassembly already removed from {@link #active}. */
    private void forget(Reassembly reassembly) {
        bufferedBytes -= reassembly.capacity();
        reassembly.release();
        decrementPeer(reassembly.key().peer());
    }

    private void decrementPeer(Object peer) {
        entriesPerPeer.computeIfPresent(peer, (p, n) -> n == 1 ? null : n - 1);
        entriesPerHost.computeIfPresent(host(peer), (h, n) -> n == 1 ? null : n - 1);
    }
}
