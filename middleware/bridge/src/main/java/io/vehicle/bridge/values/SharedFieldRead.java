package io.vehicle.bridge.values;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The getter reads of one field, shared by every caller that needs its value no older than the call. A caller
 * that comes while a read is in flight joins the read queued behind it, sent once the one in flight is over; never
 * the one in flight, which left before the caller came. However many callers, one field has at most one read in
 * flight and one waiting, so a client repeating GetSignals with read_from_ecus cannot multiply the ECU's load.
 */
final class SharedFieldRead {

    /** Sends one read with this timeout, applies its answer, and completes (normally) when it is over. */
    private final Function<Duration, CompletableFuture<Void>> read;
    private CompletableFuture<Void> inFlight;
    private CompletableFuture<Void> queued;
    private Duration queuedTimeout;

    SharedFieldRead(Function<Duration, CompletableFuture<Void>> read) {
        this.read = read;
    }

    /** Completes once a read sent after this call is over (answered, failed or timed out). */
    CompletableFuture<Void> next(Duration timeout) {
        CompletableFuture<Void> mine;
        synchronized (this) {
            if (inFlight != null) {
                if (queued == null) {
                    queued = new CompletableFuture<>();
                    queuedTimeout = timeout;
                }
                return queued;
            }
            inFlight = new CompletableFuture<>();
            mine = inFlight;
        }
        send(mine, timeout);
        return mine;
    }

    private void send(CompletableFuture<Void> done, Duration timeout) {
        CompletableFuture<Void> sent;
        try {
            sent = read.apply(timeout);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e); // over at once, so the field is not held for ever
        }
        sent.whenComplete((ignored, error) -> {
            done.complete(null);
            finished();
        });
    }

    private void finished() {
        CompletableFuture<Void> waiting;
        Duration timeout;
        synchronized (this) {
            waiting = queued;
            timeout = queuedTimeout;
            queued = null;
            inFlight = waiting;
        }
        if (waiting != null) {
            send(waiting, timeout);
        }
    }
}
