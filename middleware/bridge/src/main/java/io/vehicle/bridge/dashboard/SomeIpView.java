package io.vehicle.bridge.dashboard;

import io.vehicle.bridge.values.EcuAvailability;
import io.vehicle.bridge.values.ValueFeed;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridge's SOME/IP view for the page: every service instance the catalog names, whether SD sees it, at
 * which endpoints, since when and why, when its last offer arrived, the eventgroup subscriptions the bridge
 * holds on it, and the peer reboots SD detected (feat_req_someipsd_764: a reboot flag set again, or a session
 * id that went back).
 */
final class SomeIpView {

    private record Change(boolean available, long at) {
    }

    private record Reboots(int count, long last) {
    }

    private final List<ServiceBinding> services;
    private final EcuAvailability availability;
    private final ValueFeed feed;
    private final SomeIpNode node;
    private final Clock clock;
    private final Map<Integer, Change> changes = new ConcurrentHashMap<>();
    private final Map<String, Reboots> reboots = new ConcurrentHashMap<>();

    SomeIpView(List<ServiceBinding> services, EcuAvailability availability, ValueFeed feed, SomeIpNode node,
               Clock clock) {
        this.services = services;
        this.availability = availability;
        this.feed = feed;
        this.node = node;
        this.clock = clock;
        node.discovery().onPeerReboot(this::rebooted);
    }

    private void rebooted(InetSocketAddress peer) {
        String address = peer.getAddress().getHostAddress();
        reboots.merge(address, new Reboots(1, clock.millis()), (old, one) -> new Reboots(old.count() + 1, one.last()));
    }

    /** The view now; unchanged state gives equal JSON, so the feed sends it only when something changed. */
    JsonObject snapshot() {
        JsonArray rows = new JsonArray();
        for (ServiceBinding service : services) {
            boolean up = availability.isAvailable(service);
            // The time of the last change this view saw (SD's records carry no time of their own).
            Change change = changes.compute(service.serviceId(), (id, old) ->
                    old != null && old.available() == up ? old : new Change(up, clock.millis()));
            String endpoint = availability.endpoint(service);
            String ecu = endpoint.isEmpty() ? "" : endpoint.substring(0, endpoint.indexOf(':'));
            Reboots seen = ecu.isEmpty() ? null : reboots.get(ecu);
            rows.add(new JsonObject().put("service", service.descriptor().getName())
                    .put("fullName", service.descriptor().getFullName())
                    .put("serviceId", String.format("0x%04X", service.serviceId()))
                    .put("instanceId", String.format("0x%04X", service.instanceId()))
                    .put("version", service.majorVersion() + "." + service.minorVersion())
                    .put("up", up).put("since", change.at()).put("endpoint", endpoint)
                    .put("lastOffer", availability.lastOffer(service).map(Instant::toEpochMilli).orElse(null))
                    .put("reason", availability.reason(service))
                    .put("subscriptions", feed.subscriptions(service))
                    .put("acknowledged", feed.acknowledgedSubscriptions(service))
                    .put("reboots", seen == null ? 0 : seen.count()));
        }
        JsonArray peers = new JsonArray();
        reboots.forEach((address, seen) -> peers.add(new JsonObject().put("peer", address)
                .put("count", seen.count()).put("last", seen.last())));
        return new JsonObject().put("node", node.config().unicast() + " SD port " + node.config().sd().port())
                .put("services", rows).put("reboots", node.discovery().rebootsDetected()).put("rebootPeers", peers);
    }
}
