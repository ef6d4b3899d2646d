package io.vehicle.someip.sdk.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.Set;

/**
 * One rpc of a service as deployed on SOME/IP: its method or event id, eventgroups, transport and
 * the field it belongs to, if any.
 */
public record RpcBinding(MethodDescriptor rpc, RpcKind kind, int id, Set<Integer> eventgroups, boolean reliable,
                         String field) {

    public String name() {
        return rpc.getName();
    }

    public Descriptor input() {
        return rpc.getInputType();
    }

    public Descriptor output() {
        return rpc.getOutputType();
    }

    public boolean isEvent() {
        return kind == RpcKind.EVENT || kind == RpcKind.FIELD_NOTIFIER;
    }
}
