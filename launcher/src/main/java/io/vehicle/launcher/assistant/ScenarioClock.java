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
final class ScenarioClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    void nextScenario() {
        offsetMillis.addAndGet(Duration.ofHours(1).toMillis());
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
        return Instant.now().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }
}
