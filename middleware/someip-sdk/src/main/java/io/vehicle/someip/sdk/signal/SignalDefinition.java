package io.vehicle.someip.sdk.signal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.vehicle.idl.signal.Access;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import java.time.Duration;
import java.util.List;

/**
 * One vehicle signal of the IDL and where it lives on SOME/IP: the service, the field whose value
 * message carries it (null when only an event carries it), the rpc that notifies it, and the path
 * of protobuf fields from that message down to the value.
 *
 * @param location the fields from the root message ({@link #rootType()}) to the leaf, in order
 * @param min      inclusive lower bound from the IDL, or null
 * @param max      inclusive upper bound from the IDL, or null
 * @param allowed  allowed values (enum short names, "true"/"false"), empty when any value goes
 * @param maxTravel how long the actuator may take to reach a written value (IDL {@code max_travel_ms}); zero when
 *                  the ECU takes it at once
 */
public record SignalDefinition(String path, SignalType type, boolean array, String unit, Double min, Double max,
                               List<String> allowed, Access access, String description, Duration maxTravel,
                               ServiceBinding service,
                               FieldBinding field, RpcBinding notifier, List<FieldDescriptor> location) {

    public SignalDefinition {
        allowed = List.copyOf(allowed);
        location = List.copyOf(location);
    }

    /** The message type at the top of {@link #location()}: the field's value type or the event's payload. */
    public Descriptor rootType() {
        return location.get(0).getContainingType();
    }

    public FieldDescriptor leaf() {
        return location.get(location.size() - 1);
    }

    /** Whether a client may write it: read-write in the IDL and carried by a field with a setter. */
    public boolean writable() {
        return access == Access.READ_WRITE && field != null && field.setter() != null;
    }

    @Override
    public String toString() {
        return path;
    }
}
