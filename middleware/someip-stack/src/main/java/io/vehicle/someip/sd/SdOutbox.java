package io.vehicle.someip.sd;

import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.StopSubscribeEventgroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where the state machines put the entries they send. Outside a batch an entry leaves at once, in
 * a message of its own; inside {@link #batched} entries wait and then leave packed, as many per
 * message as fit (feat_req_someipsd_836): the multicast ones first, then per unicast target in the
 * order the targets were first used. Each relation, multicast or one unicast target, has its own
 * session counter and reboot flag (feat_req_someipsd_765). The unicast counters are a
 * {@link PeerMemory}: bounded, and forgotten for targets that hold nothing of ours and went quiet.
 * Thread-confined to the SD scheduler.
 */
final class SdOutbox {

    /** Entries per SD message: 24 entries with two endpoint options each stay under 1,400 bytes. */
    static final int MAX_ENTRIES_PER_MESSAGE = 24;

    private final SdTransport transport;
    private final SdSessionCounter multicastSession = new SdSessionCounter();
    private final PeerMemory<SdSessionCounter> unicastSessions;
    private final LongSupplier clock;
    private final List<SdEntry> pendingMulticast = new ArrayList<>();
    private final Map<InetSocketAddress, List<SdEntry>> pendingUnicast = new LinkedHashMap<>();
    private final List<Runnable> afterFlush = new ArrayList<>();
    private int batchDepth;

    /** With the default bounds of {@link SdLimits} and no clock (nothing goes quiet). */
    SdOutbox(SdTransport transport) {
        this(transport, SdLimits.defaults(), () -> 0);
    }

    /** @param clock the SD scheduler's time in milliseconds */
    SdOutbox(SdTransport transport, SdLimits limits, LongSupplier clock) {
        this.transport = transport;
        this.unicastSessions = new PeerMemory<>(limits.maxPeers(), limits.peerIdleMillis());
        this.clock = clock;
    }

    /** The bounded table of unicast session counters, to say which targets it must keep. */
    PeerMemory<SdSessionCounter> sessions() {
        return unicastSessions;
    }

    /**
     * Runs {@code work} with sends held back, then sends what it produced packed: one received offer
     * with 1,000 subscriptions to renew makes a few dozen datagrams, not 1,000. Batches nest; the
     * outermost one sends.
     */
    void batched(Runnable work) {
        batchDepth++;
        try {
            work.run();
        } finally {
            if (--batchDepth == 0) {
                flush();
            }
        }
    }

    /** Runs {@code task} once the held-back entries went out (initial events must follow their Ack). */
    void afterSend(Runnable task) {
        if (batchDepth > 0) {
            afterFlush.add(task);
        } else {
            task.run();
        }
    }

    void multicast(SdEntry entry) {
        pendingMulticast.add(entry);
        if (batchDepth == 0) {
            flush();
        }
    }

    void unicast(SdEntry entry, InetSocketAddress target) {
        pendingUnicast.computeIfAbsent(target, t -> new ArrayList<>()).add(entry);
        if (batchDepth == 0) {
            flush();
        }
    }

    private void flush() {
        send(pendingMulticast, multicastSession, null);
        pendingMulticast.clear();
        long now = clock.getAsLong();
        pendingUnicast.forEach((target, entries) ->
                send(entries, unicastSessions.getOrCreate(target, now, SdSessionCounter::new), target));
        pendingUnicast.clear();
        List<Runnable> tasks = List.copyOf(afterFlush);
        afterFlush.clear();
        tasks.forEach(Runnable::run);
    }

    /** {@code target} null: the SD multicast group. */
    private void send(List<SdEntry> entries, SdSessionCounter session, InetSocketAddress target) {
        int start = 0;
        while (start < entries.size()) {
            int end = Math.min(entries.size(), start + MAX_ENTRIES_PER_MESSAGE);
            if (end < entries.size() && end - start > 1 && entries.get(end - 1) instanceof StopSubscribeEventgroup) {
                // feat_req_someipsd_844, feat_req_someipsd_1178: a restart's StopSubscribe and Subscribe
                // go in one message, where the server handles them as one step.
                end--;
            }
            int sessionId = session.next();
            transport.send(new SdMessage(session.rebootFlag(), true, false, List.copyOf(entries.subList(start, end)),
                    List.of()), sessionId, target);
            start = end;
        }
    }
}
