package io.vehicle.launcher.tools.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The measured part of a closed loop's run: answers arriving on an event loop are recorded only
 * between the warm-up's end and the measurement's end, and {@link #run} returns what was recorded
 * with the CPU time both processes used meanwhile.
 */
final class RecordingWindow {

    private final Histogram histogram = new Histogram(60_000_000_000L, 3);
    private volatile boolean recording;
    private long completed;
    private long errors;

    /** One answer and its latency; ignored outside the window. */
    void answered(long latencyNanos) {
        if (recording) {
            synchronized (this) {
                if (recording) {
                    histogram.recordValue(Math.max(0, latencyNanos));
                    completed++;
                }
            }
        }
    }

    /** One failed request; ignored outside the window. */
    void failed() {
        if (recording) {
            synchronized (this) {
                if (recording) {
                    errors++;
                }
            }
        }
    }

    /** Sleeps through the warm-up, records for {@code measure}, and returns the result named {@code scenario}. */
    LatencyResult run(String scenario, Duration warmup, Duration measure, CpuWindow cpu) throws InterruptedException {
        Thread.sleep(warmup.toMillis()); // a benchmark's warm-up, not synchronisation
        synchronized (this) {
            histogram.reset();
            completed = 0;
            errors = 0;
            recording = true;
        }
        cpu.begin();
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        long count;
        long errorCount;
        Histogram copy;
        synchronized (this) {
            recording = false;
            count = completed;
            errorCount = errors;
            copy = histogram.copy();
        }
        long cpuNanos = cpu.end();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LatencyResult(scenario, count, seconds, copy, errorCount, cpuNanos);
    }
}
