package io.vehicle.someip.sdk.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.serialization.SerializationException;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of a service described by its .proto: calls, field get/set and event
 * subscriptions with protobuf messages. Generated typed proxies delegate here; the bridge uses it
 * with DynamicMessage for any service of the IDL.
 */
public final class DescriptorProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DescriptorProxy.class);

    private final ServiceBinding binding;
    private final SomeIpSerializer serializer;
    private final ServiceProxy proxy;
    private final LongAdder malformedEvents = new LongAdder();
    private volatile TransportPreference transport = TransportPreference.DEPLOYED;

    public DescriptorProxy(SomeIpNode node, ServiceBinding binding, SomeIpSerializer serializer, int instanceId) {
        this.binding = binding;
        this.serializer = serializer;
        this.proxy = node.proxy(binding.serviceId(), instanceId, binding.majorVersion());
    }

    public ServiceBinding binding() {
        return binding;
    }

    /** Forces the transport of later calls (default {@link TransportPreference#DEPLOYED}). */
    public DescriptorProxy transport(TransportPreference preference) {
        transport = java.util.Objects.requireNonNull(preference, "preference");
        return this;
    }

    public TransportPreference transport() {
        return transport;
    }

    public ServiceProxy raw() {
        return proxy;
    }

    public boolean isAvailable() {
        return proxy.isAvailable();
    }

    public CompletableFuture<RemoteService> whenAvailable() {
        return proxy.whenAvailable();
    }

    /** Events that arrived but could not be read (dropped, counted). */
    public long malformedEvents() {
        return malformedEvents.sum();
    }

    /** Calls a method or field getter/setter; the response is read into {@code responsePrototype}'s type. */
    public <T extends Message> CompletableFuture<T> call(String rpcName, Message request, T responsePrototype) {
        RpcBinding rpc = binding.rpc(rpcName);
        if (rpc.isEvent() || rpc.kind() == RpcKind.FIRE_AND_FORGET) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    rpcName + " is a " + rpc.kind() + ", not a method with a response"));
        }
        ByteBuf payload;
        try {
            check(rpc.input(), request, rpcName);
            check(rpc.output(), responsePrototype, rpcName);
            payload = serializer.serialize(request, ByteBufAllocator.DEFAULT);
        } catch (SerializationException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return proxy.call(rpc.id(), payload, transport.reliable(rpc)).thenApply(response -> read(response, responsePrototype));
    }

    /** Calls with a DynamicMessage answer. */
    public CompletableFuture<DynamicMessage> call(String rpcName, Message request) {
        return call(rpcName, request, DynamicMessage.getDefaultInstance(binding.rpc(rpcName).output()));
    }

    /** Fire and forget. */
    public void send(String rpcName, Message request) {
        RpcBinding rpc = binding.rpc(rpcName);
        if (rpc.kind() != RpcKind.FIRE_AND_FORGET) {
            throw new IllegalArgumentException(rpcName + " is a " + rpc.kind() + ", not fire and forget");
        }
        check(rpc.input(), request, rpcName);
        try {
            proxy.fireAndForget(rpc.id(), serializer.serialize(request, ByteBufAllocator.DEFAULT),
                    transport.reliable(rpc));
        } catch (SerializationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Receives an event or a field notifier (by rpc name), read into {@code prototype}'s type; the
     * eventgroup subscription follows the service across restarts. The future completes when the
     * provider first acknowledges the eventgroup subscription: events published after that reach
     * the listener.
     */
    public <T extends Message> CompletableFuture<Void> subscribe(String rpcName, T prototype, Consumer<T> listener) {
        RpcBinding rpc = binding.rpc(rpcName);
        if (!rpc.isEvent()) {
            throw new IllegalArgumentException(rpcName + " is a " + rpc.kind() + ", not an event");
        }
        check(rpc.output(), prototype, rpcName);
        if (rpc.eventgroups().isEmpty()) {
            throw new IllegalArgumentException(rpcName + " belongs to no eventgroup");
        }
        // One eventgroup delivers the event (more would deliver it twice): the lowest id, so the
        // choice does not depend on set iteration order.
        int group = java.util.Collections.min(rpc.eventgroups());
        return proxy.subscribe(group, rpc.id(), message -> {
            T value;
            try {
                value = serializer.deserialize(message.payload(), prototype);
            } catch (SerializationException e) {
                malformedEvents.increment();
                LOG.warn("Dropped malformed event {} of {}: {}", rpcName, binding, e.getMessage());
                return;
            } finally {
                message.release();
            }
            listener.accept(value);
        });
    }

    private <T extends Message> T read(SomeIpMessage response, T prototype) {
        try {
            return serializer.deserialize(response.payload(), prototype);
        } catch (SerializationException e) {
            throw new java.util.concurrent.CompletionException(e);
        } finally {
            response.release();
        }
    }

    private static void check(Descriptor expected, Message message, String what) {
        if (!message.getDescriptorForType().getFullName().equals(expected.getFullName())) {
            throw new IllegalArgumentException(what + " takes " + expected.getFullName() + ", not "
                    + message.getDescriptorForType().getFullName());
        }
    }

    @Override
    public void close() {
        proxy.close();
    }
}
