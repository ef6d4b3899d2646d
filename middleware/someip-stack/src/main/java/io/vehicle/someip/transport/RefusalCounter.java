package io.vehicle.someip.transport;

import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Counts refused input per reason and logs it at most once per peer per interval, and at most
 * {@link #MAX_LINES_PER_INTERVAL} lines per interval in all (a flood from thousands of addresses,
 * real or forged, would otherwise still write a line for each); what was not logged is summed up
 * in one line before the first line of the next interval. A flood costs counter increments, not log lines.
 * Safe to use from any thread.
 *
 * @param <R> the reasons, one counter each
 */
public final class RefusalCounter<R extends Enum<R>> {

    /** How often one peer's refusals are logged at the most, by default. */
    public static final long DEFAULT_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final int MAX_TRACKED_PEERS = 4096;
    /** Log lines per interval over all peers. */
    public static final int MAX_LINES_PER_INTERVAL = 20;

    private final Class<R> reasons;
    private final Map<R, LongAdder> counts;
    private final Map<SocketAddress, Long> lastLogged = new ConcurrentHashMap<>();
    private final Logger log;
    private final long logIntervalNanos;
    private final LongSupplier clock;
    /** The start of the interval that counts log lines in all, its lines, and the refusals it did not log. */
    private long windowStart;
    private int windowLines;
    private long windowUnlogged;

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
        if (!mayLog(now)) {
            return false;
        }
        lastLogged.put(peer, now);
        log.warn("Refused ({}) for {}: {} (further refusals for this peer are counted, logged again in {} s)",
                reason, peer, detail, logIntervalNanos / 1_000_000_000L);
        return true;
    }

    /** Whether the budget of lines in all allows one more now; sums up the last interval when a new one begins. */
    private synchronized boolean mayLog(long now) {
        if (windowLines == 0 || now - windowStart >= logIntervalNanos) {
            if (windowUnlogged > 0) {
                log.warn("{} more refusals from other peers were counted but not logged in the last {} s", windowUnlogged,
                        logIntervalNanos / 1_000_000_000L);
            }
            windowStart = now;
            windowLines = 0;
            windowUnlogged = 0;
        }
        if (windowLines >= MAX_LINES_PER_INTERVAL) {
            windowUnlogged++;
            return false;
        }
        windowLines++;
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
