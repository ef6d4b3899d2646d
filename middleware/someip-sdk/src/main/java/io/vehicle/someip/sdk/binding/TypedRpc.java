package io.vehicle.someip.sdk.binding;

import com.google.protobuf.Message;
import java.util.Collections;

/**
 * An rpc resolved once, with the Java types of its request and response checked against the
 * .proto ({@link ServiceBinding#typedRpc}): what generated typed proxies and skeletons hold in a
 * constant per rpc, so a call looks nothing up by name and compares no descriptor names.
 *
 * @param <I> the request type (for an event or notifier, the type of the streaming rpc's request)
 * @param <O> the response, event or field value type
 */
public final class TypedRpc<I extends Message, O extends Message> {

    private final RpcBinding rpc;
    private final I requestPrototype;
    private final O responsePrototype;
    /** The eventgroup an event is subscribed through: the lowest, so the choice is deterministic; -1 for methods. */
    private final int eventgroup;

    TypedRpc(RpcBinding rpc, I requestPrototype, O responsePrototype) {
        this.rpc = rpc;
        this.requestPrototype = requestPrototype;
        this.responsePrototype = responsePrototype;
        this.eventgroup = rpc.isEvent() && !rpc.eventgroups().isEmpty() ? Collections.min(rpc.eventgroups()) : -1;
    }

    public RpcBinding rpc() {
        return rpc;
    }

    public String name() {
        return rpc.name();
    }

    public I requestPrototype() {
        return requestPrototype;
    }

    public O responsePrototype() {
        return responsePrototype;
    }

    /** The eventgroup an event or notifier is subscribed through; -1 for a method or one in no eventgroup. */
    public int eventgroup() {
        return eventgroup;
    }

    @Override
    public String toString() {
        return rpc.rpc().getFullName() + " (" + rpc.kind() + " 0x" + Integer.toHexString(rpc.id()) + ")";
    }
}
