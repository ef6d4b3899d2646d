package io.vehicle.someip.sd;

import java.util.Random;

/**
 * The random waits of SD, all drawn from one generator so that a seeded test repeats itself:
 * INITIAL_DELAY before the first offer or find (feat_req_someipsd_63, feat_req_someipsd_64) and
 * REQUEST_RESPONSE_DELAY before answering a multicast message (feat_req_someipsd_83,
 * feat_req_someipsd_766).
 */
final class SdDelays {

    private final SdScheduler scheduler;
    private final SdTimings timings;
    private final Random random;

    SdDelays(SdScheduler scheduler, SdTimings timings, Random random) {
        this.scheduler = scheduler;
        this.timings = timings;
        this.random = random;
    }

    long initialDelay() {
        return between(timings.initialDelayMinMs(), timings.initialDelayMaxMs());
    }

    long requestResponseDelay() {
        return between(timings.requestResponseDelayMinMs(), timings.requestResponseDelayMaxMs());
    }

    /** Runs {@code task} after {@code delayMs}; at once when that is 0. */
    void after(long delayMs, Runnable task) {
        if (delayMs <= 0) {
            task.run();
        } else {
            scheduler.schedule(task, delayMs);
        }
    }

    /** Uniform in [min, max]; draws nothing when they are equal. */
    private long between(long min, long max) {
        return min == max ? min : min + (long) (random.nextDouble() * (max - min + 1));
    }
}
