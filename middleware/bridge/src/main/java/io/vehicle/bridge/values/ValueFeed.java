package io.vehicle.bridge.values;

import com.google.protobuf.Message;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.sdk.signal.SignalClient;
import io.vehicle.someip.sdk.signal.SignalCodec;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link LiveValues} current: one SOME/IP subscription per field notifier (and per event that
 * carries signals) for every service of the catalog, availability from {@link EcuAvailability}, and getter
 * reads when an ECU comes up (the initial values, in case its initial events raced the connection) and when
 * a check needs fresher data than it has ({@link #refresh}).
 */
public final class ValueFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ValueFeed.class);

    private final SignalClient client;
    private final LiveValues values;
    private final EcuAvailability availability;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<Integer, List<Subscription>> byService = new LinkedHashMap<>();
    /** Getter reads per field (service id, field name) for {@link #read}. */
    private final Map<List<Object>, SharedFieldRead> sharedReads = new ConcurrentHashMap<>();

    public ValueFeed(SignalClient client, LiveValues values, EcuAvailability availability) {
        this.client = client;
        this.values = values;
        this.availability = availability;
    }

    /** Creates every proxy (so SD looks for every ECU from the start) and subscribes to every notifier. */
    public synchronized void start() {
        for (ServiceBinding service : client.registry().services()) {
            int before = subscriptions.size();
            availability.track(service, this::availabilityChanged);
            DescriptorProxy proxy = client.proxy(service);
            Map<String, List<SignalDefinition>> byRpc = new LinkedHashMap<>();
            for (SignalDefinition signal : client.registry().all()) {
                if (signal.service() == service && signal.notifier() != null) {
                    byRpc.computeIfAbsent(signal.notifier().name(), n -> new ArrayList<>()).add(signal);
                }
            }
            for (FieldBinding field : service.fields().values()) {
                List<SignalDefinition> carried = byRpc.remove(field.notifier() == null ? "" : field.notifier().name());
                if (carried != null) {
                    subscriptions.add(client.subscribeField(service, field.name(),
                            message -> notified(proxy, carried, message)));
                }
            }
            // Events that carry signals without being a field: one listener per signal, decoded once by the SDK.
            byRpc.values().forEach(signals -> signals.forEach(signal -> subscriptions.add(client.subscribe(
                    signal.path(), value -> {
                        if (proxy.isAvailable()) {
                            values.received(signal, value);
                        }
                    }))));
            byService.put(service.serviceId(), List.copyOf(subscriptions.subList(before, subscriptions.size())));
        }
    }

    /** How many notifier and event subscriptions the bridge holds on a service (one per eventgroup use). */
    public synchronized int subscriptions(ServiceBinding service) {
        return byService.getOrDefault(service.serviceId(), List.of()).size();
    }

    /** Of those, how many the ECU acknowledged (SubscribeEventgroupAck) the first time it answered. */
    public synchronized int acknowledgedSubscriptions(ServiceBinding service) {
        return (int) byService.getOrDefault(service.serviceId(), List.of()).stream()
                .filter(s -> s.acknowledged().isDone() && !s.acknowledged().isCompletedExceptionally()).count();
    }

    private void notified(DescriptorProxy proxy, List<SignalDefinition> carried, Message message) {
        // A notification still in flight when the ECU went down must not revive its values.
        if (!proxy.isAvailable()) {
            return;
        }
        for (SignalDefinition signal : carried) {
            values.received(signal, SignalCodec.read(signal, message));
        }
    }

    private void availabilityChanged(ServiceBinding service, boolean up, String reason) {
        String who = String.format("%s 0x%04X/0x%04X", service.descriptor().getName(), service.serviceId(),
                service.instanceId());
        if (up) {
            values.serviceUp(service.serviceId(), who + " " + reason);
            readFields(service, values.ofService(service.serviceId()), Duration.ofSeconds(5));
        } else {
            values.serviceDown(service.serviceId(), who + ": " + reason);
        }
    }

    /**
     * Reads with their getters the signals whose value is older than the age given for each (or missing
     * while their ECU is up), one read per field; completes when every read answered, failed or timed out.
     * A read that fails leaves the signal as it was: the caller judges its age again.
     */
    public CompletableFuture<Void> refresh(Map<SignalDefinition, Duration> maxAges, Duration timeout) {
        List<SignalState> stale = new ArrayList<>();
        var now = values.clock().instant();
        maxAges.forEach((signal, maxAge) -> {
            SignalState state = values.get(signal.path());
            if (state.availability() == Availability.NOT_YET_RECEIVED
                    || state.available() && state.age(now).compareTo(maxAge) > 0) {
                stale.add(state);
            }
        });
        return stale.isEmpty() ? CompletableFuture.completedFuture(null) : readFieldsOf(stale, timeout);
    }

    /**
     * Reads with their getters the fields of these signals whose ECU is up, whatever the age of their values, each
     * with a read sent after this call (shared with other callers, {@link SharedFieldRead}); completes when every
     * read answered, failed or timed out, within {@code timeout}.
     */
    public CompletableFuture<Void> read(Collection<SignalDefinition> signals, Duration timeout) {
        Map<List<Object>, SignalDefinition> fields = new LinkedHashMap<>();
        for (SignalDefinition signal : signals) {
            if (signal.field() != null && signal.field().getter() != null
                    && values.get(signal.path()).availability() != Availability.UNAVAILABLE) {
                fields.putIfAbsent(List.of(signal.service().serviceId(), signal.field().name()), signal);
            }
        }
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        fields.forEach((field, signal) -> reads.add(sharedReads
                .computeIfAbsent(field, k -> new SharedFieldRead(t -> readField(signal, t))).next(timeout)
                .copy().completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)));
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    /** One getter read of the field holding {@code signal}, applied to every signal of that field it finds unchanged. */
    private CompletableFuture<Void> readField(SignalDefinition signal, Duration timeout) {
        String field = signal.field().name();
        List<SignalState> carried = client.registry().all().stream()
                .filter(s -> s.service() == signal.service() && s.field() != null && s.field().name().equals(field))
                .map(s -> values.get(s.path())).toList();
        return client.getField(signal.service(), field)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(message -> carried.forEach(state -> values.read(state.signal(),
                        SignalCodec.read(state.signal(), message), state.version())))
                .exceptionally(error -> {
                    LOG.debug("Reading {} of {} failed: {}", field, signal.service(), error.toString());
                    return null;
                });
    }

    private CompletableFuture<Void> readFields(ServiceBinding service, Collection<SignalState> states,
                                               Duration timeout) {
        return readFieldsOf(states.stream().filter(s -> s.signal().service() == service).toList(), timeout);
    }

    private CompletableFuture<Void> readFieldsOf(Collection<SignalState> states, Duration timeout) {
        Map<List<Object>, List<SignalState>> byField = new LinkedHashMap<>();
        for (SignalState state : states) {
            SignalDefinition signal = state.signal();
            if (signal.field() != null && signal.field().getter() != null) {
                byField.computeIfAbsent(List.of(signal.service().serviceId(), signal.field().name()),
                        k -> new ArrayList<>()).add(state);
            }
        }
        List<CompletableFuture<?>> reads = new ArrayList<>();
        for (List<SignalState> group : byField.values()) {
            SignalDefinition first = group.get(0).signal();
            reads.add(client.getField(first.service(), first.field().name())
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenAccept(message -> group.forEach(state -> values.read(state.signal(),
                            SignalCodec.read(state.signal(), message), state.version())))
                    .exceptionally(error -> {
                        LOG.debug("Reading {} of {} failed: {}", first.field().name(), first.service(), error.toString());
                        return null;
                    }));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        byService.clear();
        availability.close();
    }
}
