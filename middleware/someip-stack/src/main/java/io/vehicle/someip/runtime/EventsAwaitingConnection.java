package io.vehicle.someip.runtime;

import io.netty.util.concurrent.EventExecutor;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.RefusalCounter;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Events for a TCP subscriber whose connection the server has not accepted yet. A client opens its
 * connection before it subscribes, but the server's SD can take the Subscribe before the server's
 * event loop has accepted that connection; a field's initial value (feat_req_someipsd_691) sent in
 * between had nowhere to go and was lost. Such events wait here, in order, until the connection
 * comes, for at most {@code waitMillis} and {@code maxBytes} per peer; beyond that they are dropped
 * and counted ({@link EndpointRefusal#EVENT_DROPPED_NO_CONNECTION}, or
 * {@link EndpointRefusal#EVENT_DROPPED_QUEUE_FULL} over the bytes).
 */
final class EventsAwaitingConnection {

    /** How long events wait for their subscriber's connection. */
    static final long DEFAULT_WAIT_MILLIS = 5_000;

    private final EventExecutor timer;
    private final long waitMillis;
    private final int maxBytes;
    private final RefusalCounter<EndpointRefusal> refusals;
    private final Map<InetSocketAddress, Waiting> waiting = new HashMap<>();

    private static final class Waiting {
        final List<SomeIpMessage> events = new ArrayList<>();
        int bytes;
    }

    EventsAwaitingConnection(EventExecutor timer, long waitMillis, int maxBytes,
                             RefusalCounter<EndpointRefusal> refusals) {
        this.timer = timer;
        this.waitMillis = waitMillis;
        this.maxBytes = maxBytes;
        this.refusals = refusals;
    }

    /** Keeps {@code event} for {@code peer}'s connection; takes ownership. */
    synchronized void hold(InetSocketAddress peer, SomeIpMessage event) {
        Waiting queue = waiting.get(peer);
        if (queue == null) {
            queue = new Waiting();
            waiting.put(peer, queue);
            Waiting expiring = queue;
            timer.schedule(() -> expire(peer, expiring), waitMillis, TimeUnit.MILLISECONDS);
        }
        int size = SomeIpCodec.encodedSize(event);
        if (queue.bytes + size > maxBytes) {
            event.release();
            refusals.record(peer, EndpointRefusal.EVENT_DROPPED_QUEUE_FULL, "event for TCP subscriber " + peer
                    + " dropped: more than " + maxBytes + " bytes wait for its connection");
            return;
        }
        queue.events.add(event);
        queue.bytes += size;
    }

    /** What waits for {@code peer}, in order, now the connection has come; the caller owns it. */
    synchronized List<SomeIpMessage> take(InetSocketAddress peer) {
        Waiting queue = waiting.remove(peer);
        return queue == null ? List.of() : queue.events;
    }

    private void expire(InetSocketAddress peer, Waiting queue) {
        synchronized (this) {
            if (waiting.get(peer) != queue) {
                return; // the connection came
            }
            waiting.remove(peer);
        }
        queue.events.forEach(SomeIpMessage::release);
        refusals.record(peer, EndpointRefusal.EVENT_DROPPED_NO_CONNECTION, queue.events.size() + " event(s) for TCP "
                + "subscriber " + peer + " dropped: no connection from it within " + waitMillis + " ms");
    }

    synchronized void clear() {
        waiting.values().forEach(queue -> queue.events.forEach(SomeIpMessage::release));
        waiting.clear();
    }
}
