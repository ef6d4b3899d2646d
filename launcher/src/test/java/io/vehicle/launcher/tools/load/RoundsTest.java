package io.vehicle.launcher.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The load tool's logic: alternating rounds, per-round ratios, the median, and what it reads from /proc. */
class RoundsTest {

    @Test
    @DisplayName("rounds alternate who goes first (A B, B A, A B, ...) and each ratio is stack over baseline")
    void alternatesAndRatios() throws Exception {
        List<String> order = new ArrayList<>();
        double[] bare = {100, 200, 100, 400, 100};
        double[] stack = {90, 100, 120, 380, 50};
        Rounds.Result<Double> result = new Rounds<Double>(5, Double::doubleValue).compare(
                round -> {
                    order.add("A" + round);
                    return bare[round - 1];
                },
                round -> {
                    order.add("B" + round);
                    return stack[round - 1];
                },
                round -> order.add("=" + round.index()));
        assertThat(order).containsExactly("A1", "B1", "=1", "B2", "A2", "=2", "A3", "B3", "=3", "B4", "A4", "=4",
                "A5", "B5", "=5");
        assertThat(result.rounds()).extracting(Rounds.Round::ratio).containsExactly(0.9, 0.5, 1.2, 0.95, 0.5);
        assertThat(result.rounds()).extracting(Rounds.Round::baselineFirst)
                .containsExactly(true, false, true, false, true);
        assertThat(result.medianRatio()).isEqualTo(0.9);
        assertThat(result.minRatio()).isEqualTo(0.5);
        assertThat(result.maxRatio()).isEqualTo(1.2);
    }

    @Test
    @DisplayName("the median: middle value, mean of the middle two, rounds without a baseline left out")
    void median() {
        assertThat(Rounds.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Rounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Rounds.median(new double[] {Double.NaN, 5, 1})).isEqualTo(3);
        assertThat(Rounds.median(new double[] {Double.NaN})).isNaN();
        assertThat(Rounds.median(new double[0])).isNaN();
    }

    @Test
    @DisplayName("a baseline that measured nothing gives no ratio for its round instead of infinity")
    void zeroBaseline() throws Exception {
        double[] bare = {0, 100, 100};
        Rounds.Result<Double> result = new Rounds<Double>(3, Double::doubleValue).compare(
                round -> bare[round - 1], round -> 80.0, round -> { });
        assertThat(result.rounds().get(0).ratio()).isNaN();
        assertThat(result.medianRatio()).isEqualTo(0.8);
    }

    @Test
    @DisplayName("fewer than one round is refused")
    void atLeastOneRound() {
        assertThatThrownBy(() -> new Rounds<Double>(0, Double::doubleValue))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rounds must be at least 1, was 0");
    }

    @Test
    @DisplayName("scenarios: UDP and TCP x 1 and 32 outstanding x 8 B and 1 KiB; --quick keeps 1 x 8 B")
    void scenarios() {
        assertThat(LoadTestCommand.scenarios(false)).extracting(LoadTestCommand.Scenario::label).containsExactly(
                "UDP, 1 outstanding, 8 B", "UDP, 1 outstanding, 1 KiB", "UDP, 32 outstanding, 8 B",
                "UDP, 32 outstanding, 1 KiB", "TCP, 1 outstanding, 8 B", "TCP, 1 outstanding, 1 KiB",
                "TCP, 32 outstanding, 8 B", "TCP, 32 outstanding, 1 KiB");
        assertThat(LoadTestCommand.scenarios(true)).extracting(LoadTestCommand.Scenario::label)
                .containsExactly("UDP, 1 outstanding, 8 B", "TCP, 1 outstanding, 8 B");
        assertThat(LoadTestCommand.streams(false)).extracting(LoadTestCommand.Stream::label).containsExactly(
                "UDP stream, 8 B, unpaced", "UDP stream, 8 B, paced at 150000/s", "UDP stream, 1 KiB, unpaced",
                "UDP stream, 1 KiB, paced at 150000/s");
    }

    @Test
    @DisplayName("CPU time from /proc/<pid>/stat: utime + stime in clock ticks, a command name with spaces and "
            + "parentheses included")
    void procStat() throws Exception {
        String line = "1234 (java (main) x) S 1 1234 1234 0 -1 4194560 5000 0 0 0 250 50 0 0 20 0 30 0 100 "
                + "5000000 3000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.parseStat(line)).isEqualTo(3_000_000_000L); // 300 ticks of 10 ms
        assertThatThrownBy(() -> ProcessCpu.parseStat("garbage")).isInstanceOf(IllegalArgumentException.class);
        long self = ProcessCpu.nanos(ProcessHandle.current().pid());
        if (Files.exists(Path.of("/proc/self/stat"))) {
            assertThat(self).as("this JVM has used CPU").isPositive();
        } else {
            assertThat(self).isEqualTo(-1);
        }
        assertThat(ProcessCpu.nanos(Long.MAX_VALUE)).as("no such process").isEqualTo(-1);
    }

    @Test
    @DisplayName("the summary keeps the absolute medians beside the median ratio")
    void summary() throws Exception {
        Rounds.Result<StreamResult> result = new Rounds<StreamResult>(3, StreamResult::receivedPerSecond).compare(
                round -> new StreamResult("bare", 1000, 1000, 0.01),
                round -> new StreamResult("stack", 1000, 1000 - round, 0.02),
                round -> { });
        Summary summary = new Summary();
        summary.addStream("io_uring", "UDP stream, 8 B, unpaced", result);
        Summary.Line line = summary.lines().get(0);
        assertThat(line.bareRate()).isEqualTo(100_000);
        assertThat(line.stackRate()).isCloseTo(49_900, within(0.001));
        assertThat(line.medianRatio()).isCloseTo(0.499, within(1e-9));
        assertThat(line.lost()).isEqualTo(6);
        assertThat(summary.markdown()).contains("| io_uring | UDP stream, 8 B, unpaced | **0.50** |");
    }

    @Test
    @DisplayName("the summary names what the stack was compared with")
    void summaryNamesItsBaseline() {
        assertThat(new Summary().text()).contains("ratio = stack / bare socket");
        assertThat(new Summary("plain Netty", "bare socket").text()).contains("ratio = plain Netty / bare socket");
        assertThat(new Summary("plain Netty").text()).contains("ratio = stack / plain Netty")
                .doesNotContain("bare socket");
    }
}
