package io.vehicle.someip.sd;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A manual clock for the SD state machines: time stands still until a test calls
 * {@link #advance(long)}, which runs the due tasks in time order (ties in the order they were
 * scheduled) with the clock set to each task's due time. {@link #execute} runs at once, as the
 * state machines' own thread would.
 */
final class ManualScheduler implements SdScheduler {

    private static final class Task {
        final long dueAt;
        final long order;
        final Runnable body;
        boolean cancelled;

        Task(long dueAt, long order, Runnable body) {
            this.dueAt = dueAt;
            this.order = order;
            this.body = body;
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.dueAt).thenComparingLong(t -> t.order));
    private long now;
    private long scheduled;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public boolean inSchedulerThread() {
        return true;
    }

    @Override
    public Cancellable schedule(Runnable body, long delayMillis) {
        Task task = new Task(now + Math.max(0, delayMillis), scheduled++, body);
        queue.add(task);
        return () -> task.cancelled = true;
    }

    /** Moves the clock forward by {@code millis}, running every task that falls due on the way. */
    void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("time does not run backwards: " + millis);
        }
        long until = now + millis;
        for (Task next = queue.peek(); next != null && next.dueAt <= until; next = queue.peek()) {
            queue.poll();
            now = next.dueAt;
            if (!next.cancelled) {
                next.body.run();
            }
        }
        now = until;
    }

    /** Moves the clock to an absolute time. */
    void advanceTo(long time) {
        advance(time - now);
    }

    /** Tasks scheduled and neither run nor cancelled. */
    long pendingTasks() {
        return queue.stream().filter(t -> !t.cancelled).count();
    }
}
