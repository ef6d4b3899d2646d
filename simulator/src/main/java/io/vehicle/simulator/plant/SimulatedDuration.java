package io.vehicle.simulator.plant;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the YAML files write them: {@code 250ms}, {@code 30s}, {@code 1.5s}, {@code 10m}, {@code 2h}, {@code 0}. */
public final class SimulatedDuration {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    private SimulatedDuration() {
    }

    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing duration");
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write 250ms, 30s, 10m or 2h)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? (amount == 0 ? "s" : null) : m.group(2);
        if (unit == null) {
            throw new IllegalArgumentException("duration '" + text + "' needs a unit: ms, s, m or h");
        }
        double nanos = amount * switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(nanos));
    }

    /** {@code 01:02:03.250}: how reports show simulated time. */
    public static String format(long nanos) {
        long millis = nanos / 1_000_000;
        return String.format("%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
                millis % 1000);
    }
}
