package io.vehicle.simulator.plant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Set;

/**
 * One segment of a drive profile: for {@code duration} of simulated time (zero: until the profile is
 * replaced) the speed moves toward {@code speedKmh} (negative in reverse), in {@code gear} (null keeps
 * the gear), the weather toward {@code outsideCelsius} (null keeps it), plugged in when {@code charging}.
 */
public record DriveSegment(Duration duration, double speedKmh, String gear, Double outsideCelsius, boolean charging) {

    static final Set<String> GEARS = Set.of("PARK", "REVERSE", "NEUTRAL", "DRIVE");

    public DriveSegment {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("drive segment: duration must be zero or positive");
        }
        if (Double.isNaN(speedKmh) || speedKmh < -50 || speedKmh > 250) {
            throw new IllegalArgumentException("drive segment: speed " + speedKmh + " km/h is outside -50..250");
        }
        if (gear != null && !GEARS.contains(gear)) {
            throw new IllegalArgumentException("drive segment: gear " + gear + " is not one of " + GEARS);
        }
        if ("PARK".equals(gear) && speedKmh != 0 || "REVERSE".equals(gear) && speedKmh > 0
                || "DRIVE".equals(gear) && speedKmh < 0) {
            throw new IllegalArgumentException("drive segment: speed " + speedKmh + " km/h is impossible in " + gear);
        }
        if (charging && speedKmh != 0) {
            throw new IllegalArgumentException("drive segment: charging needs speed 0");
        }
        if (outsideCelsius != null && (outsideCelsius < -40 || outsideCelsius > 60)) {
            throw new IllegalArgumentException("drive segment: outside temperature " + outsideCelsius
                    + " is outside -40..60 celsius");
        }
    }

    /** The YAML form: {@code {duration: 30s, speed: 50, gear: DRIVE, outside: 5, charging: false}}. */
    @JsonCreator
    static DriveSegment fromYaml(@JsonProperty(value = "duration", required = true) String duration,
                                 @JsonProperty("speed") Double speed, @JsonProperty("gear") String gear,
                                 @JsonProperty("outside") Double outside, @JsonProperty("charging") Boolean charging) {
        return new DriveSegment(SimulatedDuration.parse(duration), speed == null ? 0 : speed, gear, outside,
                charging != null && charging);
    }
}
