package io.vehicle.launcher.tools.load;

import org.HdrHistogram.Histogram;

/**
 * Round trips per second, latency percentiles and CPU time (both processes, -1 when unknown) of
 * one run.
 */
record LatencyResult(String scenario, long roundTrips, double seconds, Histogram latencyNanos, long errors,
                     long cpuNanos) {

    double perSecond() {
        return roundTrips / seconds;
    }

    double percentileMicros(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
    }

    /** CPU µs per round trip, client and server together; NaN when unknown. */
    double cpuMicrosPerRoundTrip() {
        return cpuNanos < 0 || roundTrips == 0 ? Double.NaN : cpuNanos / 1000.0 / roundTrips;
    }
}
