package io.vehicle.simulator.clock;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the simulation on its own: one plant step every step/rate of real time (at rate 60 a simulated
 * minute passes each real second), or steps back to back at rate "max". The SOME/IP traffic the steps
 * cause stays on real time.
 */
public final class ClockDriver implements AutoCloseable {

    private final ScheduledExecutorService simulation;
    private final Runnable step;
    private final long stepNanos;
    private final double rate;
    private volatile boolean running;
    private ScheduledFuture<?> ticking;

    /** @param rate simulated seconds per real second; infinite for as fast as possible */
    public ClockDriver(ScheduledExecutorService simulation, Runnable step, long stepNanos, double rate) {
        this.simulation = simulation;
        this.step = step;
        this.stepNanos = stepNanos;
        this.rate = rate;
    }

    public void start() {
        running = true;
        if (Double.isInfinite(rate)) {
            simulation.execute(this::stepAndContinue);
        } else {
            long period = Math.max(1, Math.round(stepNanos / rate));
            ticking = simulation.scheduleAtFixedRate(step, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /** One step, then the next queued behind whatever else waits for the simulation thread. */
    private void stepAndContinue() {
        if (!running) {
            return;
        }
        step.run();
        simulation.execute(this::stepAndContinue);
    }

    @Override
    public void close() {
        running = false;
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
