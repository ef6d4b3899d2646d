package io.vehicle.bridge.values;

import io.vehicle.someip.sd.AvailabilityListener;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.FindHandle;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each ECU (service instance) is there, as the bridge's proxies see it, with the reason SD gave
 * for the last change. The one place that reads availability from the SDK: written against today's
 * {@code ServiceProxy.onAvailability(Consumer<Boolean>)} plus an SD find for the reason, so it can move to
 * the SDK's richer availability records when they land without touching its users.
 *
 * <p>The proxy's view decides (calls go out only while it is connected); SD's listener runs before the
 * proxy's callback on the same change, so the reason is known when the change is reported.
 */
public final class EcuAvailability implements AutoCloseable {

    /** Told when an ECU comes up or goes down, on the SDK's control thread. */
    public interface Listener {
        void changed(ServiceBinding service, boolean available, String reason);
    }

    private final SomeIpNode node;
    private final SignalClient client;
    private final Map<Integer, String> reasons = new ConcurrentHashMap<>();
    private final List<FindHandle> finds = new ArrayList<>();

    public EcuAvailability(SomeIpNode node, SignalClient client) {
        this.node = node;
        this.client = client;
    }

    /** Starts following a service: its proxy is created now, so SD looks for it from the start. */
    public synchronized void track(ServiceBinding service, Listener listener) {
        DescriptorProxy proxy = client.proxy(service);
        reasons.put(service.serviceId(), "not found by SD yet");
        finds.add(node.discovery().find(service.serviceId(), service.instanceId(), service.majorVersion(),
                new AvailabilityListener() {
                    @Override
                    public void available(RemoteService remote) {
                        reasons.put(service.serviceId(), "offered at " + endpoint(remote));
                    }

                    @Override
                    public void unavailable(RemoteService remote, AvailabilityReason reason) {
                        reasons.put(service.serviceId(), reason.toString());
                    }
                }));
        proxy.raw().onAvailability(up -> listener.changed(service, up, reason(service)));
        if (proxy.isAvailable()) {
            // It connected before the callback was registered: report it once (a repeat is harmless).
            listener.changed(service, true, reason(service));
        }
    }

    public boolean isAvailable(ServiceBinding service) {
        return client.proxy(service).isAvailable();
    }

    /** Why the ECU is (not) available, for people: "offered at 127.0.0.2:30501/udp", "TTL expired". */
    public String reason(ServiceBinding service) {
        return reasons.getOrDefault(service.serviceId(), "not tracked");
    }

    /** The endpoints of the current offer, e.g. "127.0.0.2:30501/udp"; empty while unavailable. */
    public String endpoint(ServiceBinding service) {
        var offer = client.proxy(service).whenAvailable();
        return offer.isDone() && !offer.isCompletedExceptionally() ? endpoint(offer.join()) : "";
    }

    private static String endpoint(RemoteService remote) {
        List<String> parts = new ArrayList<>();
        if (remote.udp() != null) {
            parts.add(remote.udp().getAddress().getHostAddress() + ":" + remote.udp().getPort() + "/udp");
        }
        if (remote.tcp() != null) {
            parts.add(remote.tcp().getAddress().getHostAddress() + ":" + remote.tcp().getPort() + "/tcp");
        }
        return String.join(" ", parts);
    }

    @Override
    public synchronized void close() {
        finds.forEach(FindHandle::close);
        finds.clear();
    }
}
