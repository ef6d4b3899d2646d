package io.vehicle.simulator.plant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the vehicle does over time: segments run in order; after the last the vehicle keeps its state,
 * unless {@code repeat} starts the list again. Only the last segment may last zero (for ever).
 */
public record DriveProfile(List<DriveSegment> segments, boolean repeat) {

    public DriveProfile {
        segments = List.copyOf(segments);
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).duration().isZero()) {
                throw new IllegalArgumentException("drive profile: only the last segment may have duration 0 (segment "
                        + (i + 1) + ")");
            }
        }
        if (repeat && segments.stream().allMatch(s -> s.duration().isZero())) {
            throw new IllegalArgumentException("drive profile: a repeating profile needs a segment that ends");
        }
    }

    /** Parked: standing in PARK for ever. */
    public static DriveProfile parked() {
        return new DriveProfile(List.of(new DriveSegment(java.time.Duration.ZERO, 0, "PARK", null, false)), false);
    }

    @JsonCreator
    static DriveProfile fromYaml(@JsonProperty(value = "segments", required = true) List<DriveSegment> segments,
                                 @JsonProperty("repeat") Boolean repeat) {
        return new DriveProfile(segments, repeat != null && repeat);
    }

    /** Total simulated length of one pass (zero-length segments count nothing). */
    public java.time.Duration length() {
        return segments.stream().map(DriveSegment::duration).reduce(java.time.Duration.ZERO, java.time.Duration::plus);
    }
}
