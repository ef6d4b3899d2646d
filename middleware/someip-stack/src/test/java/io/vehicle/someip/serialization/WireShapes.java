package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.Descriptor;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.someip.serialization.shapes.Scalars;
import java.util.HashMap;
import java.util.Map;

/** Message types by full name: the vehicle catalog and the test-only wire shapes. */
final class WireShapes {

    private static final Map<String, Descriptor> BY_NAME = new HashMap<>();

    static {
        for (Descriptor type : VehicleCatalog.messageTypes()) {
            BY_NAME.put(type.getFullName(), type);
        }
        for (Descriptor type : Scalars.getDescriptor().getFile().getMessageTypes()) {
            BY_NAME.put(type.getFullName(), type);
        }
    }

    private WireShapes() {
    }

    static Descriptor type(String fullName) {
        Descriptor type = BY_NAME.get(fullName);
        if (type == null) {
            throw new IllegalArgumentException("no message type " + fullName);
        }
        return type;
    }
}
