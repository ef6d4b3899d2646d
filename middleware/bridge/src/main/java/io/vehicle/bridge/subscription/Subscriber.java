package io.vehicle.bridge.subscription;

import io.vehicle.bridge.values.SignalState;
import io.vertx.core.Context;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One client's subscription: a bounded queue between the value flow and the client's gRPC stream.
 *
 * <p>The value flow only ever {@link #offer}s: it takes this queue's lock for a few field updates and
 * never waits for the client. Writing happens on the stream's own Vert.x context, in batches (one response
 * carries everything that piled up since the last write), and stops while the stream's write queue is full
 * (HTTP/2 flow control: the client is not reading); from then on only this queue grows, up to its capacity,
 * and its {@link Backpressure} decides what happens beyond.
 *
 * @param <R> the response message of the rpc
 */
public final class Subscriber<R> {

    /** A pending update; the holder lets LATEST_ONLY replace a value in place, keeping its position. */
    private static final class Entry {
        SignalState state;

        Entry(SignalState state) {
            this.state = state;
        }
    }

    private final SubscriptionHub hub;
    private final String label;
    private final Context context;
    private final WriteStream<R> stream;
    private final BiFunction<List<SignalState>, Long, R> encoder;
    private final Consumer<String> overflow;
    private final Backpressure backpressure;
    private final int capacity;
    private final long minIntervalNanos;
    private final int maxBatch;
    private final Set<String> paths;

    // Guarded by this: filled by the value flow, emptied on the context.
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final Map<String, Entry> lastPending = new HashMap<>();
    private boolean scheduled;
    private boolean closed;
    private long offered;
    private long dropped;
    private int maxPending;

    // Confined to the context.
    private volatile long delivered;
    private final Map<String, Long> lastSent = new HashMap<>();
    private final LinkedHashMap<String, SignalState> held = new LinkedHashMap<>();
    private boolean heldTimer;

    Subscriber(SubscriptionHub hub, String label, Set<String> paths, SubscriberOptions options, Context context,
               WriteStream<R> stream, BiFunction<List<SignalState>, Long, R> encoder, Consumer<String> overflow) {
        this.hub = hub;
        this.label = label;
        this.paths = Set.copyOf(paths);
        this.context = context;
        this.stream = stream;
        this.encoder = encoder;
        this.overflow = overflow;
        this.backpressure = options.backpressure();
        this.capacity = options.capacity();
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(options.minIntervalMs());
        this.maxBatch = options.maxBatch();
        stream.drainHandler(v -> schedule());
        stream.exceptionHandler(error -> close());
    }

    public Set<String> paths() {
        return paths;
    }

    /** Sends the current state of every signal first, then what changes. Called once, after registration. */
    void start(List<SignalState> snapshot) {
        synchronized (this) {
            // Ahead of anything queued since registration: the snapshot is older than those changes.
            List<Entry> first = new ArrayList<>();
            snapshot.forEach(state -> first.add(new Entry(state)));
            for (int i = first.size() - 1; i >= 0; i--) {
                pending.addFirst(first.get(i));
            }
            if (lastPending.isEmpty()) {
                first.forEach(e -> lastPending.put(e.state.path(), e));
            }
            maxPending = Math.max(maxPending, pending.size());
        }
        schedule();
    }

    /** From the value flow: queue, never wait. */
    void offer(SignalState state) {
        boolean overflowed = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            offered++;
            Entry last = lastPending.get(state.path());
            if (backpressure == Backpressure.LATEST_ONLY && last != null && last.state.available()
                    && state.available()) {
                last.state = state; // the newer value takes the older one's place
                dropped++;
                return;
            }
            if (pending.size() >= capacity) {
                if (backpressure == Backpressure.FAIL_ON_OVERFLOW) {
                    overflowed = true;
                    closed = true;
                    pending.clear();
                    lastPending.clear();
                } else {
                    Entry oldest = pending.pollFirst();
                    if (lastPending.get(oldest.state.path()) == oldest) {
                        lastPending.remove(oldest.state.path());
                    }
                    dropped++;
                }
            }
            if (!overflowed) {
                Entry entry = new Entry(state);
                pending.addLast(entry);
                lastPending.put(state.path(), entry);
                maxPending = Math.max(maxPending, pending.size());
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
        }
        if (overflowed) {
            hub.remove(this);
            context.runOnContext(v -> overflow.accept("the client read too slowly: more than " + capacity
                    + " updates waited; subscribe with latest_only to keep only the newest values"));
        } else {
            context.runOnContext(v -> drain());
        }
    }

    private void schedule() {
        synchronized (this) {
            if (scheduled || closed) {
                return;
            }
            scheduled = true;
        }
        context.runOnContext(v -> drain());
    }

    /** On the context: one response with what waits, unless the client is not reading. */
    private void drain() {
        List<SignalState> batch = new ArrayList<>();
        long droppedNow;
        boolean more;
        synchronized (this) {
            scheduled = false;
            if (closed) {
                return;
            }
            if (stream.writeQueueFull()) {
                return; // the drain handler schedules again
            }
            while (!pending.isEmpty() && batch.size() < maxBatch) {
                Entry entry = pending.pollFirst();
                if (lastPending.get(entry.state.path()) == entry) {
                    lastPending.remove(entry.state.path());
                }
                batch.add(entry.state);
            }
            droppedNow = dropped;
            more = !pending.isEmpty();
            if (more) {
                scheduled = true;
            }
        }
        batch = throttle(batch);
        if (!batch.isEmpty()) {
            delivered += batch.size();
            write(encoder.apply(batch, droppedNow));
        }
        if (more) {
            context.runOnContext(v -> drain());
        }
    }

    /** min_interval_ms: a value sent less than the interval ago waits (the newest one) for its turn. */
    private List<SignalState> throttle(List<SignalState> batch) {
        if (minIntervalNanos <= 0) {
            return batch;
        }
        long now = System.nanoTime();
        List<SignalState> due = new ArrayList<>();
        for (SignalState state : batch) {
            Long last = lastSent.get(state.path());
            if (state.available() && last != null && now - last < minIntervalNanos) {
                held.put(state.path(), state);
                continue;
            }
            // Availability changes go at once, and take the place of a held value of the same signal.
            held.remove(state.path());
            lastSent.put(state.path(), now);
            due.add(state);
        }
        if (!held.isEmpty() && !heldTimer) {
            heldTimer = true;
            long earliest = Long.MAX_VALUE;
            for (String path : held.keySet()) {
                earliest = Math.min(earliest, lastSent.get(path) + minIntervalNanos);
            }
            long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(earliest - now + 999_999));
            context.owner().setTimer(delayMs, id -> releaseHeld());
        }
        return due;
    }

    private void releaseHeld() {
        heldTimer = false;
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        List<SignalState> waiting = new ArrayList<>(held.values());
        held.clear();
        List<SignalState> due = throttle(waiting);
        if (!due.isEmpty()) {
            delivered += due.size();
            write(encoder.apply(due, droppedSoFar()));
        }
    }

    /** One response to the client; a stream that is gone (cancelled, reset) ends the subscription. */
    private void write(R response) {
        try {
            stream.write(response).onFailure(error -> close());
        } catch (IllegalStateException gone) {
            close();
        }
    }

    private synchronized long droppedSoFar() {
        return dropped;
    }

    /** Stops queueing and forgets the client; idempotent. */
    public void close() {
        synchronized (this) {
            closed = true;
            pending.clear();
            lastPending.clear();
        }
        hub.remove(this);
    }

    public synchronized SubscriberStats stats() {
        return new SubscriberStats(label, offered, delivered, dropped, pending.size(), maxPending, capacity);
    }
}
