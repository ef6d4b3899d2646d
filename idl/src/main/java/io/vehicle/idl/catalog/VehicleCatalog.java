package io.vehicle.idl.catalog;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vehicle.idl.doors.v1.DoorLocks;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.infotainment.v1.MediaSource;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.idl.mirrors.v1.MirrorState;
import io.vehicle.idl.seats.v1.SeatClimate;
import io.vehicle.idl.signal.SignalMetadata;
import io.vehicle.idl.signal.SignalOptionsProto;
import io.vehicle.idl.someip.FieldWire;
import io.vehicle.idl.someip.ServiceDeployment;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.idl.someip.WireType;
import io.vehicle.idl.state.v1.DrivingState;
import io.vehicle.idl.windows.v1.WindowPositions;
import io.vehicle.idl.windshield.v1.WindshieldState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The vehicle services of the IDL: their files, services, message types and signals, in a stable order. */
public final class VehicleCatalog {

    private static final List<FileDescriptor> FILES = List.of(
            ClimateSettings.getDescriptor().getFile(),
            SeatClimate.getDescriptor().getFile(),
            WindowPositions.getDescriptor().getFile(),
            DoorLocks.getDescriptor().getFile(),
            InteriorLights.getDescriptor().getFile(),
            MirrorState.getDescriptor().getFile(),
            MediaSource.getDescriptor().getFile(),
            DrivingState.getDescriptor().getFile(),
            WindshieldState.getDescriptor().getFile());

    private VehicleCatalog() {
    }

    /** One file per service. */
    public static List<FileDescriptor> files() {
        return FILES;
    }

    public static List<ServiceDescriptor> services() {
        List<ServiceDescriptor> services = new ArrayList<>();
        for (FileDescriptor file : FILES) {
            services.addAll(file.getServices());
        }
        return services;
    }

    public static ServiceDeployment deployment(ServiceDescriptor service) {
        return service.getOptions().getExtension(SomeIpOptionsProto.service);
    }

    /** Every message type declared in the catalog files, nested ones included. */
    public static List<Descriptor> messageTypes() {
        List<Descriptor> types = new ArrayList<>();
        for (FileDescriptor file : FILES) {
            for (Descriptor type : file.getMessageTypes()) {
                addWithNested(type, types);
            }
        }
        return types;
    }

    private static void addWithNested(Descriptor type, List<Descriptor> into) {
        into.add(type);
        for (Descriptor nested : type.getNestedTypes()) {
            addWithNested(nested, into);
        }
    }

    /** The signals each service carries in its method and event payloads, in declaration order. */
    public static List<Signal> signals() {
        Map<String, Signal> byField = new LinkedHashMap<>();
        for (ServiceDescriptor service : services()) {
            Set<Descriptor> visited = new LinkedHashSet<>();
            for (MethodDescriptor method : service.getMethods()) {
                collect(service, method.getInputType(), visited, byField);
                collect(service, method.getOutputType(), visited, byField);
            }
        }
        return List.copyOf(byField.values());
    }

    private static void collect(ServiceDescriptor service, Descriptor type, Set<Descriptor> visited,
            Map<String, Signal> into) {
        if (!visited.add(type)) {
            return;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getOptions().hasExtension(SignalOptionsProto.signal) && !into.containsKey(field.getFullName())) {
                into.put(field.getFullName(), signal(service, field));
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                collect(service, field.getMessageType(), visited, into);
            }
        }
    }

    private static Signal signal(ServiceDescriptor service, FieldDescriptor field) {
        SignalMetadata meta = field.getOptions().getExtension(SignalOptionsProto.signal);
        Double min = meta.hasRange() ? meta.getRange().getMin() : null;
        Double max = meta.hasRange() ? meta.getRange().getMax() : null;
        return new Signal(meta.getPath(), service.getFullName(), field.getFullName(), typeName(field), meta.getUnit(),
                min, max, meta.getAllowedList(), meta.getAccess(), meta.getDescription(),
                Duration.ofMillis(meta.getMaxTravelMs()));
    }

    /** Protobuf type with the deployed SOME/IP width, e.g. {@code uint32 as UINT8}, {@code repeated uint32 as UINT8[3]}. */
    static String typeName(FieldDescriptor field) {
        String base = switch (field.getJavaType()) {
            case ENUM -> field.getEnumType().getName();
            case MESSAGE -> field.getMessageType().getName();
            default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
        FieldWire wire = field.getOptions().getExtension(SomeIpOptionsProto.wire);
        String deployed = wire.getType() == WireType.WIRE_TYPE_DEFAULT ? "" : " as " + wire.getType().name();
        if (field.isRepeated()) {
            String count = wire.getArrayFixedLength() > 0 ? "[" + wire.getArrayFixedLength() + "]" : "[]";
            return "repeated " + base + (deployed.isEmpty() ? count : deployed + count);
        }
        return base + deployed;
    }
}
