package io.vehicle.launcher.tools.bench;

import java.util.Arrays;

/** Min, median and max of a few repetitions. */
record Stats(double min, double median, double max, int n) {

    static Stats of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(sorted[0], median, sorted[n - 1], n);
    }
}
