package io.vehicle.launcher.tools;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Sends a numbered stream from an event loop in slices, for the load tools: unpaced, 512 per task
 * so reads and timers still get their turn; paced, as many as the elapsed time allows at the rate,
 * checked every 0.5 ms (a late tick catches up, so the average rate holds).
 */
public final class PacedSender {

    private static final int UNPACED_SLICE = 512;

    private final EventLoop loop;
    private final long count;
    private final long ratePerSecond;
    private final LongConsumer sendOne;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private long startedAt;
    private long sent;

    /**
     * @param ratePerSecond 0 for unpaced
     * @param sendOne       sends message number n (0-based); runs on {@code loop}
     */
    public PacedSender(EventLoop loop, long count, long ratePerSecond, LongConsumer sendOne) {
        this.loop = loop;
        this.count = count;
        this.ratePerSecond = ratePerSecond;
        this.sendOne = sendOne;
    }

    /** Starts sending; completes with the number sent, or exceptionally if a send threw. */
    public CompletableFuture<Long> start() {
        loop.execute(() -> {
            startedAt = System.nanoTime();
            slice();
        });
        return done;
    }

    private void slice() {
        long due = ratePerSecond > 0
                ? Math.min(count, 1 + ratePerSecond * (System.nanoTime() - startedAt) / 1_000_000_000L)
                : Math.min(count, sent + UNPACED_SLICE);
        try {
            while (sent < due) {
                sendOne.accept(sent);
                sent++;
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        if (sent >= count) {
            done.complete(sent);
        } else if (ratePerSecond > 0) {
            loop.schedule(this::slice, 500, TimeUnit.MICROSECONDS);
        } else {
            loop.execute(this::slice);
        }
    }
}
