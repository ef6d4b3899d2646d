package io.vehicle.someip.sdk.service;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy's callbacks (or a skeleton's request handlers), run one at a time in the order they were
 * submitted, on the application's executor. Whatever the executor (one thread, a pool), a proxy's
 * events reach their listeners in the order they arrived. With {@link ProxyOptions#DIRECT} callbacks
 * run at once, on the calling (I/O) thread.
 */
final class SerialExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Callbacks run per turn before the executor gets the thread back (fairness between proxies). */
    private static final int BATCH = 64;

    /** A callback; when the executor refuses it (shut down), it still releases what it holds. */
    interface Callback extends Runnable {
        /** The executor would not run it: release buffers, complete futures on this thread. */
        default void rejected(RejectedExecutionException e) {
        }
    }

    private final Executor executor;
    private final boolean direct;
    private final Queue<Callback> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean rejectionLogged = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();

    SerialExecutor(Executor executor) {
        this.executor = executor;
        this.direct = executor == ProxyOptions.DIRECT;
    }

    boolean isDirect() {
        return direct;
    }

    /** Callbacks waiting for the executor. */
    int queued() {
        return queued.get();
    }

    void execute(Callback callback) {
        if (direct) {
            run(callback);
            return;
        }
        queued.incrementAndGet();
        queue.add(callback);
        schedule();
    }

    private void schedule() {
        while (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
                return;
            } catch (RejectedExecutionException e) {
                rejectQueued(e);
                scheduled.set(false); // and look again: callbacks queued meanwhile found us scheduled
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Callback next = queue.poll();
                if (next == null) {
                    break;
                }
                queued.decrementAndGet();
                run(next);
            }
        } finally {
            scheduled.set(false);
            schedule();
        }
    }

    private static void run(Callback callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("A listener failed", e);
        }
    }

    private void rejectQueued(RejectedExecutionException e) {
        if (rejectionLogged.compareAndSet(false, true)) {
            LOG.warn("The callback executor {} refused callbacks (shut down?); dropping them", executor);
        }
        for (Callback next = queue.poll(); next != null; next = queue.poll()) {
            queued.decrementAndGet();
            try {
                next.rejected(e);
            } catch (RuntimeException failure) {
                LOG.warn("Releasing a refused callback failed", failure);
            }
        }
    }
}
