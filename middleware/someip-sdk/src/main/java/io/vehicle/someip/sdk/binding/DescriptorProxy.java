package io.vehicle.someip.sdk.binding;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.Availability;
import io.vehicle.someip.sdk.service.ProxyOptions;
import io.vehicle.someip.sdk.service.Registration;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.serialization.SerializationException;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of a service described by its .proto: calls, field get/set and event
 * subscriptions with protobuf messages. Generated typed proxies delegate here through
 * {@link TypedRpc} constants (resolved once, nothing looked up per call); the bridge uses the
 * rpc-name methods with DynamicMessage for any service of the IDL.
 *
 * <p>Errors are values: a call, a send and a field set return a future that fails (with
 * ServiceUnavailableException, SerializationException, IllegalArgumentException for a message of
 * the wrong type or an rpc of the wrong kind, a SomeIpErrorException for an error answer); a
 * subscription's {@link Subscription#acknowledged()} fails. Only a name the service does not have
 * throws IllegalArgumentException at once: that is a programming error.
 *
 * <p>Threads are those of {@link ServiceProxy}: listeners and futures complete on the proxy's
 * callback executor, where events and responses are also deserialized.
 */
public final class DescriptorProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DescriptorProxy.class);

    private final ServiceBinding binding;
    private final SomeIpSerializer serializer;
    private final ServiceProxy proxy;
    private final LongAdder malformedEvents = new LongAdder();
    private volatile TransportPreference transport = TransportPreference.DEPLOYED;

    public DescriptorProxy(SomeIpNode node, ServiceBinding binding, SomeIpSerializer serializer, int instanceId) {
        this(node, binding, serializer, instanceId, ProxyOptions.defaults());
    }

    /** With its own callback executor or subscription timeout; what {@code options} leave null comes from the node. */
    public DescriptorProxy(SomeIpNode node, ServiceBinding binding, SomeIpSerializer serializer, int instanceId,
                           ProxyOptions options) {
        this.binding = binding;
        this.serializer = serializer;
        this.proxy = node.proxy(binding.serviceId(), instanceId, binding.majorVersion(), options);
    }

    public ServiceBinding binding() {
        return binding;
    }

    /** Forces the transport of later calls (default {@link TransportPreference#DEPLOYED}). */
    public DescriptorProxy transport(TransportPreference preference) {
        transport = Objects.requireNonNull(preference, "preference");
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

    /** Tells the listener each time the service comes up or goes down (first the current state if up). */
    public Registration onAvailability(Consumer<Availability> listener) {
        return proxy.onAvailability(listener);
    }

    /** Events that arrived but could not be read (dropped, counted). */
    public long malformedEvents() {
        return malformedEvents.sum();
    }

    // ------------------------------------------------------------------ by rpc name (generic access)

    /** Calls a method or field getter/setter; the response is read into {@code responsePrototype}'s type. */
    public <T extends Message> CompletableFuture<T> call(String rpcName, Message request, T responsePrototype) {
        RpcBinding rpc = binding.rpc(rpcName);
        try {
            binding.requireType(rpc.output(), responsePrototype, rpcName);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call(rpc, request, responsePrototype);
    }

    /** Calls with a DynamicMessage answer. */
    public CompletableFuture<DynamicMessage> call(String rpcName, Message request) {
        RpcBinding rpc = binding.rpc(rpcName);
        return call(rpc, request, DynamicMessage.getDefaultInstance(rpc.output()));
    }

    /** Fire and forget: completes when the request is written, fails when it cannot be. */
    public CompletableFuture<Void> send(String rpcName, Message request) {
        return send(binding.rpc(rpcName), request);
    }

    /**
     * Receives an event or a field notifier (by rpc name), read into {@code prototype}'s type; the
     * eventgroup subscription follows the service across restarts until the subscription closes.
     */
    public <T extends Message> Subscription subscribe(String rpcName, T prototype, Consumer<T> listener) {
        RpcBinding rpc = binding.rpc(rpcName);
        try {
            binding.requireType(rpc.output(), prototype, rpcName);
        } catch (IllegalArgumentException e) {
            return new RefusedSubscription(e);
        }
        return subscribe(new TypedRpc<>(rpc, DynamicMessage.getDefaultInstance(rpc.input()), prototype), listener);
    }

    // ------------------------------------------------------------------ resolved rpcs (typed API, hot paths)

    /** Calls a method or field getter/setter resolved once; per call only the request's type is compared. */
    public <I extends Message, O extends Message> CompletableFuture<O> call(TypedRpc<I, O> rpc, I request) {
        return call(rpc.rpc(), request, rpc.responsePrototype());
    }

    /** Fire and forget with an rpc resolved once. */
    public <I extends Message> CompletableFuture<Void> send(TypedRpc<I, ?> rpc, I request) {
        return send(rpc.rpc(), request);
    }

    /** Receives an event or field notifier resolved once. */
    public <T extends Message> Subscription subscribe(TypedRpc<?, T> event, Consumer<T> listener) {
        RpcBinding rpc = event.rpc();
        if (!rpc.isEvent()) {
            return new RefusedSubscription(new IllegalArgumentException(
                    rpc.name() + " is a " + rpc.kind() + ", not an event"));
        }
        if (event.eventgroup() < 0) {
            return new RefusedSubscription(new IllegalArgumentException(rpc.name() + " belongs to no eventgroup"));
        }
        T prototype = event.responsePrototype();
        Consumer<SomeIpMessage> decoder = message -> {
            T value;
            try {
                value = serializer.deserialize(message.payload(), prototype);
            } catch (SerializationException e) {
                malformedEvents.increment();
                LOG.warn("Dropped malformed event {} of {}: {}", rpc.name(), binding, e.getMessage());
                return;
            } finally {
                message.release();
            }
            listener.accept(value);
        };
        // A field's listener that joins later still gets its current value; an event is not state.
        return rpc.kind() == RpcKind.FIELD_NOTIFIER ? proxy.subscribeField(event.eventgroup(), rpc.id(), decoder)
                : proxy.subscribe(event.eventgroup(), rpc.id(), decoder);
    }

    // ------------------------------------------------------------------ shared

    private <T extends Message> CompletableFuture<T> call(RpcBinding rpc, Message request, T responsePrototype) {
        if (rpc.isEvent() || rpc.kind() == RpcKind.FIRE_AND_FORGET) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    rpc.name() + " is a " + rpc.kind() + ", not a method with a response"));
        }
        return withPayload(rpc, request, payload -> proxy.call(rpc.id(), payload, transport.reliable(rpc))
                .thenApply(response -> read(response, responsePrototype)));
    }

    private CompletableFuture<Void> send(RpcBinding rpc, Message request) {
        if (rpc.kind() != RpcKind.FIRE_AND_FORGET) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    rpc.name() + " is a " + rpc.kind() + ", not fire and forget"));
        }
        return withPayload(rpc, request, payload -> proxy.fireAndForget(rpc.id(), payload, transport.reliable(rpc)));
    }

    /** Serializes the request and sends it; a request of the wrong type or one that does not serialize fails the future. */
    private <T> CompletableFuture<T> withPayload(RpcBinding rpc, Message request,
                                                 Function<ByteBuf, CompletableFuture<T>> sender) {
        ByteBuf payload;
        try {
            binding.requireType(rpc.input(), request, rpc.name());
            payload = serializer.serialize(request, ByteBufAllocator.DEFAULT);
        } catch (SerializationException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sender.apply(payload);
    }

    private <T extends Message> T read(SomeIpMessage response, T prototype) {
        try {
            return serializer.deserialize(response.payload(), prototype);
        } catch (SerializationException e) {
            throw new CompletionException(e);
        } finally {
            response.release();
        }
    }

    /** Closes the proxy: its find, subscriptions and connections; its node forgets it. */
    @Override
    public void close() {
        proxy.close();
    }

    /** A subscription that never started: the request was wrong (the answer says how). */
    private record RefusedSubscription(CompletableFuture<Void> acknowledged) implements Subscription {
        RefusedSubscription(Throwable why) {
            this(CompletableFuture.failedFuture(why));
        }

        @Override
        public void close() {
            // nothing was registered
        }
    }
}
