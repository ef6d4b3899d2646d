package io.vehicle.someip.sdk.signal;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.serialization.SomeIpSerializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of signals: get, set and subscribe by VSS path (or by field) on the ECUs that
 * SD finds, through one {@link DescriptorProxy} per service, on DynamicMessage.
 *
 * <p>Writing a signal is a read-modify-write of the field that carries it: the getter's value with
 * the signal changed goes to the setter. Writes of one field are serialized, so two writers of two
 * signals of the same field never lose each other's update. A write completes with the value the
 * ECU applied (the setter's answer), fails with {@link SignalValueException} before anything is
 * sent when the IDL does not allow the value, and with the ECU's error when it refuses.
 *
 * <p>Subscriptions share one SOME/IP subscription per notifier and decode each notification once.
 *
 * <p>One error channel: get, set and subscribe never throw for a path, field or state they cannot
 * serve (an unknown signal, a field without getter or notifier, a closed client); they return a
 * failed future, or a subscription whose {@link Subscription#acknowledged()} failed.
 */
public final class SignalClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalClient.class);

    private final SomeIpNode node;
    private final SignalRegistry registry;
    private final SomeIpSerializer serializer;
    /** By SOME/IP service id: bindings read twice from one descriptor are two objects, one service. */
    private final Map<Integer, DescriptorProxy> proxies = new ConcurrentHashMap<>();
    /** The last write of each field (service, field name): the next one starts after it. */
    private final Map<List<Object>, CompletableFuture<?>> fieldWrites = new ConcurrentHashMap<>();
    private final Map<List<Object>, Notifier> notifiers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SignalClient(SomeIpNode node, SignalRegistry registry) {
        this(node, registry, SomeIpSerializer.shared());
    }

    public SignalClient(SomeIpNode node, SignalRegistry registry, SomeIpSerializer serializer) {
        this.node = node;
        this.registry = registry;
        this.serializer = serializer;
    }

    public SignalRegistry registry() {
        return registry;
    }

    /** The one proxy of a service, created (and looking for the service through SD) on first use. */
    public DescriptorProxy proxy(ServiceBinding service) {
        if (closed) {
            throw new IllegalStateException("signal client closed");
        }
        return proxies.computeIfAbsent(service.serviceId(),
                id -> new DescriptorProxy(node, service, serializer, service.instanceId()));
    }

    /** Whether the ECU that carries the signal is available now. */
    public boolean isAvailable(String path) {
        return proxy(registry.require(path).service()).isAvailable();
    }

    /** Reads a signal with its field's getter. */
    public CompletableFuture<Object> get(String path) {
        SignalDefinition signal;
        try {
            signal = readable(path);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return getField(signal.service(), signal.field().name()).thenApply(value -> SignalCodec.read(signal, value));
    }

    /**
     * Reads a whole field with its getter. Fails with IllegalArgumentException for a field the
     * service does not have or one without a getter, with IllegalStateException once closed.
     */
    public CompletableFuture<Message> getField(ServiceBinding service, String fieldName) {
        DescriptorProxy proxy;
        FieldBinding field;
        try {
            field = field(service, fieldName);
            if (field.getter() == null) {
                throw new IllegalArgumentException(service + ": field " + fieldName + " has no getter");
            }
            proxy = proxy(service);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        return proxy.call(field.getter().name(), Empty.getDefaultInstance(),
                DynamicMessage.getDefaultInstance(field.type())).thenApply(m -> m);
    }

    /** Writes one signal; completes with the value the ECU applied. */
    public CompletableFuture<Object> set(String path, Object value) {
        return set(Map.of(path, value)).thenApply(applied -> applied.get(path));
    }

    /**
     * Writes several signals: all are checked against the IDL first and nothing is sent if one
     * fails; then one read-modify-write per field. Completes with the values the ECUs applied, by
     * path; fails with the first failure of a field (other fields may have been written by then).
     */
    public CompletableFuture<Map<String, Object>> set(Map<String, Object> values) {
        Map<List<Object>, Map<SignalDefinition, Object>> byField = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                SignalDefinition signal = registry.require(entry.getKey());
                SignalCheck.write(signal, entry.getValue()).ifPresent(v -> {
                    throw new SignalValueException(v);
                });
                byField.computeIfAbsent(fieldKey(signal.service(), signal.field().name()), k -> new LinkedHashMap<>())
                        .put(signal, entry.getValue());
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Map<String, Object>>> writes = new ArrayList<>();
        for (Map<SignalDefinition, Object> changes : byField.values()) {
            SignalDefinition first = changes.keySet().iterator().next();
            writes.add(updateField(first.service(), first.field().name(), current -> {
                Message changed = current;
                for (Map.Entry<SignalDefinition, Object> change : changes.entrySet()) {
                    changed = SignalCodec.write(change.getKey(), changed, change.getValue());
                }
                return changed;
            }).thenApply(applied -> {
                Map<String, Object> result = new LinkedHashMap<>();
                changes.keySet().forEach(s -> result.put(s.path(), SignalCodec.read(s, applied)));
                return result;
            }));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Object> applied = new LinkedHashMap<>();
            writes.forEach(w -> applied.putAll(w.join()));
            return applied;
        });
    }

    /**
     * A read-modify-write of a field, after every earlier write of the same field through this
     * client: its getter's value, changed, goes to its setter. Completes with the setter's answer.
     */
    public CompletableFuture<Message> updateField(ServiceBinding service, String fieldName,
                                                  UnaryOperator<Message> change) {
        FieldBinding field;
        try {
            field = field(service, fieldName);
            if (field.setter() == null) {
                throw new IllegalArgumentException(service + ": field " + fieldName + " is read-only (no setter)");
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        RpcBinding setter = field.setter();
        CompletableFuture<Message> result = new CompletableFuture<>();
        fieldWrites.compute(fieldKey(service, fieldName), (key, previous) -> {
            CompletableFuture<?> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
            // Runs whether the previous write succeeded or not; its outcome was its caller's.
            after.handle((ignored, error) -> null)
                    .thenCompose(ignored -> getField(service, fieldName))
                    .thenCompose(current -> proxy(service).call(setter.name(), change.apply(current),
                            DynamicMessage.getDefaultInstance(setter.output())))
                    .whenComplete((applied, error) -> {
                        if (error != null) {
                            result.completeExceptionally(error);
                        } else {
                            result.complete(applied);
                        }
                    });
            return result;
        });
        return result;
    }

    /**
     * Every value of a signal its ECU notifies, as a plain value (see {@link SignalCodec}). A
     * subscription that cannot be made comes back failed, its {@link Subscription#acknowledged()}
     * completed exceptionally: {@link UnknownSignalException} for a path the registry does not know,
     * IllegalArgumentException for a signal nothing notifies, IllegalStateException once closed.
     */
    public Subscription subscribe(String path, Consumer<Object> listener) {
        SignalDefinition signal;
        try {
            signal = registry.require(path);
            if (signal.notifier() == null) {
                throw new IllegalArgumentException(path + " is in field " + signal.field().name() + " of "
                        + signal.service() + ", which has no notifier: read it with get");
            }
        } catch (IllegalArgumentException e) {
            return new FailedSubscription(e);
        }
        return listen(signal.service(), signal.notifier(), message -> listener.accept(SignalCodec.read(signal,
                message)));
    }

    /**
     * Every notification of a field (or event carrying signals), decoded once for all listeners.
     * Failed (see {@link #subscribe}) for a field the service does not have or one without a notifier.
     */
    public Subscription subscribeField(ServiceBinding service, String fieldName, Consumer<Message> listener) {
        FieldBinding field;
        try {
            field = field(service, fieldName);
            if (field.notifier() == null) {
                throw new IllegalArgumentException(service + ": field " + fieldName + " has no notifier");
            }
        } catch (IllegalArgumentException e) {
            return new FailedSubscription(e);
        }
        return listen(service, field.notifier(), listener);
    }

    /** Adds a listener to the notifier's shared subscription (made now if it has none). */
    private Subscription listen(ServiceBinding service, RpcBinding rpc, Consumer<Message> consumer) {
        Listener listener = new Listener(consumer);
        Notifier notifier;
        try {
            // Added under the map's lock, so a last listener closing meanwhile cannot close it under us.
            notifier = notifiers.compute(List.of(service.serviceId(), rpc.name()), (key, current) -> {
                Notifier target = current != null ? current : new Notifier(key, service, rpc);
                target.listeners.add(listener);
                return target;
            });
        } catch (IllegalStateException e) { // closed: there is no proxy to subscribe with
            return new FailedSubscription(e);
        }
        notifier.catchUp(listener);
        return notifier.handle(listener);
    }

    /** A subscription that could not be made: nothing to close, its failure in acknowledged(). */
    private record FailedSubscription(CompletableFuture<Void> acknowledged) implements Subscription {
        FailedSubscription(Throwable error) {
            this(CompletableFuture.failedFuture(error));
        }

        @Override
        public void close() {
        }
    }

    private SignalDefinition readable(String path) {
        SignalDefinition signal = registry.require(path);
        if (signal.field() == null || signal.field().getter() == null) {
            throw new IllegalArgumentException(path + " has no getter: subscribe to it instead");
        }
        return signal;
    }

    private static FieldBinding field(ServiceBinding service, String fieldName) {
        FieldBinding field = service.fields().get(fieldName);
        if (field == null) {
            throw new IllegalArgumentException(service + " has no field " + fieldName);
        }
        return field;
    }

    private static List<Object> fieldKey(ServiceBinding service, String fieldName) {
        return List.of(service.serviceId(), fieldName);
    }

    /** One SOME/IP subscription to a notifier, shared by its listeners; closed with its last listener. */
    private final class Notifier {
        private final List<Object> key;
        private final List<Listener> listeners = new CopyOnWriteArrayList<>();
        private final Subscription subscription;
        /** Whether the notifier is a field's, whose last value is the field's current value. */
        private final boolean field;
        private Message last; // guarded by this

        Notifier(List<Object> key, ServiceBinding service, RpcBinding rpc) {
            this.key = key;
            field = service.fields().values().stream().anyMatch(f -> f.notifier() == rpc);
            subscription = proxy(service).subscribe(rpc.name(), DynamicMessage.getDefaultInstance(rpc.output()),
                    this::deliver);
        }

        // Under the lock, so a listener joining meanwhile gets each value once and in order (catchUp).
        private synchronized void deliver(Message message) {
            if (field) {
                last = message;
            }
            for (Listener listener : listeners) {
                listener.accept(message);
            }
        }

        /**
         * A listener that joins a field's subscription after its initial notification (feat_req_someipsd_691 sends
         * it once, for the one SOME/IP subscription) gets the field's current value, as a subscriber of its own would.
         */
        synchronized void catchUp(Listener listener) {
            if (last != null && !listener.delivered) {
                listener.accept(last);
            }
        }

        Subscription handle(Listener listener) {
            return new Subscription() {
                @Override
                public CompletableFuture<Void> acknowledged() {
                    return subscription.acknowledged();
                }

                @Override
                public void close() {
                    listener.closed = true; // a delivery already under way skips it from now on
                    remove(listener);
                }
            };
        }

        private void remove(Listener listener) {
            notifiers.compute(key, (k, current) -> {
                listeners.remove(listener);
                if (current == this && listeners.isEmpty()) {
                    subscription.close(); // StopSubscribeEventgroup once nobody listens
                    return null;
                }
                return current;
            });
        }
    }

    private static final class Listener {
        private final Consumer<Message> consumer;
        private volatile boolean closed;
        private boolean delivered; // guarded by its notifier

        Listener(Consumer<Message> consumer) {
            this.consumer = consumer;
        }

        void accept(Message message) {
            if (closed) {
                return;
            }
            delivered = true;
            try {
                consumer.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("Signal listener failed on {}", message.getDescriptorForType().getFullName(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        proxies.values().forEach(DescriptorProxy::close);
        proxies.clear();
        notifiers.clear();
    }
}
