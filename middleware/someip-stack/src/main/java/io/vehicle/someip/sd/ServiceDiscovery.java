package io.vehicle.someip.sd;

import io.vehicle.someip.sd.message.EndpointOption;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.Ipv4MulticastOption;
import io.vehicle.someip.sd.message.Ipv6EndpointOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.RejectedSdEntry;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SdOption;
import io.vehicle.someip.sd.message.StopOfferService;
import io.vehicle.someip.sd.message.StopSubscribeEventgroup;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.SubscribeEventgroupAck;
import io.vehicle.someip.sd.message.SubscribeEventgroupNack;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.transport.RefusalCounter;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOME/IP-SD state machines of one node: offers (initial wait, repetition, main phase),
 * finds, availability with TTLs, eventgroup subscriptions on both sides, and reboot detection.
 *
 * <p>Every method must run on the scheduler's thread; the public entry points hop onto it. The
 * class sends through an {@link SdTransport} and reads time from the {@link SdScheduler}, so tests
 * drive it with a manual clock and no sockets.
 */
public final class ServiceDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);
    private static final long SWEEP_INTERVAL_MS = 100;
    private static final long UNTIL_REBOOT = Long.MAX_VALUE;

    private final SdScheduler scheduler;
    private final SdTransport transport;
    private final SdTimings timings;
    private final Inet4Address unicastAddress;
    private final AddressFilter allowedEndpoints;
    private final Random random;

    private final Map<ServiceInstance, Offer> offers = new LinkedHashMap<>();
    private final List<Find> finds = new ArrayList<>();
    private final Map<ServiceInstance, Known> known = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>(); // one per service, instance, eventgroup
    /** Instances whose multicast offer we answer after REQUEST_RESPONSE_DELAY: no other Subscribe meanwhile. */
    private final Map<ServiceInstance, Integer> offerAnswersPending = new HashMap<>();
    private final SdSessionCounter multicastSession = new SdSessionCounter();
    private final Map<InetSocketAddress, SdSessionCounter> unicastSessions = new HashMap<>();
    private final RebootDetector reboots = new RebootDetector();
    private final List<PeerRebootListener> rebootListeners = new ArrayList<>();
    private final RefusalCounter<SdRefusal> refusals;
    private final LongAdder rebootsDetected = new LongAdder();
    /** A Subscribe unanswered this long is taken as lost when the next multicast offer comes. */
    static final long MISSING_ACK_AFTER_MS = 500;
    /** Entries per SD message: 24 entries with two endpoint options each stay under 1,400 bytes. */
    private static final int MAX_ENTRIES_PER_MESSAGE = 24;
    private final List<SdEntry> pendingMulticast = new ArrayList<>();
    private final Map<InetSocketAddress, List<SdEntry>> pendingUnicast = new LinkedHashMap<>();
    private final List<Runnable> afterFlush = new ArrayList<>();
    private int batchDepth;
    private SdScheduler.Cancellable sweep;
    private boolean closed;

    public ServiceDiscovery(SdScheduler scheduler, SdTransport transport, SdTimings timings,
                            Inet4Address unicastAddress, AddressFilter allowedEndpoints, Random random) {
        this(scheduler, transport, timings, unicastAddress, allowedEndpoints, random,
                RefusalCounter.of(SdRefusal.class, LOG));
    }

    /** Counts what it refuses in {@code refusals} (shared with the node's sockets). */
    public ServiceDiscovery(SdScheduler scheduler, SdTransport transport, SdTimings timings,
                            Inet4Address unicastAddress, AddressFilter allowedEndpoints, Random random,
                            RefusalCounter<SdRefusal> refusals) {
        this.refusals = refusals;
        this.scheduler = scheduler;
        this.transport = transport;
        this.timings = timings;
        this.unicastAddress = unicastAddress;
        this.allowedEndpoints = allowedEndpoints;
        this.random = random;
    }

    /** Told when a peer node rebooted, to reset its TCP connections (feat_req_someipsd_872). */
    @FunctionalInterface
    public interface PeerRebootListener {
        void rebooted(InetSocketAddress sdPeer);
    }

    public void onPeerReboot(PeerRebootListener listener) {
        scheduler.execute(() -> rebootListeners.add(listener));
    }

    /** Entries ignored or Nacked for their endpoints: outside the allowed subnets, or an offer without one. */
    public long rejectedEndpoints() {
        return refusals.count(SdRefusal.ENDPOINT_NOT_ALLOWED) + refusals.count(SdRefusal.OFFER_WITHOUT_ENDPOINT);
    }

    public long rebootsDetected() {
        return rebootsDetected.sum();
    }

    // ------------------------------------------------------------------ server side: offers

    /** Starts offering: Initial Wait, Repetition and Main Phase (feat_req_someipsd_… phases). */
    public void offer(OfferedService service, SubscriberListener subscribers) {
        scheduler.execute(() -> {
            Offer previous = offers.get(service.instance());
            if (previous != null) {
                previous.cancelTimer();
            }
            Offer offer = new Offer(service, subscribers);
            offers.put(service.instance(), offer);
            offer.timer = scheduler.schedule(() -> offer.sendAndRepeat(0),
                    randomBetween(timings.initialDelayMinMs(), timings.initialDelayMaxMs()));
        });
    }

    /** Stops offering: a StopOfferService goes out and every subscriber is dropped. */
    public void stopOffer(ServiceInstance instance) {
        scheduler.execute(() -> {
            Offer offer = offers.remove(instance);
            if (offer == null) {
                return;
            }
            offer.cancelTimer();
            if (offer.sentOnce) {
                multicast(new StopOfferService(offer.service.serviceId(), offer.service.instanceId(),
                        offer.service.majorVersion(), offer.service.minorVersion(), offer.endpointOptions(), List.of()));
            }
            offer.dropAllSubscribers();
        });
    }

    /** The current subscribers of an eventgroup we offer; call on the scheduler's thread. */
    public List<Subscriber> subscribers(ServiceInstance instance, int eventgroupId) {
        Offer offer = offers.get(instance);
        if (offer == null) {
            return List.of();
        }
        Map<Subscriber, Long> group = offer.subscribers.get(eventgroupId);
        return group == null ? List.of() : List.copyOf(group.keySet());
    }

    private final class Offer {
        final OfferedService service;
        final SubscriberListener listener;
        final Map<Integer, Map<Subscriber, Long>> subscribers = new HashMap<>();
        SdScheduler.Cancellable timer;
        boolean sentOnce;
        boolean inMainPhase;
        long lastMulticastAt;

        Offer(OfferedService service, SubscriberListener listener) {
            this.service = service;
            this.listener = listener;
        }

        /** Sends the offer, then schedules the next repetition or the next cyclic offer. */
        void sendAndRepeat(int repetition) {
            multicast(entry());
            sentOnce = true;
            lastMulticastAt = scheduler.nowMillis();
            if (repetition < timings.repetitionsMax()) {
                // Repetition Phase: waits of REPETITIONS_BASE_DELAY doubling each time.
                long delay = timings.repetitionsBaseDelayMs() << repetition;
                timer = scheduler.schedule(() -> sendAndRepeat(repetition + 1), delay);
            } else {
                enterMainPhase();
            }
        }

        void enterMainPhase() {
            inMainPhase = true;
            if (timings.cyclicOfferDelayMs() > 0) {
                timer = scheduler.schedule(this::cyclic, timings.cyclicOfferDelayMs());
            }
        }

        void cyclic() {
            multicast(entry());
            lastMulticastAt = scheduler.nowMillis();
            timer = scheduler.schedule(this::cyclic, timings.cyclicOfferDelayMs());
        }

        OfferService entry() {
            return new OfferService(service.serviceId(), service.instanceId(), service.majorVersion(),
                    service.minorVersion(), timings.offerTtlSeconds(), endpointOptions(), List.of());
        }

        List<SdOption> endpointOptions() {
            List<SdOption> options = new ArrayList<>(2);
            if (service.udp() != null) {
                options.add(new Ipv4EndpointOption(ipv4(service.udp()), TransportProtocol.UDP, service.udp().getPort()));
            }
            if (service.tcp() != null) {
                options.add(new Ipv4EndpointOption(ipv4(service.tcp()), TransportProtocol.TCP, service.tcp().getPort()));
            }
            return options;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }

        void dropAllSubscribers() {
            subscribers.forEach((group, members) -> members.keySet()
                    .forEach(s -> listener.unsubscribed(service, group, s)));
            subscribers.clear();
        }
    }

    // ------------------------------------------------------------------ client side: finds and subscriptions

    /**
     * Looks for a service instance ({@code instanceId} 0xFFFF for any): FindService in the Initial
     * Wait and Repetition Phases until an offer arrives; then tells the listener of every change.
     */
    public FindHandle find(int serviceId, int instanceId, int majorVersion, AvailabilityListener listener) {
        Find find = new Find(serviceId, instanceId, majorVersion, listener);
        scheduler.execute(() -> {
            finds.add(find);
            boolean any = false;
            for (Known k : known.values()) {
                if (find.matches(k.service)) {
                    listener.available(k.service);
                    any = true;
                }
            }
            // One find process per service, instance and version, however many listeners ask
            // (feat_req_someipsd_… no duplicate FindService entries).
            boolean alreadyFinding = finds.stream().anyMatch(f -> f != find && f.timer != null
                    && f.serviceId == serviceId && f.instanceId == instanceId && f.majorVersion == majorVersion);
            if (!any && !alreadyFinding) {
                find.timer = scheduler.schedule(() -> find.sendAndRepeat(0),
                        randomBetween(timings.initialDelayMinMs(), timings.initialDelayMaxMs()));
            }
        });
        return () -> scheduler.execute(() -> stopFind(find));
    }

    /** Forgets a find: its listener hears nothing more; its FindService repetitions pass to a twin, if any. */
    private void stopFind(Find find) {
        if (!finds.remove(find)) {
            return;
        }
        if (find.timer != null) {
            find.stopFinding();
            finds.stream().filter(f -> f.serviceId == find.serviceId && f.instanceId == find.instanceId
                    && f.majorVersion == find.majorVersion).findFirst()
                    .ifPresent(twin -> twin.timer = scheduler.schedule(() -> twin.sendAndRepeat(0),
                            timings.repetitionsBaseDelayMs()));
        }
    }

    private final class Find {
        final int serviceId;
        final int instanceId;
        final int majorVersion;
        final AvailabilityListener listener;
        SdScheduler.Cancellable timer;

        Find(int serviceId, int instanceId, int majorVersion, AvailabilityListener listener) {
            this.serviceId = serviceId;
            this.instanceId = instanceId;
            this.majorVersion = majorVersion;
            this.listener = listener;
        }

        boolean matches(RemoteService service) {
            return ServiceDiscovery.matches(serviceId, instanceId, majorVersion, service.serviceId(),
                    service.instanceId(), service.majorVersion());
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

        void sendAndRepeat(int repetition) {
            timer = null;
            for (Known k : known.values()) {
                if (matches(k.service)) {
                    return; // found meanwhile: no more finds (feat_req_someipsd_… client stops finding)
                }
            }
            multicast(new FindService(serviceId, instanceId, majorVersion, SdEntry.ANY_MINOR_VERSION,
                    timings.offerTtlSeconds(), List.of(), List.of()));
            if (repetition < timings.repetitionsMax()) {
                timer = scheduler.schedule(() -> sendAndRepeat(repetition + 1),
                        timings.repetitionsBaseDelayMs() << repetition);
            }
        }
    }

    private static final class Known {
        RemoteService service;
        long expiresAt;

        Known(RemoteService service, long expiresAt) {
            this.service = service;
            this.expiresAt = expiresAt;
        }
    }

    /** Where a subscriber wants its events, asked each time a subscription is sent. */
    public record Endpoints(InetSocketAddress udp, InetSocketAddress tcp) {
    }

    /**
     * Subscribes to an eventgroup of a service instance. The subscription is sent whenever the
     * instance is offered, so it comes back by itself after a server restart or a network loss,
     * and is renewed before its TTL runs out. {@code endpoints} is asked for the client's current
     * endpoints at each send; null means "not connected now" and nothing is sent.
     */
    public void subscribe(int serviceId, int instanceId, int majorVersion, int eventgroupId,
                          java.util.function.Supplier<Endpoints> endpoints, SubscriptionListener listener) {
        scheduler.execute(() -> {
            Subscription subscription = new Subscription(serviceId, instanceId, majorVersion, eventgroupId,
                    endpoints, listener);
            // A new subscription to the same eventgroup replaces the old one.
            subscriptions.removeIf(s -> s.serviceId == serviceId && s.instanceId == instanceId
                    && s.eventgroupId == eventgroupId);
            subscriptions.add(subscription);
            for (Known k : known.values()) {
                if (subscription.matches(k.service)) {
                    subscription.send(k.service, false);
                }
            }
            ensureSweep();
        });
    }

    /** Fixed endpoints, for clients whose sockets outlive the server's restarts. */
    public void subscribe(int serviceId, int instanceId, int majorVersion, int eventgroupId,
                          InetSocketAddress udpEndpoint, InetSocketAddress tcpEndpoint, SubscriptionListener listener) {
        Endpoints fixed = new Endpoints(udpEndpoint, tcpEndpoint);
        subscribe(serviceId, instanceId, majorVersion, eventgroupId, () -> fixed, listener);
    }

    /** Sends every subscription to this service instance now (after the client reconnected). */
    public void renewSubscriptions(int serviceId, int instanceId) {
        scheduler.execute(() -> batched(() -> {
            for (Subscription s : subscriptions) {
                for (Known k : known.values()) {
                    if (offerAnswersPending.containsKey(k.service.instance())) {
                        continue; // the delayed answer to the offer subscribes, with the endpoints of then
                    }
                    if (s.matches(k.service) && k.service.serviceId() == serviceId
                            && (instanceId == SdEntry.ANY_INSTANCE || k.service.instanceId() == instanceId)) {
                        s.send(k.service, false);
                    }
                }
            }
        }));
    }

    /** Ends a subscription with a StopSubscribeEventgroup to the server that has it. */
    public void unsubscribe(int serviceId, int instanceId, int eventgroupId) {
        scheduler.execute(() -> {
            for (Iterator<Subscription> it = subscriptions.iterator(); it.hasNext(); ) {
                Subscription s = it.next();
                if (s.serviceId == serviceId && s.instanceId == instanceId && s.eventgroupId == eventgroupId) {
                    it.remove();
                    if (s.target != null) {
                        unicast(s.entry(s.target, s.sentWith, false).stop(), s.target.sdPeer());
                    }
                }
            }
        });
    }

    /** Forgets a subscription without telling the server (it is gone, or its endpoint is stale). */
    public void forgetSubscription(int serviceId, int instanceId, int eventgroupId) {
        scheduler.execute(() -> subscriptions.removeIf(s -> s.serviceId == serviceId && s.instanceId == instanceId
                && s.eventgroupId == eventgroupId));
    }

    private final class Subscription {
        final int serviceId;
        final int instanceId;
        final int majorVersion;
        final int eventgroupId;
        final java.util.function.Supplier<Endpoints> endpoints;
        final SubscriptionListener listener;
        RemoteService target;
        Endpoints sentWith;
        long lastSentAt;
        /** The server acknowledged a Subscribe of ours (the listener was told). */
        boolean acked;
        /** An Ack arrived since the last Subscribe went out. */
        boolean ackedSinceSend;

        Subscription(int serviceId, int instanceId, int majorVersion, int eventgroupId,
                     java.util.function.Supplier<Endpoints> endpoints, SubscriptionListener listener) {
            this.serviceId = serviceId;
            this.instanceId = instanceId;
            this.majorVersion = majorVersion;
            this.eventgroupId = eventgroupId;
            this.endpoints = endpoints;
            this.listener = listener;
        }

        boolean matches(RemoteService service) {
            return ServiceDiscovery.matches(serviceId, instanceId, majorVersion, service.serviceId(),
                    service.instanceId(), service.majorVersion());
        }

        SubscribeEventgroup entry(RemoteService service, Endpoints where, boolean initialDataRequested) {
            List<SdOption> options = new ArrayList<>(2);
            if (where != null && where.udp() != null) {
                options.add(new Ipv4EndpointOption(ipv4(where.udp()), TransportProtocol.UDP, where.udp().getPort()));
            }
            if (where != null && where.tcp() != null) {
                options.add(new Ipv4EndpointOption(ipv4(where.tcp()), TransportProtocol.TCP, where.tcp().getPort()));
            }
            return new SubscribeEventgroup(service.serviceId(), service.instanceId(), service.majorVersion(),
                    timings.subscribeTtlSeconds(), initialDataRequested, 0, eventgroupId, options, List.of());
        }

        /**
         * Sends (or renews) the subscription. {@code answersMulticastOffer}: this Subscribe answers a
         * multicast OfferService, the one case where a missing Ack is acted on.
         */
        void send(RemoteService service, boolean answersMulticastOffer) {
            Endpoints where = endpoints.get();
            if (where == null) {
                return; // the client is not connected: it renews once it is
            }
            long now = scheduler.nowMillis();
            // A Subscribe of ours to this very instance whose TTL still runs.
            boolean previousAlive = service.equals(target) && sentWith != null
                    && now - lastSentAt < timings.subscribeTtlSeconds() * 1000L;
            if (answersMulticastOffer && previousAlive && !ackedSinceSend
                    && now - lastSentAt >= MISSING_ACK_AFTER_MS) {
                // feat_req_someipsd_844, feat_req_someipsd_1178: no Ack since our last Subscribe, so
                // StopSubscribe and Subscribe again, next to each other in one message. Only once the
                // Ack is really overdue: in the Repetition Phase offers come tens of ms apart, a busy
                // server's Ack can trail them, and a premature restart makes it resend initial values.
                unicast(entry(service, sentWith, false).stop(), service.sdPeer());
                previousAlive = false;
            }
            target = service;
            sentWith = where;
            lastSentAt = now;
            ackedSinceSend = false;
            // feat_req_someipsd_1191, feat_req_someipsd_1192: ask for initial events only when no
            // earlier Subscribe of ours is still alive there.
            unicast(entry(service, where, !previousAlive), service.sdPeer());
        }

        void lost() {
            target = null;
            acked = false;
        }
    }

    // ------------------------------------------------------------------ inbound

    /**
     * Handles one decoded SD message from {@code sender} (its SD address: the SD Endpoint Option
     * when present, feat_req_someipsd_1084, else the datagram source).
     */
    public void onMessage(SdMessage message, int sessionId, InetSocketAddress sender, boolean viaMulticast,
                          List<RejectedSdEntry> rejected) {
        if (closed) {
            return;
        }
        batched(() -> handle(message, sessionId, sender, viaMulticast, rejected));
    }

    private void handle(SdMessage message, int sessionId, InetSocketAddress sender, boolean viaMulticast,
                        List<RejectedSdEntry> rejected) {
        if (reboots.rebooted(sender, viaMulticast, message.reboot(), sessionId)) {
            // One reboot shows on both channels; start the other one afresh so it is handled once.
            reboots.forgetOtherChannel(sender, viaMulticast);
            peerRebooted(sender);
        }
        for (RejectedSdEntry entry : rejected) {
            refusals.record(sender, SdRefusal.ENTRY_REJECTED, "SD entry " + entry.position() + " rejected, "
                    + entry.reason() + ": " + entry.detail());
            // feat_req_someipsd_1144: a subscription we cannot accept is answered with a Nack.
            if (entry.entry() instanceof SubscribeEventgroup subscribe) {
                unicast(subscribe.nack(), sender);
            }
        }
        for (SdEntry entry : message.entries()) {
            if (entry instanceof FindService find) {
                onFind(find, sender, viaMulticast, message.unicast());
            } else if (entry instanceof OfferService offer) {
                onOffer(offer, sender, viaMulticast);
            } else if (entry instanceof StopOfferService stop) {
                onStopOffer(stop, sender);
            } else if (entry instanceof SubscribeEventgroup subscribe) {
                onSubscribe(subscribe, sender);
            } else if (entry instanceof StopSubscribeEventgroup stop) {
                onStopSubscribe(stop, sender);
            } else if (entry instanceof SubscribeEventgroupAck ack) {
                onAck(ack, sender);
            } else if (entry instanceof SubscribeEventgroupNack nack) {
                onNack(nack, sender);
            }
        }
    }

    private void onFind(FindService find, InetSocketAddress sender, boolean viaMulticast, boolean unicastFlag) {
        for (Offer offer : offers.values()) {
            OfferedService s = offer.service;
            if (!matches(find.serviceId(), find.instanceId(), find.majorVersion(), s.serviceId(), s.instanceId(),
                    s.majorVersion()) || !offer.sentOnce) {
                continue; // in the Initial Wait Phase finds are not answered
            }
            OfferService answer = offer.entry();
            boolean recentMulticast = scheduler.nowMillis() - offer.lastMulticastAt < timings.cyclicOfferDelayMs() / 2;
            if (unicastFlag && (!offer.inMainPhase || recentMulticast || timings.cyclicOfferDelayMs() == 0)) {
                // Answer by unicast; REQUEST_RESPONSE_DELAY applies to answers to multicast.
                long delay = viaMulticast ? randomBetween(timings.requestResponseDelayMinMs(),
                        timings.requestResponseDelayMaxMs()) : 0;
                later(delay, () -> unicast(answer, sender));
            } else {
                long delay = randomBetween(timings.requestResponseDelayMinMs(), timings.requestResponseDelayMaxMs());
                later(delay, () -> {
                    multicast(answer);
                    offer.lastMulticastAt = scheduler.nowMillis();
                });
            }
        }
    }

    private void onOffer(OfferService offer, InetSocketAddress sender, boolean viaMulticast) {
        Endpoints named = endpointsOf(offer, sender);
        if (named == null) {
            return; // outside the allowed subnets: ignored, counted
        }
        InetSocketAddress udp = named.udp();
        InetSocketAddress tcp = named.tcp();
        if (udp == null && tcp == null) {
            refusals.record(sender, SdRefusal.OFFER_WITHOUT_ENDPOINT, "OfferService of "
                    + new ServiceInstance(offer.serviceId(), offer.instanceId()) + " without an endpoint option");
            return; // an offer without endpoint cannot be used
        }
        RemoteService service = new RemoteService(offer.serviceId(), offer.instanceId(), offer.majorVersion(),
                offer.minorVersion(), udp, tcp, sender);
        long expiresAt = offer.ttl() == SdEntry.TTL_UNTIL_REBOOT ? UNTIL_REBOOT
                : scheduler.nowMillis() + offer.ttl() * 1000L;
        Known existing = known.get(service.instance());
        boolean changed = existing == null || !existing.service.equals(service);
        if (existing != null && changed) {
            // Moved to another endpoint: the old one is stale and must not be written to.
            known.remove(service.instance());
            tellUnavailable(existing.service, AvailabilityReason.MOVED);
        }
        if (changed) {
            known.put(service.instance(), new Known(service, expiresAt));
            for (Find find : List.copyOf(finds)) {
                if (find.matches(service)) {
                    find.stopFinding();
                    find.listener.available(service);
                }
            }
        } else {
            existing.expiresAt = expiresAt;
        }
        // Subscribing in answer to every offer renews subscriptions and restores them after loss;
        // an answer to a multicast offer waits REQUEST_RESPONSE_DELAY (feat_req_someipsd_766).
        long delay = viaMulticast ? randomBetween(timings.requestResponseDelayMinMs(),
                timings.requestResponseDelayMaxMs()) : 0;
        Known current = known.get(service.instance());
        if (delay > 0) {
            offerAnswersPending.merge(service.instance(), 1, Integer::sum);
        }
        later(delay, () -> batched(() -> {
            if (delay > 0) {
                // Several offers can be waiting their delay at once: count them down.
                offerAnswersPending.computeIfPresent(service.instance(), (k, n) -> n > 1 ? n - 1 : null);
            }
            if (known.get(service.instance()) != current) {
                return; // gone or moved meanwhile
            }
            for (Subscription s : subscriptions) {
                if (s.matches(service)) {
                    s.send(service, viaMulticast);
                }
            }
        }));
        ensureSweep();
    }

    /**
     * The UDP and TCP endpoints an entry names, or null when one lies outside the allowed subnets
     * (the hardening of endpoint options): such entries are ignored and counted.
     */
    private Endpoints endpointsOf(SdEntry entry, InetSocketAddress sender) {
        InetSocketAddress udp = null;
        InetSocketAddress tcp = null;
        for (EndpointOption option : entry.endpoints(EndpointOption.class)) {
            if (!(option instanceof Ipv4EndpointOption) && !(option instanceof Ipv6EndpointOption)) {
                continue;
            }
            if (!allowedEndpoints.allows(option.address())) {
                refusals.record(sender, SdRefusal.ENDPOINT_NOT_ALLOWED, entry.getClass().getSimpleName()
                        + " naming endpoint " + option.address() + ", outside the allowed subnets");
                return null;
            }
            InetSocketAddress address = new InetSocketAddress(option.address(), option.port());
            if (option.protocol() == TransportProtocol.UDP) {
                udp = address;
            } else {
                tcp = address;
            }
        }
        return new Endpoints(udp, tcp);
    }

    /** Whether an entry's ids (with the 0xFFFF / 0xFF wildcards) select a service instance. */
    private static boolean matches(int serviceId, int instanceId, int majorVersion, int actualService,
                                   int actualInstance, int actualMajor) {
        return actualService == serviceId
                && (instanceId == SdEntry.ANY_INSTANCE || actualInstance == instanceId)
                && (majorVersion == SdEntry.ANY_MAJOR_VERSION || actualMajor == majorVersion);
    }

    private void onStopOffer(StopOfferService stop, InetSocketAddress sender) {
        ServiceInstance instance = new ServiceInstance(stop.serviceId(), stop.instanceId());
        Known existing = known.get(instance);
        if (existing != null && existing.service.sdPeer().equals(sender)) {
            known.remove(instance);
            tellUnavailable(existing.service, AvailabilityReason.STOP_OFFER);
        }
    }

    private void onSubscribe(SubscribeEventgroup subscribe, InetSocketAddress sender) {
        Offer offer = offers.get(new ServiceInstance(subscribe.serviceId(), subscribe.instanceId()));
        if (offer == null || !offer.sentOnce || offer.service.majorVersion() != subscribe.majorVersion()) {
            unicast(subscribe.nack(), sender);
            return;
        }
        EventgroupConfig group = offer.service.eventgroups().get(subscribe.eventgroupId());
        if (group == null) {
            unicast(subscribe.nack(), sender);
            return;
        }
        Endpoints named = endpointsOf(subscribe, sender);
        if (named == null) {
            unicast(subscribe.nack(), sender);
            return;
        }
        InetSocketAddress udp = named.udp();
        InetSocketAddress tcp = named.tcp();
        if (udp == null && tcp == null && group.multicast() == null) {
            unicast(subscribe.nack(), sender); // nowhere to send events
            return;
        }
        Subscriber subscriber = new Subscriber(udp, tcp, sender);
        Map<Subscriber, Long> members = offer.subscribers.computeIfAbsent(group.eventgroupId(), g -> new LinkedHashMap<>());
        boolean renewal = members.containsKey(subscriber);
        if (!renewal) {
            // One subscription per eventgroup and SD peer: new endpoints replace the old (stale) ones.
            for (Iterator<Subscriber> it = members.keySet().iterator(); it.hasNext(); ) {
                Subscriber old = it.next();
                if (old.sdPeer().equals(sender)) {
                    it.remove();
                    offer.listener.unsubscribed(offer.service, group.eventgroupId(), old);
                }
            }
        }
        long expiresAt = subscribe.ttl() == SdEntry.TTL_UNTIL_REBOOT ? UNTIL_REBOOT
                : scheduler.nowMillis() + subscribe.ttl() * 1000L;
        if (!renewal && !offer.listener.accept(offer.service, group.eventgroupId(), subscriber)) {
            unicast(subscribe.nack(), sender);
            return;
        }
        List<SdOption> ackOptions = group.multicast() == null ? List.of()
                : List.of(new Ipv4MulticastOption(ipv4(group.multicast()), TransportProtocol.UDP,
                group.multicast().getPort()));
        members.put(subscriber, expiresAt);
        offer.listener.subscribed(offer.service, group.eventgroupId(), subscriber, renewal);
        unicast(subscribe.ack(subscribe.ttl(), ackOptions), sender);
        // Initial events after the Ack (feat_req_someipsd_691); a renewal that asks for initial data
        // gets them again (feat_req_someipsd_1194).
        boolean initialEvents = !renewal || subscribe.initialDataRequested();
        afterSend(() -> offer.listener.acknowledged(offer.service, group.eventgroupId(), subscriber, initialEvents));
        ensureSweep();
    }

    private void onStopSubscribe(StopSubscribeEventgroup stop, InetSocketAddress sender) {
        Offer offer = offers.get(new ServiceInstance(stop.serviceId(), stop.instanceId()));
        if (offer == null) {
            return;
        }
        Map<Subscriber, Long> members = offer.subscribers.get(stop.eventgroupId());
        if (members == null) {
            return;
        }
        for (Iterator<Subscriber> it = members.keySet().iterator(); it.hasNext(); ) {
            Subscriber s = it.next();
            if (s.sdPeer().equals(sender)) {
                it.remove();
                offer.listener.unsubscribed(offer.service, stop.eventgroupId(), s);
            }
        }
    }

    private void onAck(SubscribeEventgroupAck ack, InetSocketAddress sender) {
        InetSocketAddress multicast = null;
        for (Ipv4MulticastOption option : ack.endpoints(Ipv4MulticastOption.class)) {
            multicast = new InetSocketAddress(option.address(), option.port());
        }
        for (Subscription s : subscriptions) {
            if (s.target != null && s.target.sdPeer().equals(sender) && s.target.serviceId() == ack.serviceId()
                    && s.target.instanceId() == ack.instanceId() && s.eventgroupId == ack.eventgroupId()) {
                boolean first = !s.acked;
                s.acked = true;
                s.ackedSinceSend = true;
                if (first) {
                    s.listener.acked(s.target, multicast);
                }
            }
        }
    }

    private void onNack(SubscribeEventgroupNack nack, InetSocketAddress sender) {
        for (Subscription s : subscriptions) {
            if (s.target != null && s.target.sdPeer().equals(sender) && s.target.serviceId() == nack.serviceId()
                    && s.target.instanceId() == nack.instanceId() && s.eventgroupId == nack.eventgroupId()) {
                s.acked = false;
                s.listener.nacked(s.target);
            }
        }
    }

    // ------------------------------------------------------------------ expiry and reboots

    private void peerRebooted(InetSocketAddress peer) {
        rebootsDetected.increment();
        LOG.info("SD peer {} rebooted: expiring its services and subscriptions", peer);
        for (Iterator<Known> it = known.values().iterator(); it.hasNext(); ) {
            Known k = it.next();
            if (k.service.sdPeer().equals(peer)) {
                it.remove();
                tellUnavailable(k.service, AvailabilityReason.PEER_REBOOT);
            }
        }
        for (Offer offer : offers.values()) {
            offer.subscribers.forEach((group, members) -> {
                for (Iterator<Subscriber> it = members.keySet().iterator(); it.hasNext(); ) {
                    Subscriber s = it.next();
                    if (s.sdPeer().equals(peer)) {
                        it.remove();
                        offer.listener.unsubscribed(offer.service, group, s);
                    }
                }
            });
        }
        // Our own session counters stay: they show *our* reboots, not theirs.
        for (PeerRebootListener listener : rebootListeners) {
            listener.rebooted(peer);
        }
    }

    private void tellUnavailable(RemoteService service, AvailabilityReason reason) {
        for (Subscription s : subscriptions) {
            if (service.equals(s.target)) {
                s.lost();
            }
        }
        for (Find find : List.copyOf(finds)) {
            if (find.matches(service)) {
                find.listener.unavailable(service, reason);
            }
        }
    }

    private void ensureSweep() {
        if (sweep == null && !closed) {
            sweep = scheduler.schedule(this::sweep, SWEEP_INTERVAL_MS);
        }
    }

    private void sweep() {
        batched(this::expireAndRenew);
    }

    private void expireAndRenew() {
        sweep = null;
        long now = scheduler.nowMillis();
        for (Iterator<Known> it = known.values().iterator(); it.hasNext(); ) {
            Known k = it.next();
            if (k.expiresAt <= now) {
                it.remove();
                tellUnavailable(k.service, AvailabilityReason.TTL_EXPIRED);
            }
        }
        for (Offer offer : offers.values()) {
            offer.subscribers.forEach((group, members) -> {
                for (Iterator<Map.Entry<Subscriber, Long>> it = members.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Subscriber, Long> e = it.next();
                    if (e.getValue() <= now) {
                        it.remove();
                        offer.listener.unsubscribed(offer.service, group, e.getKey());
                    }
                }
            });
        }
        // Renew subscriptions before their TTL runs out when no offer renewed them (no cyclic offers).
        long renewAfter = timings.subscribeTtlSeconds() * 1000L / 2;
        for (Subscription s : subscriptions) {
            if (s.target != null && now - s.lastSentAt >= renewAfter) {
                s.send(s.target, false);
            }
        }
        if (!known.isEmpty() || !subscriptions.isEmpty()
                || offers.values().stream().anyMatch(o -> !o.subscribers.isEmpty())) {
            ensureSweep();
        }
    }

    // ------------------------------------------------------------------ sending

    /**
     * Runs {@code work} with sends held back, then sends what it produced with as many entries per
     * message as fit: one received offer with 1,000 subscriptions to renew makes a few dozen
     * datagrams, not 1,000 (the spec lets one SD message carry several entries).
     */
    private void batched(Runnable work) {
        batchDepth++;
        try {
            work.run();
        } finally {
            if (--batchDepth == 0) {
                flush();
            }
        }
    }

    /** Runs after the held-back entries went out (initial events must follow their Ack). */
    private void afterSend(Runnable task) {
        if (batchDepth > 0) {
            afterFlush.add(task);
        } else {
            task.run();
        }
    }

    private void flush() {
        for (int i = 0; i < pendingMulticast.size(); i += MAX_ENTRIES_PER_MESSAGE) {
            List<SdEntry> chunk = pendingMulticast.subList(i, Math.min(pendingMulticast.size(), i + MAX_ENTRIES_PER_MESSAGE));
            int session = multicastSession.next();
            transport.send(new SdMessage(multicastSession.rebootFlag(), true, false, List.copyOf(chunk), List.of()),
                    session, null);
        }
        pendingMulticast.clear();
        pendingUnicast.forEach((target, entries) -> {
            SdSessionCounter counter = unicastSessions.computeIfAbsent(target, t -> new SdSessionCounter());
            for (int i = 0; i < entries.size(); i += MAX_ENTRIES_PER_MESSAGE) {
                List<SdEntry> chunk = entries.subList(i, Math.min(entries.size(), i + MAX_ENTRIES_PER_MESSAGE));
                int session = counter.next();
                transport.send(new SdMessage(counter.rebootFlag(), true, false, List.copyOf(chunk), List.of()),
                        session, target);
            }
        });
        pendingUnicast.clear();
        List<Runnable> tasks = List.copyOf(afterFlush);
        afterFlush.clear();
        tasks.forEach(Runnable::run);
    }

    private void multicast(SdEntry entry) {
        pendingMulticast.add(entry);
        if (batchDepth == 0) {
            flush();
        }
    }

    private void unicast(SdEntry entry, InetSocketAddress target) {
        pendingUnicast.computeIfAbsent(target, t -> new ArrayList<>()).add(entry);
        if (batchDepth == 0) {
            flush();
        }
    }

    private void later(long delayMs, Runnable task) {
        if (delayMs <= 0) {
            task.run();
        } else {
            scheduler.schedule(task, delayMs);
        }
    }

    private long randomBetween(long min, long max) {
        return min == max ? min : min + (long) (random.nextDouble() * (max - min + 1));
    }

    private static Inet4Address ipv4(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet4Address v4) {
            return v4;
        }
        throw new IllegalArgumentException("IPv4 endpoint expected: " + address);
    }

    /** Sends StopOffer for everything offered and stops all timers. */
    public void close() {
        scheduler.execute(() -> {
            for (ServiceInstance instance : List.copyOf(offers.keySet())) {
                Offer offer = offers.remove(instance);
                offer.cancelTimer();
                if (offer.sentOnce) {
                    multicast(new StopOfferService(offer.service.serviceId(), offer.service.instanceId(),
                            offer.service.majorVersion(), offer.service.minorVersion(), offer.endpointOptions(),
                            List.of()));
                }
            }
            finds.forEach(f -> {
                if (f.timer != null) {
                    f.timer.cancel();
                }
            });
            if (sweep != null) {
                sweep.cancel();
            }
            closed = true;
        });
    }
}
