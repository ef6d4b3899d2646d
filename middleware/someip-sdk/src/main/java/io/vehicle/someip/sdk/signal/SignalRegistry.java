package io.vehicle.someip.sdk.signal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.signal.SignalMetadata;
import io.vehicle.idl.signal.SignalOptionsProto;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.RpcKind;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every signal of a set of services, by VSS path: read once from the signal options on their
 * messages. A signal lives in the value of a SOME/IP field when one carries it (so it can be read
 * by the getter and written by the setter), otherwise in the payload of an event.
 */
public final class SignalRegistry {

    private final Map<String, SignalDefinition> byPath;
    private final List<ServiceBinding> services;

    private SignalRegistry(Collection<ServiceBinding> services) {
        this.services = List.copyOf(services);
        Map<String, SignalDefinition> signals = new LinkedHashMap<>();
        for (ServiceBinding service : services) {
            for (FieldBinding field : service.fields().values()) {
                collect(service, field, field.notifier(), field.type(), new ArrayList<>(), signals);
            }
            for (RpcBinding rpc : service.rpcs()) {
                if (rpc.kind() == RpcKind.EVENT) {
                    collect(service, null, rpc, rpc.output(), new ArrayList<>(), signals);
                }
            }
        }
        this.byPath = Collections.unmodifiableMap(signals);
    }

    public static SignalRegistry of(Collection<ServiceBinding> services) {
        return new SignalRegistry(services);
    }

    /** The vehicle catalog of the IDL. */
    public static SignalRegistry catalog() {
        return of(VehicleCatalog.services().stream().map(ServiceBinding::of).toList());
    }

    private static void collect(ServiceBinding service, FieldBinding field, RpcBinding notifier, Descriptor type,
                                List<FieldDescriptor> location, Map<String, SignalDefinition> into) {
        for (FieldDescriptor member : type.getFields()) {
            List<FieldDescriptor> here = new ArrayList<>(location);
            here.add(member);
            if (member.getOptions().hasExtension(SignalOptionsProto.signal)) {
                SignalDefinition signal = definition(service, field, notifier, here,
                        member.getOptions().getExtension(SignalOptionsProto.signal));
                SignalDefinition previous = into.get(signal.path());
                if (previous == null) {
                    into.put(signal.path(), signal);
                } else if (!previous.leaf().equals(member)) {
                    throw new IllegalArgumentException("signal " + signal.path() + " is carried by both "
                            + previous.leaf().getFullName() + " and " + member.getFullName());
                }
            } else if (member.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !member.isRepeated()
                    && location.size() < 8) {
                collect(service, field, notifier, member.getMessageType(), here, into);
            }
        }
    }

    private static SignalDefinition definition(ServiceBinding service, FieldBinding field, RpcBinding notifier,
                                               List<FieldDescriptor> location, SignalMetadata meta) {
        FieldDescriptor leaf = location.get(location.size() - 1);
        if (meta.getPath().isBlank()) {
            throw new IllegalArgumentException(leaf.getFullName() + ": signal option without a path");
        }
        return new SignalDefinition(meta.getPath(), SignalType.of(leaf), leaf.isRepeated(), meta.getUnit(),
                meta.hasRange() ? meta.getRange().getMin() : null, meta.hasRange() ? meta.getRange().getMax() : null,
                meta.getAllowedList(), meta.getAccess(), meta.getDescription(), Duration.ofMillis(meta.getMaxTravelMs()),
                service, field, notifier, location);
    }

    public Optional<SignalDefinition> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** The signal, or {@link UnknownSignalException}. */
    public SignalDefinition require(String path) {
        SignalDefinition signal = byPath.get(path);
        if (signal == null) {
            throw new UnknownSignalException(path);
        }
        return signal;
    }

    /** Every signal, in the order of the services and their declarations. */
    public Collection<SignalDefinition> all() {
        return byPath.values();
    }

    /** The signals a pattern selects, in declaration order. */
    public List<SignalDefinition> matching(SignalPattern pattern) {
        return byPath.values().stream().filter(s -> pattern.matches(s.path())).toList();
    }

    /** The signals carried by one field of a service. */
    public List<SignalDefinition> ofField(ServiceBinding service, String fieldName) {
        return byPath.values().stream()
                .filter(s -> s.service() == service && s.field() != null && s.field().name().equals(fieldName))
                .toList();
    }

    /** The longest {@link SignalDefinition#maxTravel()} of any signal; zero when nothing moves over time. */
    public Duration longestTravel() {
        return byPath.values().stream().map(SignalDefinition::maxTravel).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    public List<ServiceBinding> services() {
        return services;
    }
}
