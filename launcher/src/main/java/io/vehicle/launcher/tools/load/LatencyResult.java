package io.vehicle.launcher.tools.load;

import org.HdrHistogram.Histogram;

/** Round trips per second and latency percentiles of one scenario. */
record LatencyResult(String scenario, long roundTrips, double seconds, Histogram latencyNanos, long errors) {

    double perSecond() {
        return roundTrips / seconds;
    }

    double percentileMicros(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
    }
}
