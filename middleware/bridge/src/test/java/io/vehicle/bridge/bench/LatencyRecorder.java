package io.vehicle.bridge.bench;

import org.HdrHistogram.Histogram;

/** Arrivals of one measured phase: how many, over what time, and their latency since the ECU sent them. */
final class LatencyRecorder {

    private final Histogram latency = new Histogram(60_000_000_000L, 3);
    private final long since;
    private volatile long count;
    private long first;
    private volatile long last;

    /** @param since updates sent before this System.nanoTime are ignored (earlier phases, snapshots) */
    LatencyRecorder(long since) {
        this.since = since;
    }

    /** One arrival, on the receiving thread; {@code sent} is the ECU's System.nanoTime at send. */
    synchronized void arrived(long sent) {
        if (sent < since) {
            return;
        }
        long now = System.nanoTime();
        if (count == 0) {
            first = now;
        }
        last = now;
        latency.recordValue(Math.max(0, now - sent));
        count++;
    }

    long count() {
        return count;
    }

    long lastArrival() {
        return last;
    }

    synchronized String summary(String what, long sent) {
        double seconds = (last - first) / 1e9;
        return String.format("%-44s sent %,9d  received %,9d  %,10.0f/s  p50 %8.1f µs  p99 %8.1f µs  max %9.1f µs",
                what, sent, count, count > 1 ? (count - 1) / seconds : 0.0, latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3);
    }

    synchronized double p50Micros() {
        return latency.getValueAtPercentile(50) / 1e3;
    }

    synchronized double p99Micros() {
        return latency.getValueAtPercentile(99) / 1e3;
    }

    synchronized double rate() {
        return count > 1 ? (count - 1) / ((last - first) / 1e9) : 0;
    }
}
