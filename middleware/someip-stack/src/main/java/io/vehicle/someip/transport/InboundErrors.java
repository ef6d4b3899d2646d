package io.vehicle.someip.transport;

import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input the transports could not take as SOME/IP messages, counted per {@link WireError} and
 * logged at most once per peer per interval.
 */
public final class InboundErrors {

    private static final Logger LOG = LoggerFactory.getLogger(InboundErrors.class);

    private final RefusalCounter<WireError> counter;
    private final java.util.concurrent.atomic.LongAdder peerResets = new java.util.concurrent.atomic.LongAdder();

    public InboundErrors() {
        this(RefusalCounter.DEFAULT_LOG_INTERVAL_NANOS, System::nanoTime);
    }

    public InboundErrors(long logIntervalNanos, LongSupplier clock) {
        this.counter = new RefusalCounter<>(WireError.class, LOG, logIntervalNanos, clock);
    }

    public void record(SocketAddress peer, WireFormatException e) {
        record(peer, e.error(), e.getMessage());
    }

    public void record(SocketAddress peer, WireError error, String detail) {
        counter.record(peer, error, detail);
    }

    public long count(WireError error) {
        return counter.count(error);
    }

    public long total() {
        return counter.total();
    }

    /**
     * A TCP connection the peer reset ("Connection reset by peer"): what a peer process exiting
     * normally does to its connections, so counted, not logged as a warning.
     */
    public void peerReset() {
        peerResets.increment();
    }

    public long peerResets() {
        return peerResets.sum();
    }

    /** A snapshot of the counters, for metrics and tests. */
    public Map<WireError, Long> snapshot() {
        return counter.snapshot();
    }
}
