package io.vehicle.someip.sdk.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.vehicle.idl.someip.FieldDeployment;
import io.vehicle.idl.someip.MethodDeployment;
import io.vehicle.idl.someip.ServiceDeployment;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A protobuf service read as a SOME/IP service: ids, versions, every rpc's binding and the fields.
 * The typed (generated) API and the bridge's generic access both start from this, so the .proto
 * deployment is the only place ids and transports are written down.
 */
public final class ServiceBinding {

    private final ServiceDescriptor service;
    private final ServiceDeployment deployment;
    private final Map<String, RpcBinding> rpcs;
    private final Map<String, FieldBinding> fields;
    private final LongAdder lookupsByName = new LongAdder();
    private final LongAdder typeChecksByName = new LongAdder();

    private ServiceBinding(ServiceDescriptor service) {
        this.service = service;
        if (!service.getOptions().hasExtension(SomeIpOptionsProto.service)) {
            throw new IllegalArgumentException(service.getFullName() + " has no SOME/IP deployment option");
        }
        this.deployment = service.getOptions().getExtension(SomeIpOptionsProto.service);
        Map<String, String> fieldOf = new HashMap<>();
        Map<String, RpcKind> fieldRole = new HashMap<>();
        for (FieldDeployment field : deployment.getFieldsList()) {
            role(field.getGetter(), field.getName(), RpcKind.FIELD_GETTER, fieldOf, fieldRole);
            role(field.getSetter(), field.getName(), RpcKind.FIELD_SETTER, fieldOf, fieldRole);
            role(field.getNotifier(), field.getName(), RpcKind.FIELD_NOTIFIER, fieldOf, fieldRole);
        }
        Map<String, RpcBinding> byName = new LinkedHashMap<>();
        for (MethodDescriptor rpc : service.getMethods()) {
            MethodDeployment method = rpc.getOptions().getExtension(SomeIpOptionsProto.method);
            RpcKind kind;
            int id;
            if (rpc.isServerStreaming()) {
                kind = fieldRole.getOrDefault(rpc.getName(), RpcKind.EVENT);
                id = method.getEventId();
                if ((id & 0x8000) == 0) {
                    throw new IllegalArgumentException(rpc.getFullName() + ": event id 0x" + Integer.toHexString(id)
                            + " lacks the top bit (feat_req_someip_67)");
                }
            } else {
                kind = fieldRole.getOrDefault(rpc.getName(),
                        method.getFireAndForget() ? RpcKind.FIRE_AND_FORGET : RpcKind.METHOD);
                id = method.getMethodId();
                if ((id & 0x8000) != 0 || id > 0xFFFF) {
                    throw new IllegalArgumentException(rpc.getFullName() + ": method id 0x" + Integer.toHexString(id)
                            + " is not a method id");
                }
            }
            byName.put(rpc.getName(), new RpcBinding(rpc, kind, id, Set.copyOf(method.getEventgroupIdsList()),
                    method.getReliable(), fieldOf.get(rpc.getName())));
        }
        this.rpcs = byName;
        Map<String, FieldBinding> fieldBindings = new LinkedHashMap<>();
        for (FieldDeployment field : deployment.getFieldsList()) {
            RpcBinding getter = byName.get(field.getGetter());
            RpcBinding setter = byName.get(field.getSetter());
            RpcBinding notifier = byName.get(field.getNotifier());
            Descriptor type = getter != null ? getter.output() : setter != null ? setter.input()
                    : notifier != null ? notifier.output() : null;
            if (type == null) {
                throw new IllegalArgumentException(service.getFullName() + ": field " + field.getName()
                        + " names no getter, setter or notifier rpc of the service");
            }
            fieldBindings.put(field.getName(), new FieldBinding(field.getName(), type, getter, setter, notifier));
        }
        this.fields = fieldBindings;
    }

    private static void role(String rpc, String field, RpcKind kind, Map<String, String> fieldOf,
                             Map<String, RpcKind> fieldRole) {
        if (!rpc.isEmpty()) {
            fieldOf.put(rpc, field);
            fieldRole.put(rpc, kind);
        }
    }

    public static ServiceBinding of(ServiceDescriptor service) {
        return new ServiceBinding(service);
    }

    public ServiceDescriptor descriptor() {
        return service;
    }

    public int serviceId() {
        return deployment.getServiceId();
    }

    public int instanceId() {
        return deployment.getInstanceId();
    }

    public int majorVersion() {
        return deployment.getMajorVersion();
    }

    public int minorVersion() {
        return deployment.getMinorVersion();
    }

    /**
     * The rpc by its name in the .proto; IllegalArgumentException if there is none. A map lookup:
     * code that calls an rpc often resolves it once ({@link #typedRpc}).
     */
    public RpcBinding rpc(String name) {
        lookupsByName.increment();
        RpcBinding rpc = rpcs.get(name);
        if (rpc == null) {
            throw new IllegalArgumentException(service.getFullName() + " has no rpc " + name);
        }
        return rpc;
    }

    public List<RpcBinding> rpcs() {
        return List.copyOf(rpcs.values());
    }

    public Map<String, FieldBinding> fields() {
        return fields;
    }

    /** The field by its name in the deployment; IllegalArgumentException if there is none. */
    public FieldBinding field(String name) {
        lookupsByName.increment();
        FieldBinding field = fields.get(name);
        if (field == null) {
            throw new IllegalArgumentException(this + " has no field " + name);
        }
        return field;
    }

    /**
     * The rpc resolved once, with the Java types of its request and response (generated classes
     * or DynamicMessage prototypes), checked here against the .proto: the proxy's and skeleton's
     * fast paths take it and look nothing up per call.
     */
    public <I extends Message, O extends Message> TypedRpc<I, O> typedRpc(String name, I requestPrototype,
                                                                         O responsePrototype) {
        RpcBinding rpc = rpc(name);
        requireType(rpc.input(), requestPrototype, name + " request");
        requireType(rpc.output(), responsePrototype, name + " response");
        return new TypedRpc<>(rpc, requestPrototype, responsePrototype);
    }

    /**
     * Fails unless {@code message} is of type {@code expected}. The same Descriptor object (a
     * generated class, a DynamicMessage of this binding's descriptors) is one reference comparison;
     * only descriptors from another pool are compared by full name (and counted).
     */
    void requireType(Descriptor expected, MessageOrBuilder message, String what) {
        Descriptor actual = message.getDescriptorForType();
        if (actual == expected) {
            return;
        }
        typeChecksByName.increment();
        if (!actual.getFullName().equals(expected.getFullName())) {
            throw new IllegalArgumentException(what + " takes " + expected.getFullName() + ", not "
                    + actual.getFullName());
        }
    }

    /** How often an rpc or field was looked up by name (diagnostics: the typed API's calls never do). */
    public long lookupsByName() {
        return lookupsByName.sum();
    }

    /** How often a message type was checked by comparing full names (diagnostics). */
    public long typeChecksByName() {
        return typeChecksByName.sum();
    }

    @Override
    public String toString() {
        return String.format("%s (service 0x%04X, major %d)", service.getFullName(), serviceId(), majorVersion());
    }
}
