package io.vehicle.launcher.tools.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A baseline (A) and the stack (B) measured in alternating rounds in one invocation, each round's
 * ratio B/A and their median. One baseline run next to one stack run gave ratios from 0.5x to 1.3x
 * on this VM (the bare socket's own latency is bimodal from run to run); rounds spread over the
 * same minutes see the same machine, and the median ignores the odd round. Who goes first
 * alternates (A B, B A, A B, ...) so that neither side always gets the warmer cache or the quieter
 * second.
 *
 * @param <R> what one run measures
 */
final class Rounds<R> {

    /** Measures one run; {@code round} counts from 1. */
    @FunctionalInterface
    interface Run<R> {
        R measure(int round) throws Exception;
    }

    /** One round: both results, their ratio (stack over baseline) and which ran first. */
    record Round<R>(int index, R baseline, R stack, double ratio, boolean baselineFirst) {
    }

    /** All rounds of one comparison and the median of their ratios, the headline figure. */
    record Result<R>(List<Round<R>> rounds, double medianRatio, double minRatio, double maxRatio) {
    }

    private final int count;
    private final ToDoubleFunction<R> figure;

    /**
     * @param count  rounds (at least 1; odd counts give a median that is one round's ratio)
     * @param figure the figure compared, e.g. round trips per second
     */
    Rounds(int count, ToDoubleFunction<R> figure) {
        if (count < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + count);
        }
        this.count = count;
        this.figure = figure;
    }

    /** Whether the baseline runs first in this round (1-based): rounds 1, 3, 5, ... */
    static boolean baselineFirst(int round) {
        return round % 2 == 1;
    }

    Result<R> compare(Run<R> baseline, Run<R> stack, java.util.function.Consumer<Round<R>> eachRound)
            throws Exception {
        List<Round<R>> rounds = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            boolean baseFirst = baselineFirst(i);
            R a;
            R b;
            if (baseFirst) {
                a = baseline.measure(i);
                b = stack.measure(i);
            } else {
                b = stack.measure(i);
                a = baseline.measure(i);
            }
            double base = figure.applyAsDouble(a);
            double ratio = base > 0 ? figure.applyAsDouble(b) / base : Double.NaN;
            Round<R> round = new Round<>(i, a, b, ratio, baseFirst);
            rounds.add(round);
            eachRound.accept(round);
        }
        double[] ratios = rounds.stream().mapToDouble(Round::ratio).toArray();
        return new Result<>(List.copyOf(rounds), median(ratios), Arrays.stream(ratios).min().orElse(Double.NaN),
                Arrays.stream(ratios).max().orElse(Double.NaN));
    }

    /** The median; the mean of the middle two for an even count; NaN entries (no baseline) are left out. */
    static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
