package io.vehicle.launcher.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.llm.ScriptedModelServer.Exchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeOverheadTest {

    private static final long MS = 1_000_000L;
    private static final Map<String, Double> TIMINGS = Map.of("state_read", 1.0, "understood", 6.0, "decided", 7.0,
            "writes_issued", 7.5, "confirmed", 10.0, "replied", 13.5);

    @Test
    void eachExchangeIsTakenOutOfTheSpanItFallsIn() {
        // First exchange 3 ms (inside 1 → 6), second 2.5 ms (inside 10 → 13.5).
        List<Exchange> exchanges = List.of(new Exchange(100 * MS, 103 * MS, false),
                new Exchange(200 * MS, 202 * MS + MS / 2, true));

        NodeOverhead split = NodeOverhead.of(TIMINGS, exchanges).orElseThrow();

        assertThat(split.reading()).isEqualTo(2.0);
        assertThat(split.wording()).isEqualTo(1.0);
        assertThat(split.llmPath()).isEqualTo(3.0);
        assertThat(split.model()).isEqualTo(5.5);
        assertThat(split.turn()).isEqualTo(8.0);
    }

    @Test
    void aTurnWithoutTheSecondExchangeIsNotSplit() {
        assertThat(NodeOverhead.of(TIMINGS, List.of(new Exchange(0, MS, false)))).isEmpty();
    }

    @Test
    void exchangesOutOfOrderAreNotSplit() {
        assertThat(NodeOverhead.of(TIMINGS, List.of(new Exchange(0, MS, true), new Exchange(0, MS, false))))
                .isEmpty();
    }

    @Test
    void aTurnThatNeverReachedTheWritesIsNotSplit() {
        Map<String, Double> refused = Map.of("state_read", 1.0, "understood", 6.0, "replied", 7.0);
        assertThat(NodeOverhead.of(refused, List.of(new Exchange(0, MS, false), new Exchange(0, MS, true))))
                .isEmpty();
    }
}
