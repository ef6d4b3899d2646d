package io.vehicle.simulator.plant;

import io.vehicle.simulator.plant.PlantValues.Source;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A physical quantity a model integrates precisely and reports at a sensor's resolution (0.1 degrees,
 * 1 percent), so slow changes accumulate instead of rounding away. When the reported value changes
 * under it (a bench forced it, or holds it) the model continues from that value.
 */
final class ContinuousSignal {

    private final String path;
    private final double resolution;
    private final boolean integral;
    private double precise;
    private Object written;

    /** @param resolution the reporting step; integral signals report whole numbers (Long) */
    ContinuousSignal(String path, double resolution, boolean integral) {
        this.path = path;
        this.resolution = resolution;
        this.integral = integral;
    }

    String path() {
        return path;
    }

    /** The precise value, or the reported one if something else changed it since the model last wrote. */
    double read(PlantValues values) {
        Object now = values.value(path);
        if (!Objects.equals(now, written)) {
            precise = ((Number) now).doubleValue();
            written = now;
        }
        return precise;
    }

    void write(PlantValues values, double value) {
        Object reported = quantize(value);
        if (values.write(path, reported, Source.PLANT)) {
            precise = value;
            written = reported;
        } else {
            read(values); // held by a bench: continue from the held value
        }
    }

    private Object quantize(double value) {
        if (integral) {
            return Math.round(value / resolution) * (long) Math.max(1, resolution);
        }
        return BigDecimal.valueOf(Math.round(value / resolution)).multiply(BigDecimal.valueOf(resolution))
                .doubleValue();
    }
}
