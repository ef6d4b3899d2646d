package io.vehicle.someip.sd;

import io.vehicle.someip.sd.ServiceDiscovery.Endpoints;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.Ipv4MulticastOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.StopOfferService;
import io.vehicle.someip.sd.message.SubscribeEventgroupAck;
import io.vehicle.someip.sd.message.SubscribeEventgroupNack;
import io.vehicle.someip.transport.RefusalCounter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The client side of SD: finds (FindService in the Initial Wait and Repetition Phases until an offer
 * comes), the remote service instances known from offers with their TTLs, the availability
 * listeners, and our eventgroup subscriptions, sent in answer to each offer (after
 * REQUEST_RESPONSE_DELAY when the offer was multicast) and renewed before their TTL runs out.
 * Thread-confined to the SD scheduler.
 *
 * <p>A known instance stays with the provider that offered it while that provider is alive: an
 * offer, StopOffer, Ack or Nack about it from another sender is ignored and counted
 * ({@link SdRefusal#NOT_FROM_PROVIDER}); it moves only after its provider's StopOffer, the TTL
 * expiry or the provider's reboot. Offers of pinned services come only from their allowed
 * providers ({@link SdTrust#allowedProviders()}), and at most {@link SdLimits#maxRemoteServices()}
 * instances are remembered.
 */
final class ClientSide {

    private final SdScheduler scheduler;
    private final SdOutbox outbox;
    private final SdTimings timings;
    private final SdDelays delays;
    private final EndpointCheck endpoints;
    private final RefusalCounter<SdRefusal> refusals;
    private final SdSweep sweep;
    private final SdTrust trust;
    private final SdLimits limits;
    private final List<Find> finds = new ArrayList<>();
    private final Map<ServiceInstance, Known> known = new HashMap<>();
    private final List<ClientSubscription> subscriptions = new ArrayList<>(); // one per service, instance, eventgroup
    /** Instances whose multicast offer we answer after REQUEST_RESPONSE_DELAY: no other Subscribe meanwhile. */
    private final Map<ServiceInstance, Integer> offerAnswersPending = new HashMap<>();

    /** Default trust and bounds. */
    ClientSide(SdScheduler scheduler, SdOutbox outbox, SdTimings timings, SdDelays delays, EndpointCheck endpoints,
               RefusalCounter<SdRefusal> refusals, SdSweep sweep) {
        this(scheduler, outbox, timings, delays, endpoints, refusals, sweep, SdTrust.defaults(), SdLimits.defaults());
    }

    ClientSide(SdScheduler scheduler, SdOutbox outbox, SdTimings timings, SdDelays delays, EndpointCheck endpoints,
               RefusalCounter<SdRefusal> refusals, SdSweep sweep, SdTrust trust, SdLimits limits) {
        this.trust = trust;
        this.limits = limits;
        this.scheduler = scheduler;
        this.outbox = outbox;
        this.timings = timings;
        this.delays = delays;
        this.endpoints = endpoints;
        this.refusals = refusals;
        this.sweep = sweep;
    }

    /** A find and its listener; its timer runs while it sends FindService entries. */
    static final class Find {
        final ServiceSelector wanted;
        final AvailabilityListener listener;
        private SdScheduler.Cancellable timer;

        Find(ServiceSelector wanted, AvailabilityListener listener) {
            this.wanted = wanted;
            this.listener = listener;
        }

        /**
         * feat_req_someipsd_867: an offer ends the Initial Wait and Repetition Phases; the Main Phase
         * sends no finds, also after a later StopOffer (feat_req_someipsd_834).
         */
        void stopFinding() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }

    private static final class Known {
        final RemoteService service;
        long expiresAt;

        Known(RemoteService service, long expiresAt) {
            this.service = service;
            this.expiresAt = expiresAt;
        }
    }

    // ------------------------------------------------------------------ finds and availability

    /**
     * Tells the listener of every known instance at once; if none is known, finds after INITIAL_DELAY,
     * unless an equal find is already sending: one find process per service, instance and version,
     * however many listeners ask, so the same FindService entry is not sent twice over.
     */
    void startFind(Find find) {
        finds.add(find);
        boolean any = false;
        for (Known k : known.values()) {
            if (find.wanted.selects(k.service)) {
                find.listener.available(k.service);
                any = true;
            }
        }
        boolean alreadyFinding = finds.stream().anyMatch(f -> f != find && f.timer != null && f.wanted.equals(find.wanted));
        if (!any && !alreadyFinding) {
            find.timer = scheduler.schedule(() -> sendFind(find, 0), delays.initialDelay());
        }
    }

    /** Forgets a find: its listener hears nothing more; its FindService repetitions pass to a twin, if any. */
    void stopFind(Find find) {
        if (!finds.remove(find)) {
            return;
        }
        if (find.timer != null) {
            find.stopFinding();
            finds.stream().filter(f -> f.wanted.equals(find.wanted)).findFirst()
                    .ifPresent(twin -> twin.timer = scheduler.schedule(() -> sendFind(twin, 0),
                            timings.repetitionsBaseDelayMs()));
        }
    }

    /**
     * A FindService, then the next repetition with the delay doubled (feat_req_someipsd_67,
     * feat_req_someipsd_76), none cyclically (feat_req_someipsd_866).
     */
    private void sendFind(Find find, int repetition) {
        find.timer = null;
        for (Known k : known.values()) {
            if (find.wanted.selects(k.service)) {
                return; // found meanwhile: no more finds (feat_req_someipsd_867)
            }
        }
        ServiceSelector w = find.wanted;
        outbox.multicast(new FindService(w.serviceId(), w.instanceId(), w.majorVersion(), SdEntry.ANY_MINOR_VERSION,
                timings.offerTtlSeconds(), List.of(), List.of()));
        if (repetition < timings.repetitionsMax()) {
            find.timer = scheduler.schedule(() -> sendFind(find, repetition + 1),
                    timings.repetitionsBaseDelayMs() << repetition);
        }
    }

    /**
     * An offer makes its instance known (or renews its TTL) and is answered by our subscriptions to it;
     * the answer to a multicast offer waits REQUEST_RESPONSE_DELAY (feat_req_someipsd_766). Offers
     * naming endpoints outside the allowed subnets or off the sender's address, or none, are refused;
     * so are offers of an instance another live provider offers, of a service pinned to other
     * providers, and of unwanted instances beyond the bound.
     */
    void onOffer(OfferService offer, InetSocketAddress sender, boolean viaMulticast) {
        ServiceInstance instance = new ServiceInstance(offer.serviceId(), offer.instanceId());
        Endpoints named = endpoints.named(offer, sender);
        if (named == null) {
            return;
        }
        if (named.udp() == null && named.tcp() == null) {
            refusals.record(sender, SdRefusal.OFFER_WITHOUT_ENDPOINT, "OfferService of " + instance
                    + " without an endpoint option");
            return;
        }
        if (!trust.mayOffer(offer.serviceId(), offer.instanceId(), sender)) {
            refusals.record(sender, SdRefusal.PROVIDER_NOT_ALLOWED, "OfferService of " + instance
                    + " from " + sender + ", not an allowed provider of the service");
            return;
        }
        RemoteService service = new RemoteService(offer.serviceId(), offer.instanceId(), offer.majorVersion(),
                offer.minorVersion(), named.udp(), named.tcp(), sender);
        long now = scheduler.nowMillis();
        long expiresAt = offer.ttl() == SdEntry.TTL_UNTIL_REBOOT ? Long.MAX_VALUE : now + offer.ttl() * 1000L;
        Known existing = known.get(instance);
        if (existing != null && !existing.service.sdPeer().equals(sender)) {
            if (existing.expiresAt > now) {
                refusals.record(sender, SdRefusal.NOT_FROM_PROVIDER, "OfferService of " + instance + " from "
                        + sender + " while " + existing.service.sdPeer() + " offers it");
                return;
            }
            // Its provider's TTL ran out before the sweep noticed: it is gone, the newcomer may take over.
            known.remove(instance);
            tellUnavailable(existing.service, AvailabilityReason.TTL_EXPIRED);
            existing = null;
        }
        if (existing == null && known.size() >= limits.maxRemoteServices() && !makeRoomFor(service)) {
            refusals.record(sender, SdRefusal.REMOTE_SERVICE_LIMIT, "OfferService of " + instance + ": "
                    + known.size() + " remote instances remembered, none of them unwanted");
            return;
        }
        boolean changed = existing == null || !existing.service.equals(service);
        if (existing != null && changed) {
            // Moved to another endpoint: the old one is stale and must not be written to (feat_req_someipsd_858).
            known.remove(service.instance());
            tellUnavailable(existing.service, AvailabilityReason.MOVED);
        }
        if (changed) {
            known.put(service.instance(), new Known(service, expiresAt));
            for (Find find : List.copyOf(finds)) {
                if (find.wanted.selects(service)) {
                    find.stopFinding();
                    find.listener.available(service);
                }
            }
        } else {
            existing.expiresAt = expiresAt;
            for (Find find : List.copyOf(finds)) {
                if (find.wanted.selects(service)) {
                    find.listener.offered(service);
                }
            }
        }
        answerWithSubscriptions(service, viaMulticast);
        sweep.ensure();
    }

    /**
     * Forgets one remembered instance that no find or subscription wants, to remember {@code service};
     * false when {@code service} is unwanted itself or every remembered one is wanted.
     */
    private boolean makeRoomFor(RemoteService service) {
        if (!wanted(service)) {
            return false;
        }
        for (Iterator<Known> it = known.values().iterator(); it.hasNext(); ) {
            if (!wanted(it.next().service)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private boolean wanted(RemoteService service) {
        for (Find find : finds) {
            if (find.wanted.selects(service)) {
                return true;
            }
        }
        for (ClientSubscription s : subscriptions) {
            if (s.wanted.selects(service)) {
                return true;
            }
        }
        return false;
    }

    /** Subscribing in answer to every offer renews subscriptions and restores them after a loss. */
    private void answerWithSubscriptions(RemoteService service, boolean viaMulticast) {
        long delay = viaMulticast ? delays.requestResponseDelay() : 0;
        Known current = known.get(service.instance());
        if (delay > 0) {
            offerAnswersPending.merge(service.instance(), 1, Integer::sum);
        }
        delays.after(delay, () -> outbox.batched(() -> {
            if (delay > 0) {
                // Several offers can be waiting their delay at once: count them down.
                offerAnswersPending.computeIfPresent(service.instance(), (k, n) -> n > 1 ? n - 1 : null);
            }
            if (known.get(service.instance()) != current) {
                return; // gone or moved meanwhile
            }
            for (ClientSubscription s : subscriptions) {
                if (s.wanted.selects(service)) {
                    s.send(service, viaMulticast, scheduler.nowMillis());
                }
            }
        }));
    }

    /** feat_req_someipsd_831: a StopOfferService of the node that offered the instance takes it down. */
    void onStopOffer(StopOfferService stop, InetSocketAddress sender) {
        ServiceInstance instance = new ServiceInstance(stop.serviceId(), stop.instanceId());
        Known existing = known.get(instance);
        if (existing == null) {
            return;
        }
        if (!existing.service.sdPeer().equals(sender)) {
            refusals.record(sender, SdRefusal.NOT_FROM_PROVIDER, "StopOfferService of " + instance + " from "
                    + sender + ", which does not offer it (" + existing.service.sdPeer() + " does)");
            return;
        }
        known.remove(instance);
        tellUnavailable(existing.service, AvailabilityReason.STOP_OFFER);
    }

    /** A rebooted peer's services are gone (feat_req_someipsd_871). */
    void peerRebooted(InetSocketAddress peer) {
        for (Iterator<Known> it = known.values().iterator(); it.hasNext(); ) {
            Known k = it.next();
            if (k.service.sdPeer().equals(peer)) {
                it.remove();
                tellUnavailable(k.service, AvailabilityReason.PEER_REBOOT);
            }
        }
    }

    private void tellUnavailable(RemoteService service, AvailabilityReason reason) {
        for (ClientSubscription s : subscriptions) {
            if (service.equals(s.target())) {
                s.lost();
            }
        }
        for (Find find : List.copyOf(finds)) {
            if (find.wanted.selects(service)) {
                find.listener.unavailable(service, reason);
            }
        }
    }

    // ------------------------------------------------------------------ subscriptions

    /** A new subscription to an eventgroup replaces the old one; it goes out at once to every known instance. */
    void subscribe(ServiceSelector wanted, int eventgroupId, Supplier<Endpoints> endpointsNow,
                   SubscriptionListener listener) {
        ClientSubscription subscription = new ClientSubscription(wanted, eventgroupId, endpointsNow, listener,
                outbox, timings);
        subscriptions.removeIf(s -> s.is(wanted.serviceId(), wanted.instanceId(), eventgroupId));
        subscriptions.add(subscription);
        for (Known k : known.values()) {
            if (wanted.selects(k.service)) {
                subscription.send(k.service, false, scheduler.nowMillis());
            }
        }
        sweep.ensure();
    }

    /** Sends every subscription to this service instance now (after the client reconnected). */
    void renewSubscriptions(int serviceId, int instanceId) {
        outbox.batched(() -> {
            for (ClientSubscription s : subscriptions) {
                for (Known k : known.values()) {
                    if (offerAnswersPending.containsKey(k.service.instance())) {
                        continue; // the delayed answer to the offer subscribes, with the endpoints of then
                    }
                    if (s.wanted.selects(k.service) && k.service.serviceId() == serviceId
                            && (instanceId == SdEntry.ANY_INSTANCE || k.service.instanceId() == instanceId)) {
                        s.send(k.service, false, scheduler.nowMillis());
                    }
                }
            }
        });
    }

    /** Ends a subscription with a StopSubscribeEventgroup to the server that has it. */
    void unsubscribe(int serviceId, int instanceId, int eventgroupId) {
        for (Iterator<ClientSubscription> it = subscriptions.iterator(); it.hasNext(); ) {
            ClientSubscription s = it.next();
            if (s.is(serviceId, instanceId, eventgroupId)) {
                it.remove();
                s.stop();
            }
        }
    }

    /** Forgets a subscription without telling the server (it is gone, or its endpoint is stale). */
    void forgetSubscription(int serviceId, int instanceId, int eventgroupId) {
        subscriptions.removeIf(s -> s.is(serviceId, instanceId, eventgroupId));
    }

    void onAck(SubscribeEventgroupAck ack, InetSocketAddress sender) {
        InetSocketAddress multicast = null;
        for (Ipv4MulticastOption option : ack.endpoints(Ipv4MulticastOption.class)) {
            multicast = new InetSocketAddress(option.address(), option.port());
        }
        boolean answered = false;
        for (ClientSubscription s : subscriptions) {
            if (s.answeredBy(sender, ack.serviceId(), ack.instanceId(), ack.eventgroupId())) {
                s.acked(multicast);
                answered = true;
            }
        }
        if (!answered) {
            notFromProvider("SubscribeEventgroupAck", ack.serviceId(), ack.instanceId(), ack.eventgroupId(), sender);
        }
    }

    void onNack(SubscribeEventgroupNack nack, InetSocketAddress sender) {
        boolean answered = false;
        for (ClientSubscription s : subscriptions) {
            if (s.answeredBy(sender, nack.serviceId(), nack.instanceId(), nack.eventgroupId())) {
                s.nacked();
                answered = true;
            }
        }
        if (!answered) {
            notFromProvider("SubscribeEventgroupNack", nack.serviceId(), nack.instanceId(), nack.eventgroupId(),
                    sender);
        }
    }

    /** An answer to one of our subscriptions from a sender that is not its provider is counted. */
    private void notFromProvider(String what, int serviceId, int instanceId, int eventgroupId,
                                 InetSocketAddress sender) {
        for (ClientSubscription s : subscriptions) {
            if (s.sentTo(serviceId, instanceId, eventgroupId)) {
                refusals.record(sender, SdRefusal.NOT_FROM_PROVIDER, what + " of " + new ServiceInstance(serviceId,
                        instanceId) + " from " + sender + ", not from its provider " + s.target().sdPeer());
                return;
            }
        }
    }

    /** Adds the senders this side holds state of: providers of known instances, targets of our subscriptions. */
    void peersWithState(java.util.Set<InetSocketAddress> into) {
        for (Known k : known.values()) {
            into.add(k.service.sdPeer());
        }
        for (ClientSubscription s : subscriptions) {
            if (s.target() != null) {
                into.add(s.target().sdPeer());
            }
        }
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Expires instances whose offer TTL ran out (feat_req_someipsd_253), then renews the subscriptions
     * that are due. Returns whether anything is left to watch.
     */
    boolean sweep(long now) {
        for (Iterator<Known> it = known.values().iterator(); it.hasNext(); ) {
            Known k = it.next();
            if (k.expiresAt <= now) {
                it.remove();
                tellUnavailable(k.service, AvailabilityReason.TTL_EXPIRED);
            }
        }
        for (ClientSubscription s : subscriptions) {
            if (s.renewalDue(now)) {
                s.send(s.target(), false, scheduler.nowMillis());
            }
        }
        return !known.isEmpty() || !subscriptions.isEmpty();
    }

    /** Stops the finds' timers. */
    void close() {
        finds.forEach(f -> {
            if (f.timer != null) {
                f.timer.cancel();
            }
        });
    }
}
