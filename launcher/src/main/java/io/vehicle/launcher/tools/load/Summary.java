package io.vehicle.launcher.tools.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The table printed at the end of {@code vehicle load}: per transport and scenario the median ratio
 * of the rounds (the headline) and the medians of the absolute figures beside it.
 */
final class Summary {

    /** One line of the table; absolute figures are medians over the rounds. */
    record Line(String transport, String scenario, double medianRatio, double minRatio, double maxRatio,
                double stackRate, double bareRate, double stackP50, double stackP99, double bareP99,
                double p99Ratio, double stackCpu, double bareCpu, long lost) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final String measured;
    private final String baseline;

    /** A summary of the stack's ratios to the bare sockets. */
    Summary() {
        this("bare socket");
    }

    /** A summary of the stack's ratios to {@code baseline} (named in the header), e.g. "plain Netty". */
    Summary(String baseline) {
        this("stack", baseline);
    }

    /** A summary of what was {@code measured} (e.g. "plain Netty") against {@code baseline}. */
    Summary(String measured, String baseline) {
        this.measured = measured;
        this.baseline = baseline;
    }

    void add(String transport, String scenario, Rounds.Result<LatencyResult> result) {
        lines.add(new Line(transport, scenario, result.medianRatio(), result.minRatio(), result.maxRatio(),
                median(result, true, LatencyResult::perSecond), median(result, false, LatencyResult::perSecond),
                median(result, true, r -> r.percentileMicros(50)), median(result, true, r -> r.percentileMicros(99)),
                median(result, false, r -> r.percentileMicros(99)),
                Rounds.median(result.rounds().stream().mapToDouble(r -> r.stack().percentileMicros(99)
                        / r.baseline().percentileMicros(99)).toArray()),
                median(result, true, LatencyResult::cpuMicrosPerRoundTrip),
                median(result, false, LatencyResult::cpuMicrosPerRoundTrip), -1));
    }

    void addStream(String transport, String scenario, Rounds.Result<StreamResult> result) {
        long lost = result.rounds().stream().mapToLong(r -> r.stack().lost()).sum();
        lines.add(new Line(transport, scenario, result.medianRatio(), result.minRatio(), result.maxRatio(),
                median(result, true, StreamResult::receivedPerSecond),
                median(result, false, StreamResult::receivedPerSecond), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, lost));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    private static <R> double median(Rounds.Result<R> result, boolean stack, ToDoubleFunction<R> figure) {
        return Rounds.median(result.rounds().stream()
                .mapToDouble(r -> figure.applyAsDouble(stack ? r.stack() : r.baseline())).toArray());
    }

    String text() {
        StringBuilder text = new StringBuilder("Summary (medians over the rounds; ratio = " + measured + " / " + baseline
                + "; bare = the " + baseline + ")\n");
        text.append(String.format("%-9s %-36s %7s %13s %12s %12s %9s %9s %8s %8s%n", "transport", "scenario",
                "ratio", "range", "stack/s", "bare/s", "p99 us", "p99 x", "cpu us", "bare cpu"));
        for (Line l : lines) {
            text.append(String.format("%-9s %-36s %6.2fx %13s %,12.0f %,12.0f %9s %9s %8s %8s%s%n", l.transport(),
                    l.scenario(), l.medianRatio(), String.format("%.2f-%.2f", l.minRatio(), l.maxRatio()),
                    l.stackRate(), l.bareRate(), fixed(l.stackP99(), 1), fixed(l.p99Ratio(), 2),
                    fixed(l.stackCpu(), 1), fixed(l.bareCpu(), 1), l.lost() > 0 ? "  stack lost " + l.lost() : ""));
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("| transport | scenario | median ratio | rounds | stack /s | bare /s "
                + "| stack p50 µs | stack p99 µs | p99 ratio | CPU µs/rt stack | CPU µs/rt bare |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Line l : lines) {
            md.append(String.format("| %s | %s | **%.2f** | %.2f–%.2f | %,.0f | %,.0f | %s | %s | %s | %s | %s |%n",
                    l.transport(), l.scenario(), l.medianRatio(), l.minRatio(), l.maxRatio(), l.stackRate(),
                    l.bareRate(), fixed(l.stackP50(), 1), fixed(l.stackP99(), 1), fixed(l.p99Ratio(), 2),
                    fixed(l.stackCpu(), 1), fixed(l.bareCpu(), 1)));
        }
        return md.toString();
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format("%." + decimals + "f", value);
    }
}
