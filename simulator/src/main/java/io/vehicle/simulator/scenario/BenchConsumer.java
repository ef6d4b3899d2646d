package io.vehicle.simulator.scenario;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.RpcKind;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalClient;
import io.vehicle.someip.sdk.signal.SignalCodec;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.someip.transport.TrafficHooks;
import io.vehicle.someip.transport.TrafficTap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bench side of a scenario: a SOME/IP node of its own that finds the catalog services through SD and
 * uses them as any client would, by descriptor: reads signals with field getters, writes them with
 * read-modify-write through field setters, calls methods, and keeps every event it receives.
 */
public final class BenchConsumer implements AutoCloseable {

    /** An event as received, with the simulated time of the step when it was seen. */
    public record ReceivedEvent(String service, String event, DynamicMessage payload) {
    }

    private static final long CALL_TIMEOUT_SECONDS = 10;

    private final SomeIpNode node;
    private final SignalRegistry registry;
    private final SignalClient signals;
    private final Map<String, DescriptorProxy> proxies = new LinkedHashMap<>();
    private final List<ReceivedEvent> events = new CopyOnWriteArrayList<>();

    public BenchConsumer(NodeConfig config, SignalRegistry registry, TrafficTap recorder) {
        this.node = SomeIpNode.start(config, recorder == null ? EndpointOptions.defaults()
                : EndpointOptions.defaults().withTraffic(new TrafficHooks(recorder, null)));
        this.registry = registry;
        this.signals = new SignalClient(node, registry);
        for (ServiceBinding binding : registry.services()) {
            proxies.put(binding.descriptor().getName(), signals.proxy(binding));
        }
    }

    /**
     * Subscribes to every event and field notifier of the services, as a bench watching the car does (values
     * are still read by getter: a notification in flight cannot make a check pass or fail at random).
     */
    public List<CompletableFuture<Void>> subscribeEvents(List<String> services) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (String service : services) {
            DescriptorProxy proxy = proxy(service);
            for (RpcBinding rpc : proxy.binding().rpcs()) {
                if (rpc.isEvent()) {
                    acks.add(proxy.subscribe(rpc.name(), DynamicMessage.getDefaultInstance(rpc.output()),
                            m -> events.add(new ReceivedEvent(service, rpc.name(), m))).acknowledged());
                }
            }
        }
        return acks;
    }

    public DescriptorProxy proxy(String service) {
        DescriptorProxy proxy = proxies.get(service);
        if (proxy == null) {
            throw new IllegalArgumentException("no catalog service " + service + " (there are " + proxies.keySet() + ")");
        }
        return proxy;
    }

    public boolean available(String service) {
        return proxy(service).isAvailable();
    }

    public List<ReceivedEvent> events() {
        return List.copyOf(events);
    }

    /** A signal's value as its field's getter answers it now. */
    public Object read(String path) throws Exception {
        return await(signals.get(path));
    }

    /**
     * Writes signals as a client does: per field, reads it with its getter, changes the signals and sends
     * it with its setter; returns the values the ECU answered with, by path. Unlike a careful client, it
     * does not check values against the IDL first: a bench wants to see the ECU refuse them.
     */
    public Map<String, Object> write(Map<String, Object> values) throws Exception {
        Map<FieldBinding, Map<SignalDefinition, Object>> byField = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            SignalDefinition signal = registry.require(entry.getKey());
            if (!signal.writable()) {
                throw new IllegalArgumentException(entry.getKey() + " is read-only");
            }
            byField.computeIfAbsent(signal.field(), f -> new LinkedHashMap<>()).put(signal, entry.getValue());
        }
        Map<String, Object> applied = new LinkedHashMap<>();
        for (Map<SignalDefinition, Object> changes : byField.values()) {
            SignalDefinition first = changes.keySet().iterator().next();
            Message answer = await(signals.updateField(first.service(), first.field().name(), current -> {
                Message changed = current;
                for (Map.Entry<SignalDefinition, Object> change : changes.entrySet()) {
                    changed = SignalCodec.write(change.getKey(), changed, change.getValue());
                }
                return changed;
            }));
            changes.keySet().forEach(s -> applied.put(s.path(), SignalCodec.read(s, answer)));
        }
        return applied;
    }

    /** Calls a method with a request given as JSON (protobuf's JSON mapping); fire-and-forget methods return null. */
    public DynamicMessage call(String service, String method, String json) throws Exception {
        DescriptorProxy proxy = proxy(service);
        RpcBinding rpc = proxy.binding().rpc(method);
        DynamicMessage.Builder request = DynamicMessage.newBuilder(rpc.input());
        try {
            JsonFormat.parser().merge(json, request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(service + "." + method + ": the body does not fit "
                    + rpc.input().getFullName() + ": " + e.getMessage(), e);
        }
        if (rpc.kind() == RpcKind.FIRE_AND_FORGET) {
            // Sent is all a fire-and-forget call can confirm; a send that failed (no ECU) is still an error.
            await(proxy.send(method, request.build()));
            return null;
        }
        return await(proxy.call(method, request.build()));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + CALL_TIMEOUT_SECONDS + " s");
        }
    }

    @Override
    public void close() {
        signals.close();
        node.close();
    }
}
