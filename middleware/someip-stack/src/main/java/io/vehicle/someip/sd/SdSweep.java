package io.vehicle.someip.sd;

import java.util.ArrayList;
import java.util.List;

/**
 * The housekeeping tick of both sides: every 100 ms, as long as anything has a TTL to watch, the
 * registered sweeps expire what ran out and renew what is due, with what they send packed into few
 * messages. One tick for the whole node, started by whichever side first needs it.
 */
final class SdSweep {

    static final long INTERVAL_MS = 100;

    /** One part's share of a tick. */
    @FunctionalInterface
    interface Task {
        /** Expires and renews as of {@code now}; returns whether anything is left to watch. */
        boolean sweep(long now);
    }

    private final SdScheduler scheduler;
    private final SdOutbox outbox;
    private final List<Task> tasks = new ArrayList<>();
    private SdScheduler.Cancellable timer;
    private boolean closed;

    SdSweep(SdScheduler scheduler, SdOutbox outbox) {
        this.scheduler = scheduler;
        this.outbox = outbox;
    }

    /** Adds a task; tasks run in the order they were added. */
    void add(Task task) {
        tasks.add(task);
    }

    /** Schedules the next tick unless one is pending (or the node is closed). */
    void ensure() {
        if (timer == null && !closed) {
            timer = scheduler.schedule(this::tick, INTERVAL_MS);
        }
    }

    void close() {
        if (timer != null) {
            timer.cancel();
        }
        closed = true;
    }

    private void tick() {
        outbox.batched(() -> {
            timer = null;
            long now = scheduler.nowMillis();
            boolean watching = false;
            for (Task task : tasks) {
                watching |= task.sweep(now);
            }
            if (watching) {
                ensure();
            }
        });
    }
}
