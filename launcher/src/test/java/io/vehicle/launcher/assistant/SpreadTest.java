package io.vehicle.launcher.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void nearestRankOfOneToHundredIsTheRankItself() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }
        Collections.shuffle(values, new java.util.Random(7));

        assertThat(Spread.of(values)).isEqualTo(new Spread(100, 50.0, 90.0, 99.0, 100.0));
    }

    @Test
    void aSmallSetGivesMeasuredValuesNotInterpolations() {
        // n = 3: p50 is the 2nd value (ceil 1.5), p90 and p99 the 3rd.
        assertThat(Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Spread(3, 2.0, 3.0, 3.0, 3.0));
        assertThat(Spread.of(List.of(4.5))).isEqualTo(new Spread(1, 4.5, 4.5, 4.5, 4.5));
    }

    @Test
    void oneSlowValueInAHundredIsTheMaxButNotTheP99() {
        List<Double> values = new ArrayList<>(Collections.nCopies(99, 1.0));
        values.add(50.0);

        Spread spread = Spread.of(values);

        assertThat(spread.p99()).isEqualTo(1.0);
        assertThat(spread.max()).isEqualTo(50.0);
    }

    @Test
    void nothingToSummariseIsAnError() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no values");
    }

    @Test
    void rowIsAMarkdownTableRow() {
        assertThat(new Spread(2, 1.234, 2.0, 3.0, 4.5).row("confirmed"))
                .isEqualTo("| confirmed | 2 | 1.23 ms | 2.00 ms | 3.00 ms | 4.50 ms |");
    }
}
