package io.vehicle.launcher.assistant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The evaluation bridge's clock: the system clock plus an offset that jumps an hour ahead for every case that
 * starts from the default car. Each such case is a drive of its own, so the rate limits of the previous one
 * (counted on this clock) no longer apply, while the cases of one session share their real time. Values the
 * bridge holds from before a jump become stale and are read again from the ECU when a rule needs them.
 */
public final class ScenarioClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();
    /** While set, the time at which the clock stands still; {@code Long.MIN_VALUE} when it runs. */
    private final AtomicLong heldAt = new AtomicLong(Long.MIN_VALUE);

    /** One hour ahead: a new drive, whose rate limits start afresh and for which every held value is stale. */
    public void nextScenario() {
        offsetMillis.addAndGet(Duration.ofHours(1).toMillis());
    }

    /**
     * Stops the clock where it is until {@link #run()}: a rate limit's window then cannot pass while a test makes
     * its writes, however slow the machine.
     */
    public void hold() {
        heldAt.compareAndSet(Long.MIN_VALUE, millis());
    }

    /** Lets the clock run on from where it was held (the held time is skipped, not lost). */
    public void run() {
        heldAt.set(Long.MIN_VALUE);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        long held = heldAt.get();
        return held != Long.MIN_VALUE ? held : System.currentTimeMillis() + offsetMillis.get();
    }
}
