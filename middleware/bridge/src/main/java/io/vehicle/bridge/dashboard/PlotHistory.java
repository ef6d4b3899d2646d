package io.vehicle.bridge.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The recent past of the signals the page plots, kept by the bridge so that a page opened (or reloaded) now
 * shows the last minutes at once instead of an empty plot: one sample of every path per call of
 * {@link #sample}, in a ring of fixed size, the oldest sample overwritten first.
 */
final class PlotHistory {

    /** What the climate plot shows: cabin air, the two front setpoints, outside air. */
    static final List<String> CLIMATE = List.of("Vehicle.Cabin.HVAC.AmbientAirTemperature",
            "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
            "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature", "Vehicle.Exterior.AirTemperature");
    /** Ten minutes at one sample a second: the window the page's plot shows. */
    static final int CLIMATE_SAMPLES = 600;

    private final List<String> paths;
    private final long[] times;
    private final Double[][] values;
    private int next;
    private int size;

    PlotHistory(List<String> paths, int capacity) {
        if (paths.isEmpty() || capacity < 1) {
            throw new IllegalArgumentException("a plot history needs paths and room for a sample");
        }
        this.paths = List.copyOf(paths);
        this.times = new long[capacity];
        this.values = new Double[capacity][];
    }

    /**
     * Records every path's value now: a number, or null where the signal is not available (or not a number),
     * which the plot draws as a gap.
     *
     * @param valueOf a path's current value, null when there is none
     */
    synchronized void sample(long atMillis, Function<String, Object> valueOf) {
        Double[] row = new Double[paths.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = valueOf.apply(paths.get(i)) instanceof Number number ? number.doubleValue() : null;
        }
        times[next] = atMillis;
        values[next] = row;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /**
     * Oldest first, in columns as uPlot takes them: {@code {"paths": [...], "t": [epoch seconds...],
     * "series": [[values of paths[0]...], ...]}}.
     */
    synchronized JsonObject toJson() {
        JsonArray t = new JsonArray();
        JsonArray series = new JsonArray();
        paths.forEach(path -> series.add(new JsonArray()));
        for (int k = 0; k < size; k++) {
            int slot = (next - size + k + times.length) % times.length;
            t.add(times[slot] / 1000.0);
            for (int i = 0; i < paths.size(); i++) {
                series.getJsonArray(i).add(values[slot][i]);
            }
        }
        return new JsonObject().put("paths", new JsonArray(new ArrayList<>(paths))).put("t", t).put("series", series);
    }
}
