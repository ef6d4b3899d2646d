package io.vehicle.bridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plot's ring of samples: oldest first, bounded, gaps where a signal has no number. */
class PlotHistoryTest {

    @Test
    @DisplayName("empty at first, with the paths already named")
    void emptyAtFirst() {
        JsonObject json = new PlotHistory(List.of("A", "B"), 3).toJson();
        assertThat(json.getJsonArray("paths")).containsExactly("A", "B");
        assertThat(json.getJsonArray("t")).isEmpty();
        assertThat(json.getJsonArray("series")).containsExactly(new JsonArray(), new JsonArray());
    }

    @Test
    @DisplayName("keeps the newest samples up to its size, oldest first, time in epoch seconds")
    void ringDropsTheOldest() {
        PlotHistory history = new PlotHistory(List.of("A", "B"), 3);
        for (int i = 1; i <= 5; i++) {
            int n = i;
            history.sample(1_000L * n, path -> path.equals("A") ? n : 10.5 * n);
        }
        JsonObject json = history.toJson();
        assertThat(json.getJsonArray("t")).containsExactly(3.0, 4.0, 5.0);
        assertThat(json.getJsonArray("series").getJsonArray(0)).containsExactly(3.0, 4.0, 5.0);
        assertThat(json.getJsonArray("series").getJsonArray(1)).containsExactly(31.5, 42.0, 52.5);
    }

    @Test
    @DisplayName("a signal without a value (not available) or without a number is a gap, not a zero")
    void gapsForMissingValues() {
        PlotHistory history = new PlotHistory(List.of("A", "B", "C"), 2);
        Map<String, Object> values = new HashMap<>();
        values.put("A", 21.5f);
        values.put("B", null);
        values.put("C", "OFF");
        history.sample(2_500, values::get);
        JsonArray series = history.toJson().getJsonArray("series");
        assertThat(series.getJsonArray(0).getDouble(0)).isEqualTo(21.5);
        assertThat(Arrays.asList(series.getJsonArray(1).getValue(0), series.getJsonArray(2).getValue(0)))
                .containsOnlyNulls();
    }

    @Test
    @DisplayName("no paths or no room is refused")
    void refusesNothingToKeep() {
        assertThatThrownBy(() -> new PlotHistory(List.of(), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlotHistory(List.of("A"), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
