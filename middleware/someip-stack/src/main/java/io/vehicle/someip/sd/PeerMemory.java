package io.vehicle.someip.sd;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What SD remembers per sender (reboot detection, our session counter towards it), bounded and
 * forgetful: at most {@code capacity} senders; a new one beyond forgets the sender heard from least
 * recently that holds nothing of ours (no known service, subscription or subscriber), or the least
 * recent of all when every one does; a sender that holds nothing is forgotten {@code idleMillis}
 * after it was last heard of. A flood of spoofed senders so costs a bounded table, and the peers a
 * node works with keep their state. Thread-confined to the SD scheduler.
 *
 * @param <V> what is kept per sender
 */
final class PeerMemory<V> {

    private static final class Remembered<V> {
        final V value;
        long lastSeen;

        Remembered(V value, long lastSeen) {
            this.value = value;
            this.lastSeen = lastSeen;
        }
    }

    private final int capacity;
    private final long idleMillis;
    /** In access order: the first entry is the sender heard from least recently. */
    private final LinkedHashMap<InetSocketAddress, Remembered<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private Predicate<InetSocketAddress> holdsState = peer -> false;
    private Consumer<InetSocketAddress> onEvicted = peer -> { };

    PeerMemory(int capacity, long idleMillis) {
        this.capacity = capacity;
        this.idleMillis = idleMillis;
    }

    /** Which senders hold state of ours: they are forgotten last, and never for idleness. */
    void protect(Predicate<InetSocketAddress> holdsState) {
        this.holdsState = holdsState;
    }

    /** Told of every sender forgotten to make room for another (not of those forgotten for idleness). */
    void onEvicted(Consumer<InetSocketAddress> listener) {
        this.onEvicted = listener;
    }

    /** The value kept for {@code peer}, or null; marks it heard of at {@code now}. */
    V get(InetSocketAddress peer, long now) {
        Remembered<V> remembered = entries.get(peer);
        if (remembered == null) {
            return null;
        }
        remembered.lastSeen = now;
        return remembered.value;
    }

    /** The value kept for {@code peer}, or null, without marking it heard of. */
    V peek(InetSocketAddress peer) {
        Remembered<V> remembered = entries.get(peer);
        return remembered == null ? null : remembered.value;
    }

    /** The value kept for {@code peer}, made by {@code create} (after making room) when there is none. */
    V getOrCreate(InetSocketAddress peer, long now, Supplier<V> create) {
        V value = get(peer, now);
        if (value != null) {
            return value;
        }
        if (entries.size() >= capacity) {
            evictOne();
        }
        value = create.get();
        entries.put(peer, new Remembered<>(value, now));
        return value;
    }

    void remove(InetSocketAddress peer) {
        entries.remove(peer);
    }

    int size() {
        return entries.size();
    }

    /** Forgets senders that hold nothing and were not heard of for {@code idleMillis}; true while any is kept. */
    boolean expire(long now) {
        entries.entrySet().removeIf(e -> now - e.getValue().lastSeen >= idleMillis && !holdsState.test(e.getKey()));
        return !entries.isEmpty();
    }

    private void evictOne() {
        InetSocketAddress victim = null;
        for (Iterator<Map.Entry<InetSocketAddress, Remembered<V>>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            InetSocketAddress peer = it.next().getKey();
            if (victim == null) {
                victim = peer; // the least recent of all, if every one holds state
            }
            if (!holdsState.test(peer)) {
                victim = peer;
                break;
            }
        }
        entries.remove(victim);
        onEvicted.accept(victim);
    }
}
