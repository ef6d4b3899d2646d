package io.vehicle.someip.sd;

import io.vehicle.someip.sd.ServiceDiscovery.Endpoints;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.Ipv4MulticastOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdOption;
import io.vehicle.someip.sd.message.StopOfferService;
import io.vehicle.someip.sd.message.StopSubscribeEventgroup;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.transport.RefusalCounter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The server side of SD, for the service instances this node offers: each offer's phases, the
 * answers to FindService entries, and the subscribers of its eventgroups (Ack or Nack, renewal, TTL
 * expiry, StopSubscribe). Thread-confined to the SD scheduler.
 *
 * <p>At {@link SdLimits#maxSubscribersPerEventgroup()} per eventgroup or {@link SdLimits#maxSubscribers()}
 * in all, a new subscriber takes the oldest slot of the host holding the most if that host holds at
 * least two more than the newcomer's ({@link SdRefusal#SUBSCRIBER_EVICTED}), else it is Nacked
 * ({@link SdRefusal#SUBSCRIBER_LIMIT}); subscribers whose event endpoint is unreachable are dropped
 * ({@link #dropSendingTo}).
 */
final class ServerSide {

    private final SdScheduler scheduler;
    private final SdOutbox outbox;
    private final SdTimings timings;
    private final SdDelays delays;
    private final EndpointCheck endpoints;
    private final SdSweep sweep;
    private final SdLimits limits;
    private final RefusalCounter<SdRefusal> refusals;
    private final Map<ServiceInstance, Offer> offers = new LinkedHashMap<>();
    /** New subscribers so far: the order in which subscribers came, to find a host's oldest. */
    private long subscriptionsSeen;

    /** Default bounds; refusals go uncounted (for tests of one part). */
    ServerSide(SdScheduler scheduler, SdOutbox outbox, SdTimings timings, SdDelays delays, EndpointCheck endpoints,
               SdSweep sweep) {
        this(scheduler, outbox, timings, delays, endpoints, sweep, SdLimits.defaults(),
                RefusalCounter.of(SdRefusal.class, org.slf4j.LoggerFactory.getLogger(ServerSide.class)));
    }

    ServerSide(SdScheduler scheduler, SdOutbox outbox, SdTimings timings, SdDelays delays, EndpointCheck endpoints,
               SdSweep sweep, SdLimits limits, RefusalCounter<SdRefusal> refusals) {
        this.limits = limits;
        this.refusals = refusals;
        this.scheduler = scheduler;
        this.outbox = outbox;
        this.timings = timings;
        this.delays = delays;
        this.endpoints = endpoints;
        this.sweep = sweep;
    }

    /** Starts offering, or starts again with a new description: first the Initial Wait Phase. */
    void offer(OfferedService service, SubscriberListener listener) {
        Offer previous = offers.get(service.instance());
        if (previous != null) {
            previous.cancelTimer();
        }
        Offer offer = new Offer(service, listener);
        offers.put(service.instance(), offer);
        offer.timer = scheduler.schedule(() -> offer.sendAndRepeat(0), delays.initialDelay());
    }

    /** A StopOfferService, if the offer was ever sent, and every subscriber dropped (feat_req_someipsd_830). */
    void stopOffer(ServiceInstance instance) {
        Offer offer = offers.remove(instance);
        if (offer == null) {
            return;
        }
        offer.stop();
        offer.subscribers.dropAll();
    }

    List<Subscriber> subscribers(ServiceInstance instance, int eventgroupId) {
        Offer offer = offers.get(instance);
        return offer == null ? List.of() : offer.subscribers.of(eventgroupId);
    }

    /**
     * Answers a FindService once the offer was sent (none in the Initial Wait Phase): by unicast when
     * the finder asks for it and no recent multicast offer serves, else by multicast; answers to a
     * multicast find wait REQUEST_RESPONSE_DELAY (feat_req_someipsd_83, feat_req_someipsd_89..91).
     */
    void onFind(FindService find, InetSocketAddress sender, boolean viaMulticast, boolean unicastFlag) {
        ServiceSelector wanted = new ServiceSelector(find.serviceId(), find.instanceId(), find.majorVersion());
        for (Offer offer : offers.values()) {
            OfferedService s = offer.service;
            if (!wanted.selects(s.serviceId(), s.instanceId(), s.majorVersion()) || !offer.sentOnce) {
                continue;
            }
            OfferService answer = offer.entry();
            boolean recentMulticast = scheduler.nowMillis() - offer.lastMulticastAt < timings.cyclicOfferDelayMs() / 2;
            if (unicastFlag && (!offer.inMainPhase || recentMulticast || timings.cyclicOfferDelayMs() == 0)) {
                long delay = viaMulticast ? delays.requestResponseDelay() : 0;
                delays.after(delay, () -> outbox.unicast(answer, sender));
            } else {
                delays.after(delays.requestResponseDelay(), () -> {
                    outbox.multicast(answer);
                    offer.lastMulticastAt = scheduler.nowMillis();
                });
            }
        }
    }

    /**
     * Acks a subscription to an eventgroup we offer, or Nacks it (feat_req_someipsd_1137): unknown
     * instance, version or eventgroup, endpoints outside the allowed subnets or none at all, or the
     * application refuses. The table is updated before the Ack, the initial events follow it.
     *
     * @param restart the Subscribe follows a StopSubscribe of the same eventgroup in its message
     */
    void onSubscribe(SubscribeEventgroup subscribe, InetSocketAddress sender, boolean restart) {
        Offer offer = offers.get(new ServiceInstance(subscribe.serviceId(), subscribe.instanceId()));
        if (offer == null || !offer.sentOnce || offer.service.majorVersion() != subscribe.majorVersion()) {
            nack(subscribe, sender);
            return;
        }
        EventgroupConfig group = offer.service.eventgroups().get(subscribe.eventgroupId());
        Endpoints named = group == null ? null : endpoints.named(subscribe, sender);
        if (named == null || (named.udp() == null && named.tcp() == null && group.multicast() == null)) {
            nack(subscribe, sender); // unknown eventgroup, endpoint not allowed, or nowhere to send events
            return;
        }
        Subscriber subscriber = new Subscriber(named.udp(), named.tcp(), sender);
        int groupId = group.eventgroupId();
        boolean renewal = offer.subscribers.contains(groupId, subscriber);
        if (!renewal) {
            // One subscription per eventgroup and SD peer: new endpoints replace the old (stale) ones.
            offer.subscribers.dropFrom(sender, groupId);
            if (!offer.listener.accept(offer.service, groupId, subscriber)) {
                nack(subscribe, sender);
                return;
            }
            if (!makeRoom(offer, groupId, sender)) {
                refusals.record(sender, SdRefusal.SUBSCRIBER_LIMIT, "SubscribeEventgroup of eventgroup " + groupId
                        + " of " + offer.service.instance() + " over the subscriber limit ("
                        + limits.maxSubscribersPerEventgroup() + " per eventgroup, " + limits.maxSubscribers()
                        + " in all), its host holding its fair share already");
                nack(subscribe, sender);
                return;
            }
        }
        List<SdOption> ackOptions = group.multicast() == null ? List.of()
                : List.of(new Ipv4MulticastOption(Endpoints.ipv4(group.multicast()), TransportProtocol.UDP,
                group.multicast().getPort()));
        offer.subscribers.put(groupId, subscriber, expiresAt(subscribe.ttl()), ++subscriptionsSeen);
        CompletableFuture<?> ready = offer.listener.subscribed(offer.service, groupId, subscriber, renewal)
                .toCompletableFuture();
        SdEntry ack = subscribe.ack(subscribe.ttl(), ackOptions);
        // Initial events after the Ack (feat_req_someipsd_691); a renewal that asks for initial data
        // gets them again (feat_req_someipsd_1194).
        boolean initialEvents = !renewal || restart || subscribe.initialDataRequested();
        if (ready.isDone()) {
            acknowledge(offer, groupId, subscriber, ack, initialEvents);
        } else {
            // The server prepares the subscriber's socket first; a subscription gone meanwhile gets no Ack.
            ready.whenComplete((done, error) -> scheduler.execute(() -> {
                if (offers.get(offer.service.instance()) == offer && offer.subscribers.contains(groupId, subscriber)) {
                    acknowledge(offer, groupId, subscriber, ack, initialEvents);
                }
            }));
        }
        sweep.ensure();
    }

    private void acknowledge(Offer offer, int groupId, Subscriber subscriber, SdEntry ack, boolean initialEvents) {
        outbox.unicast(ack, subscriber.sdPeer());
        outbox.afterSend(() -> offer.listener.acknowledged(offer.service, groupId, subscriber, initialEvents));
    }

    /** feat_req_someipsd_1144: a subscription the codec rejected is answered with a Nack. */
    void nack(SubscribeEventgroup subscribe, InetSocketAddress sender) {
        outbox.unicast(subscribe.nack(), sender);
    }

    /** Drops the sender's subscription to the eventgroup; a sender that holds none is counted, nothing else. */
    void onStopSubscribe(StopSubscribeEventgroup stop, InetSocketAddress sender) {
        Offer offer = offers.get(new ServiceInstance(stop.serviceId(), stop.instanceId()));
        if (offer != null && offer.subscribers.dropFrom(sender, stop.eventgroupId()) == 0) {
            refusals.record(sender, SdRefusal.NOT_SUBSCRIBED, "StopSubscribeEventgroup of eventgroup "
                    + stop.eventgroupId() + " of " + offer.service.instance() + " from " + sender
                    + ", which holds no such subscription");
        }
    }

    /** Drops every subscriber whose UDP events go to {@code endpoint}: it was found unreachable. */
    void dropSendingTo(InetSocketAddress endpoint) {
        for (Offer offer : offers.values()) {
            offer.subscribers.dropSendingTo(endpoint);
        }
    }

    /** Adds the SD addresses of all subscribers. */
    void peersWithState(java.util.Set<InetSocketAddress> into) {
        for (Offer offer : offers.values()) {
            offer.subscribers.peers(into);
        }
    }

    /**
     * Room for one more subscriber from {@code sender} in the eventgroup and in all. At a bound, the
     * host (SD address, any port) holding the most subscribers there gives up its oldest one, if it
     * holds at least two more than the sender's host: one host cannot keep every slot by
     * subscribing from many ports, and hosts with a slot each never push one another out. Otherwise
     * there is no room (the Nack of feat_req_someipsd_1137).
     */
    private boolean makeRoom(Offer offer, int groupId, InetSocketAddress sender) {
        if (offer.subscribers.count(groupId) >= limits.maxSubscribersPerEventgroup()) {
            return evictFromLargestHost(List.of(offer), groupId, sender); // also one fewer in all
        }
        return subscriberCount() < limits.maxSubscribers() || evictFromLargestHost(offers.values(), null, sender);
    }

    /** In the eventgroup of {@code offers} (null: all of them), evicts the oldest subscriber of the largest host. */
    private boolean evictFromLargestHost(java.util.Collection<Offer> scope, Integer groupId, InetSocketAddress sender) {
        Map<InetAddress, Integer> held = new HashMap<>();
        scope.forEach(o -> o.subscribers.countHosts(groupId, held));
        Map.Entry<InetAddress, Integer> largest = null;
        for (Map.Entry<InetAddress, Integer> e : held.entrySet()) {
            if (largest == null || e.getValue() > largest.getValue()) {
                largest = e;
            }
        }
        if (largest == null || largest.getValue() < held.getOrDefault(sender.getAddress(), 0) + 2) {
            return false;
        }
        Offer from = null;
        SubscriberTable.HeldSlot oldest = null;
        for (Offer o : scope) {
            SubscriberTable.HeldSlot candidate = o.subscribers.oldestOf(largest.getKey(), groupId);
            if (candidate != null && (oldest == null || candidate.order() < oldest.order())) {
                oldest = candidate;
                from = o;
            }
        }
        from.subscribers.evict(oldest);
        refusals.record(oldest.subscriber().sdPeer(), SdRefusal.SUBSCRIBER_EVICTED, "subscriber of eventgroup "
                + oldest.eventgroupId() + " of " + from.service.instance() + " dropped for one from " + sender
                + ": its host held " + largest.getValue() + " of the " + (groupId == null ? limits.maxSubscribers()
                + " subscribers in all" : limits.maxSubscribersPerEventgroup() + " subscribers of the eventgroup"));
        return true;
    }

    private int subscriberCount() {
        int total = 0;
        for (Offer offer : offers.values()) {
            total += offer.subscribers.size();
        }
        return total;
    }

    /** A rebooted peer's subscriptions are gone (feat_req_someipsd_871). */
    void peerRebooted(InetSocketAddress peer) {
        for (Offer offer : offers.values()) {
            offer.subscribers.dropFrom(peer);
        }
    }

    /** Drops subscribers whose TTL ran out; returns whether any subscriber is left to watch. */
    boolean sweep(long now) {
        boolean watching = false;
        for (Offer offer : offers.values()) {
            offer.subscribers.expire(now);
            watching |= offer.subscribers.watching();
        }
        return watching;
    }

    /** A StopOfferService for every instance offered (feat_req_someipsd_821); the timers stop. */
    void close() {
        for (ServiceInstance instance : List.copyOf(offers.keySet())) {
            offers.remove(instance).stop();
        }
    }

    private long expiresAt(int ttlSeconds) {
        return ttlSeconds == SdEntry.TTL_UNTIL_REBOOT ? Long.MAX_VALUE : scheduler.nowMillis() + ttlSeconds * 1000L;
    }

    /** One offered instance: its phase, its timer and its subscribers. */
    private final class Offer {
        final OfferedService service;
        final SubscriberListener listener;
        final SubscriberTable subscribers;
        SdScheduler.Cancellable timer;
        boolean sentOnce;
        boolean inMainPhase;
        long lastMulticastAt;

        Offer(OfferedService service, SubscriberListener listener) {
            this.service = service;
            this.listener = listener;
            this.subscribers = new SubscriberTable(service, listener);
        }

        /**
         * Sends the offer, then schedules the next repetition, REPETITIONS_BASE_DELAY doubling each time
         * (feat_req_someipsd_67, feat_req_someipsd_76), or enters the Main Phase (feat_req_someipsd_75).
         */
        void sendAndRepeat(int repetition) {
            outbox.multicast(entry());
            sentOnce = true;
            lastMulticastAt = scheduler.nowMillis();
            if (repetition < timings.repetitionsMax()) {
                long delay = timings.repetitionsBaseDelayMs() << repetition;
                timer = scheduler.schedule(() -> sendAndRepeat(repetition + 1), delay);
            } else {
                inMainPhase = true;
                if (timings.cyclicOfferDelayMs() > 0) {
                    timer = scheduler.schedule(this::cyclic, timings.cyclicOfferDelayMs());
                }
            }
        }

        /** Main Phase: an offer every CYCLIC_OFFER_DELAY (feat_req_someipsd_79, feat_req_someipsd_81). */
        void cyclic() {
            outbox.multicast(entry());
            lastMulticastAt = scheduler.nowMillis();
            timer = scheduler.schedule(this::cyclic, timings.cyclicOfferDelayMs());
        }

        OfferService entry() {
            return new OfferService(service.serviceId(), service.instanceId(), service.majorVersion(),
                    service.minorVersion(), timings.offerTtlSeconds(), endpointOptions(), List.of());
        }

        List<SdOption> endpointOptions() {
            return new Endpoints(service.udp(), service.tcp()).options();
        }

        /** Ends the phases; announces the end when the offer was ever sent (feat_req_someipsd_820). */
        void stop() {
            cancelTimer();
            if (sentOnce) {
                outbox.multicast(new StopOfferService(service.serviceId(), service.instanceId(),
                        service.majorVersion(), service.minorVersion(), endpointOptions(), List.of()));
            }
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }
}
