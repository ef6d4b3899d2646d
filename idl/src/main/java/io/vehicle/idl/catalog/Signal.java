package io.vehicle.idl.catalog;

import io.vehicle.idl.signal.Access;
import java.time.Duration;
import java.util.List;

/**
 * A vehicle signal as the catalog declares it: one message field with signal metadata.
 *
 * @param path          VSS path, unique in the catalog
 * @param service       full name of the service whose field or event carries it
 * @param field         full name of the message field
 * @param type          protobuf type, with the SOME/IP width where one is deployed (e.g. {@code uint32 as UINT8})
 * @param unit          VSS unit, empty if none
 * @param min           inclusive minimum, null if the signal has no range
 * @param max           inclusive maximum, null if the signal has no range
 * @param allowedValues allowed values (enumerations, booleans), empty if any value in range is allowed
 * @param access        READ_ONLY or READ_WRITE
 * @param description   one line
 * @param maxTravel     how long a moving actuator may take to reach a written value; zero when it takes it at once
 */
public record Signal(String path, String service, String field, String type, String unit, Double min, Double max,
        List<String> allowedValues, Access access, String description, Duration maxTravel) {

    public Signal {
        allowedValues = List.copyOf(allowedValues);
    }

    public boolean writable() {
        return access == Access.READ_WRITE;
    }

    public boolean hasRange() {
        return min != null && max != null;
    }
}
