package io.vehicle.bridge.values;

import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import java.time.Duration;
import java.time.Instant;

/**
 * What the bridge knows about one signal at one moment. A value is present only while
 * {@link Availability#AVAILABLE}, so a value of an ECU that went away is never shown as current.
 *
 * @param value     the plain value (see SignalCodec), null unless available
 * @param wire      the same value as a kuksa.val.v2.Value, converted once for every subscriber
 * @param timestamp when the value arrived (or was last confirmed by the ECU); for other availabilities,
 *                  when the signal entered that state
 * @param reason    why the signal is not available, for people; empty when available
 * @param version   grows with every change of value or availability, so a slow read can tell whether it
 *                  was overtaken by a notification
 */
public record SignalState(SignalDefinition signal, Availability availability, Object value, Value wire,
                          Instant timestamp, String reason, long version) {

    public String path() {
        return signal.path();
    }

    public boolean available() {
        return availability == Availability.AVAILABLE;
    }

    /** How old the value is at {@code now}; only meaningful while available. */
    public Duration age(Instant now) {
        return Duration.between(timestamp, now);
    }
}
