package io.vehicle.launcher.assistant;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Count, p50, p90, p99 and max of a set of durations in milliseconds. Percentiles are nearest-rank (the smallest
 * value with at least p % of the values at or below it), so every figure is one that was measured.
 */
record Spread(int count, double p50, double p90, double p99, double max) {

    static Spread of(Collection<Double> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Spread(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Nearest rank: the value at position ceil(p/100 · n), counting from 1. */
    static double rank(double[] sorted, double percentile) {
        int position = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(position, 1) - 1];
    }

    /** One markdown table row: {@code | what | n | p50 | p90 | p99 | max |}. */
    String row(String what) {
        return String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |", what, count, p50,
                p90, p99, max);
    }
}
