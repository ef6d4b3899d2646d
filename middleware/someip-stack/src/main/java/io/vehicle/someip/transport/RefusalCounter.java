package io.vehicle.someip.transport;

import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Counts refused input per reason and logs it at most once per peer per interval, so a flood of
 * garbage costs a counter increment, not a log line per packet. Safe to use from any thread.
 *
 * @param <R> the reasons, one counter each
 */
public final class RefusalCounter<R extends Enum<R>> {

    /** How often one peer's refusals are logged at the most, by default. */
    public static final long DEFAULT_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final int MAX_TRACKED_PEERS = 4096;

    private final Class<R> reasons;
    private final Map<R, LongAdder> counts;
    private final Map<SocketAddress, Long> lastLogged = new ConcurrentHashMap<>();
    private final Logger log;
    private final long logIntervalNanos;
    private final LongSupplier clock;

    /** Logs to {@code log} once per peer per {@code logIntervalNanos} of {@code clock} (nanoseconds). */
    public RefusalCounter(Class<R> reasons, Logger log, long logIntervalNanos, LongSupplier clock) {
        this.reasons = reasons;
        this.counts = new EnumMap<>(reasons);
        for (R reason : reasons.getEnumConstants()) {
            counts.put(reason, new LongAdder());
        }
        this.log = log;
        this.logIntervalNanos = logIntervalNanos;
        this.clock = clock;
    }

    /** Logs once per peer every 10 s of {@link System#nanoTime()}. */
    public static <R extends Enum<R>> RefusalCounter<R> of(Class<R> reasons, Logger log) {
        return new RefusalCounter<>(reasons, log, DEFAULT_LOG_INTERVAL_NANOS, System::nanoTime);
    }

    /**
     * Counts one refusal; logs {@code detail}, which should say why, unless this peer was logged within
     * the interval. Returns whether it logged.
     */
    public boolean record(SocketAddress peer, R reason, String detail) {
        counts.get(reason).increment();
        long now = clock.getAsLong();
        if (lastLogged.size() > MAX_TRACKED_PEERS) {
            lastLogged.clear(); // bounded memory under a spoofed-source flood
        }
        Long previous = lastLogged.get(peer);
        if (previous != null && now - previous < logIntervalNanos) {
            return false;
        }
        lastLogged.put(peer, now);
        log.warn("Refused ({}) for {}: {} (further refusals for this peer are counted, logged again in {} s)",
                reason, peer, detail, logIntervalNanos / 1_000_000_000L);
        return true;
    }

    public long count(R reason) {
        return counts.get(reason).sum();
    }

    public long total() {
        long sum = 0;
        for (LongAdder adder : counts.values()) {
            sum += adder.sum();
        }
        return sum;
    }

    /** A snapshot of the counters, every reason included, for metrics and tests. */
    public Map<R, Long> snapshot() {
        Map<R, Long> copy = new EnumMap<>(reasons);
        counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }
}
