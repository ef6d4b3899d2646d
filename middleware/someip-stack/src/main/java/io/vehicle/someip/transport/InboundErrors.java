package io.vehicle.someip.transport;

import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts rejected input per {@link WireError} and logs it at most once per peer per interval, so a
 * flood of garbage costs a counter increment, not a log line per packet.
 */
public final class InboundErrors {

    private static final Logger LOG = LoggerFactory.getLogger(InboundErrors.class);
    private static final int MAX_TRACKED_PEERS = 4096;

    private final Map<WireError, LongAdder> counts = new EnumMap<>(WireError.class);
    private final Map<SocketAddress, Long> lastLogged = new ConcurrentHashMap<>();
    private final long logIntervalNanos;
    private final LongSupplier clock;

    public InboundErrors() {
        this(10_000_000_000L, System::nanoTime);
    }

    public InboundErrors(long logIntervalNanos, LongSupplier clock) {
        for (WireError error : WireError.values()) {
            counts.put(error, new LongAdder());
        }
        this.logIntervalNanos = logIntervalNanos;
        this.clock = clock;
    }

    public void record(SocketAddress peer, WireFormatException e) {
        record(peer, e.error(), e.getMessage());
    }

    public void record(SocketAddress peer, WireError error, String detail) {
        counts.get(error).increment();
        long now = clock.getAsLong();
        if (lastLogged.size() > MAX_TRACKED_PEERS) {
            lastLogged.clear(); // bounded memory under a spoofed-source flood
        }
        Long previous = lastLogged.get(peer);
        if (previous == null || now - previous >= logIntervalNanos) {
            lastLogged.put(peer, now);
            LOG.warn("Dropped input from {}: {} (further drops from this peer are counted, logged again in {} s)",
                    peer, detail, logIntervalNanos / 1_000_000_000L);
        }
    }

    public long count(WireError error) {
        return counts.get(error).sum();
    }

    public long total() {
        long sum = 0;
        for (LongAdder adder : counts.values()) {
            sum += adder.sum();
        }
        return sum;
    }

    /** A snapshot of the counters, for metrics and tests. */
    public Map<WireError, Long> snapshot() {
        Map<WireError, Long> copy = new EnumMap<>(WireError.class);
        counts.forEach((error, adder) -> copy.put(error, adder.sum()));
        return copy;
    }
}
