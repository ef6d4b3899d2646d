package io.vehicle.simulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The simulator's time: nanoseconds since the simulation started, advanced only by its owner (a
 * {@link ClockDriver} at a rate of real time, or a scenario stepping as fast as it can), never by the
 * wall clock. Timers fire in time order while the clock advances, so what happens at a simulated time
 * does not depend on how fast the clock ran. Confined to the simulation thread.
 */
public final class SimulationClock {

    private final Instant start;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long sequence;

    /** @param start the wall-clock instant simulated time 0 stands for (time stamps in the control API) */
    public SimulationClock(Instant start) {
        this.start = start;
    }

    /** Simulated nanoseconds since the start. */
    public long nanos() {
        return now;
    }

    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** The instant a simulated time stands for. */
    public Instant instant(long simulatedNanos) {
        return start.plusNanos(simulatedNanos);
    }

    public Instant instant() {
        return instant(now);
    }

    /** Runs {@code task} when the clock reaches {@code atNanos} (at once on the next advance if already past). */
    public Timer schedule(long atNanos, Runnable task) {
        Timer timer = new Timer(Math.max(atNanos, now), sequence++, task);
        timers.add(timer);
        return timer;
    }

    public Timer scheduleAfter(Duration delay, Runnable task) {
        return schedule(now + delay.toNanos(), task);
    }

    /**
     * Moves time forward to {@code target}, firing due timers at their own times on the way (a timer may
     * schedule more); then time is {@code target}.
     */
    public void advanceTo(long target) {
        while (!timers.isEmpty() && timers.peek().at <= target) {
            Timer next = timers.poll();
            if (next.cancelled) {
                continue;
            }
            now = Math.max(now, next.at);
            next.task.run();
        }
        now = Math.max(now, target);
    }

    /** A scheduled task; cancel it to keep it from running. */
    public static final class Timer implements Comparable<Timer> {
        private final long at;
        private final long order;
        private final Runnable task;
        private boolean cancelled;

        private Timer(long at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
        }

        public long at() {
            return at;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
