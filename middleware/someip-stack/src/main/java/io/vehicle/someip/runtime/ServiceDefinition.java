package io.vehicle.someip.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * What a server offers for one service on one endpoint: its ids, interface (major) version and
 * the handler of every method. Immutable once built.
 */
public final class ServiceDefinition {

    private final int serviceId;
    private final int instanceId;
    private final int majorVersion;
    private final long minorVersion;
    private final Map<Integer, Method> methods;

    private ServiceDefinition(Builder builder) {
        this.serviceId = builder.serviceId;
        this.instanceId = builder.instanceId;
        this.majorVersion = builder.majorVersion;
        this.minorVersion = builder.minorVersion;
        this.methods = Map.copyOf(builder.methods);
    }

    public static Builder builder(int serviceId, int instanceId, int majorVersion) {
        return new Builder(serviceId, instanceId, majorVersion);
    }

    public int serviceId() {
        return serviceId;
    }

    public int instanceId() {
        return instanceId;
    }

    public int majorVersion() {
        return majorVersion;
    }

    public long minorVersion() {
        return minorVersion;
    }

    /** The method, or null when this service has no method with that id. */
    public Method method(int methodId) {
        return methods.get(methodId);
    }

    /** One method of the service. */
    public record Method(int methodId, MethodKind kind, RequestHandler handler) {
    }

    /** Collects the methods of a service. */
    public static final class Builder {
        private final int serviceId;
        private final int instanceId;
        private final int majorVersion;
        private long minorVersion;
        private final Map<Integer, Method> methods = new HashMap<>();

        private Builder(int serviceId, int instanceId, int majorVersion) {
            if (serviceId < 0 || serviceId >= 0xFFFF) {
                // 0xFFFF is reserved for SOME/IP-SD and Magic Cookies (feat_req_someip_627).
                throw new IllegalArgumentException(String.format("service id 0x%04X is not usable", serviceId));
            }
            if (instanceId <= 0 || instanceId >= 0xFFFF) {
                // feat_req_someip_579: 0x0000 is reserved, 0xFFFF means "all instances".
                throw new IllegalArgumentException(String.format("instance id 0x%04X is not usable", instanceId));
            }
            if (majorVersion < 0 || majorVersion > 0xFE) {
                // 0xFF is the SD wildcard "any version" and cannot be an interface's own version.
                throw new IllegalArgumentException("major version out of range 0..254: " + majorVersion);
            }
            this.serviceId = serviceId;
            this.instanceId = instanceId;
            this.majorVersion = majorVersion;
        }

        public Builder minorVersion(long value) {
            minorVersion = value;
            return this;
        }

        public Builder method(int methodId, RequestHandler handler) {
            return method(methodId, MethodKind.REQUEST_RESPONSE, handler);
        }

        public Builder fireAndForget(int methodId, RequestHandler handler) {
            return method(methodId, MethodKind.FIRE_AND_FORGET, handler);
        }

        public Builder method(int methodId, MethodKind kind, RequestHandler handler) {
            if ((methodId & 0x8000) != 0) {
                // feat_req_someip_67: ids with the top bit set are events, not methods.
                throw new IllegalArgumentException(String.format("0x%04X is an event id, not a method id", methodId));
            }
            if (methods.putIfAbsent(methodId, new Method(methodId, kind, handler)) != null) {
                throw new IllegalArgumentException(String.format("method 0x%04X defined twice", methodId));
            }
            return this;
        }

        public ServiceDefinition build() {
            return new ServiceDefinition(this);
        }
    }
}
