package io.vehicle.bridge.values;

import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.service.Registration;
import io.vehicle.someip.sdk.signal.SignalClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each ECU (service instance) is there, as the bridge's proxies see it, with the reason SD gave
 * for the last change. The one place that reads availability from the SDK ({@code onAvailability}, whose
 * records carry the offer when up and SD's reason when down).
 */
public final class EcuAvailability implements AutoCloseable {

    /** Told when an ECU comes up or goes down, on the SDK's callback executor. */
    public interface Listener {
        void changed(ServiceBinding service, boolean available, String reason);
    }

    private final SignalClient client;
    private final Map<Integer, String> reasons = new ConcurrentHashMap<>();
    private final List<Registration> registrations = new ArrayList<>();

    public EcuAvailability(SignalClient client) {
        this.client = client;
    }

    /** Starts following a service: its proxy is created now, so SD looks for it from the start. */
    public synchronized void track(ServiceBinding service, Listener listener) {
        DescriptorProxy proxy = client.proxy(service);
        reasons.put(service.serviceId(), "not found by SD yet");
        registrations.add(proxy.raw().onAvailability(change -> {
            reasons.put(service.serviceId(), change.available()
                    ? "offered at " + endpoint(change.service()) : change.reason().toString());
            listener.changed(service, change.available(), reason(service));
        }));
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

    /**
     * When the ECU's last OfferService for the instance reached the bridge (its first offer or a cyclic
     * renewal), also while it is down; empty before any.
     */
    public Optional<Instant> lastOffer(ServiceBinding service) {
        return client.proxy(service).raw().lastOffer();
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
        registrations.forEach(Registration::close);
        registrations.clear();
    }
}
