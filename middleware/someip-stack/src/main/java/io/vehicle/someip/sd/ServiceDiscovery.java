package io.vehicle.someip.sd;

import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOME/IP-SD state machines of one node, behind one API: the {@link ServerSide} (offers and
 * their phases, answers to finds, the subscribers of our eventgroups), the {@link ClientSide}
 * (finds, availability with TTLs, our subscriptions), {@link PeerReboots}, and the
 * {@link SdOutbox} that packs what they send. This class routes received entries to them and
 * holds them together with one housekeeping tick ({@link SdSweep}).
 *
 * <p>Every part runs on the scheduler's thread; the public methods hop onto it. Sends go through
 * an {@link SdTransport} and time comes from the {@link SdScheduler}, so tests drive it all with a
 * manual clock and no sockets.
 */
public final class ServiceDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);

    private final SdScheduler scheduler;
    private final RefusalCounter<SdRefusal> refusals;
    private final SdOutbox outbox;
    private final SdSweep sweep;
    private final ServerSide server;
    private final ClientSide client;
    private final RebootDetector rebootDetector;
    private final PeerReboots reboots;
    /** Senders that hold a service, subscription or subscriber of ours: kept by the bounded per-sender tables. */
    private final Set<InetSocketAddress> peersWithState = new HashSet<>();
    /** Senders whose reboot history is kept, as of the last housekeeping tick. */
    private volatile int peersRemembered;
    private boolean closed;

    /** Counts what it refuses in a counter of its own. */
    public ServiceDiscovery(SdScheduler scheduler, SdTransport transport, SdTimings timings,
                            Inet4Address unicastAddress, AddressFilter allowedEndpoints, Random random) {
        this(scheduler, transport, timings, unicastAddress, allowedEndpoints, random,
                RefusalCounter.of(SdRefusal.class, LOG));
    }

    /** Counts what it refuses in {@code refusals} (shared with the node's sockets); default bounds and trust. */
    public ServiceDiscovery(SdScheduler scheduler, SdTransport transport, SdTimings timings,
                            Inet4Address unicastAddress, AddressFilter allowedEndpoints, Random random,
                            RefusalCounter<SdRefusal> refusals) {
        this(scheduler, transport, timings, unicastAddress, allowedEndpoints, random, refusals, SdLimits.defaults(),
                SdTrust.defaults());
    }

    /**
     * Counts what it refuses in {@code refusals}; keeps what it holds for other nodes within
     * {@code limits} and believes senders as far as {@code trust} says (docs/security.md).
     */
    public ServiceDiscovery(SdScheduler scheduler, SdTransport transport, SdTimings timings,
                            Inet4Address unicastAddress, AddressFilter allowedEndpoints, Random random,
                            RefusalCounter<SdRefusal> refusals, SdLimits limits, SdTrust trust) {
        this.scheduler = scheduler;
        this.refusals = refusals;
        this.outbox = new SdOutbox(transport, limits, scheduler::nowMillis);
        this.sweep = new SdSweep(scheduler, outbox);
        SdDelays delays = new SdDelays(scheduler, timings, random);
        EndpointCheck endpoints = new EndpointCheck(allowedEndpoints, trust.foreignEndpointsAccepted(), refusals);
        this.server = new ServerSide(scheduler, outbox, timings, delays, endpoints, sweep, limits, refusals);
        this.client = new ClientSide(scheduler, outbox, timings, delays, endpoints, refusals, sweep, trust, limits);
        this.rebootDetector = new RebootDetector(limits);
        this.reboots = new PeerReboots(rebootDetector);
        for (PeerMemory<?> perSender : List.of(rebootDetector.memory(), outbox.sessions())) {
            perSender.protect(peersWithState::contains);
            perSender.onEvicted(evicted -> refusals.record(evicted, SdRefusal.PEER_STATE_EVICTED, "SD state of "
                    + evicted + " forgotten: " + limits.maxPeers() + " senders remembered"));
        }
        sweep.add(client::sweep);
        sweep.add(server::sweep);
        // Last: which senders hold state, as of this tick, and the quiet rest forgotten.
        sweep.add(this::forgetQuietPeers);
        // A reboot expires the peer's services, then its subscriptions, then the node hears of it.
        reboots.onReboot(client::peerRebooted);
        reboots.onReboot(server::peerRebooted);
    }

    /** Told when a peer node rebooted, to reset its TCP connections (feat_req_someipsd_872). */
    @FunctionalInterface
    public interface PeerRebootListener {
        void rebooted(InetSocketAddress sdPeer);
    }

    public void onPeerReboot(PeerRebootListener listener) {
        scheduler.execute(() -> reboots.onReboot(listener));
    }

    /** Entries ignored or Nacked for their endpoints: outside the allowed subnets, or an offer without one. */
    public long rejectedEndpoints() {
        return refusals.count(SdRefusal.ENDPOINT_NOT_ALLOWED) + refusals.count(SdRefusal.OFFER_WITHOUT_ENDPOINT);
    }

    public long rebootsDetected() {
        return reboots.detected();
    }

    /**
     * Senders whose SD state (reboot history) is kept, at most {@link SdLimits#maxPeers()}: exact on
     * the scheduler's thread, as of the last housekeeping tick (100 ms) elsewhere.
     */
    public int peersRemembered() {
        return scheduler.inSchedulerThread() ? rebootDetector.peers() : peersRemembered;
    }

    private boolean forgetQuietPeers(long now) {
        peersWithState.clear();
        client.peersWithState(peersWithState);
        server.peersWithState(peersWithState);
        boolean watching = reboots.expire(now);
        watching |= outbox.sessions().expire(now);
        peersRemembered = rebootDetector.peers();
        return watching;
    }

    // ------------------------------------------------------------------ server side

    /** Starts offering: Initial Wait, Repetition and Main Phase (feat_req_someipsd_68). */
    public void offer(OfferedService service, SubscriberListener subscribers) {
        scheduler.execute(() -> server.offer(service, subscribers));
    }

    /** Stops offering: a StopOfferService goes out and every subscriber is dropped. */
    public void stopOffer(ServiceInstance instance) {
        scheduler.execute(() -> server.stopOffer(instance));
    }

    /** The current subscribers of an eventgroup we offer; call on the scheduler's thread. */
    public List<Subscriber> subscribers(ServiceInstance instance, int eventgroupId) {
        return server.subscribers(instance, eventgroupId);
    }

    // ------------------------------------------------------------------ client side

    /**
     * Looks for a service instance ({@code instanceId} 0xFFFF for any): FindService in the Initial
     * Wait and Repetition Phases until an offer arrives; then tells the listener of every change.
     */
    public FindHandle find(int serviceId, int instanceId, int majorVersion, AvailabilityListener listener) {
        ClientSide.Find find = new ClientSide.Find(new ServiceSelector(serviceId, instanceId, majorVersion), listener);
        scheduler.execute(() -> client.startFind(find));
        return () -> scheduler.execute(() -> client.stopFind(find));
    }

    /** Where a subscriber wants its events, asked each time a subscription is sent. */
    public record Endpoints(InetSocketAddress udp, InetSocketAddress tcp) {

        /** One IPv4 Endpoint Option per transport, UDP first (feat_req_someipsd_756). */
        List<SdOption> options() {
            List<SdOption> options = new ArrayList<>(2);
            if (udp != null) {
                options.add(new Ipv4EndpointOption(ipv4(udp), TransportProtocol.UDP, udp.getPort()));
            }
            if (tcp != null) {
                options.add(new Ipv4EndpointOption(ipv4(tcp), TransportProtocol.TCP, tcp.getPort()));
            }
            return options;
        }

        static Inet4Address ipv4(InetSocketAddress address) {
            if (address.getAddress() instanceof Inet4Address v4) {
                return v4;
            }
            throw new IllegalArgumentException("IPv4 endpoint expected: " + address);
        }
    }

    /**
     * Subscribes to an eventgroup of a service instance. The subscription is sent whenever the
     * instance is offered, so it comes back by itself after a server restart or a network loss,
     * and is renewed before its TTL runs out. {@code endpoints} is asked for the client's current
     * endpoints at each send; null means "not connected now" and nothing is sent.
     */
    public void subscribe(int serviceId, int instanceId, int majorVersion, int eventgroupId,
                          Supplier<Endpoints> endpoints, SubscriptionListener listener) {
        scheduler.execute(() -> client.subscribe(new ServiceSelector(serviceId, instanceId, majorVersion),
                eventgroupId, endpoints, listener));
    }

    /** Fixed endpoints, for clients whose sockets outlive the server's restarts. */
    public void subscribe(int serviceId, int instanceId, int majorVersion, int eventgroupId,
                          InetSocketAddress udpEndpoint, InetSocketAddress tcpEndpoint, SubscriptionListener listener) {
        Endpoints fixed = new Endpoints(udpEndpoint, tcpEndpoint);
        subscribe(serviceId, instanceId, majorVersion, eventgroupId, () -> fixed, listener);
    }

    /** Sends every subscription to this service instance now (after the client reconnected). */
    public void renewSubscriptions(int serviceId, int instanceId) {
        scheduler.execute(() -> client.renewSubscriptions(serviceId, instanceId));
    }

    /** Ends a subscription with a StopSubscribeEventgroup to the server that has it. */
    public void unsubscribe(int serviceId, int instanceId, int eventgroupId) {
        scheduler.execute(() -> client.unsubscribe(serviceId, instanceId, eventgroupId));
    }

    /** Forgets a subscription without telling the server (it is gone, or its endpoint is stale). */
    public void forgetSubscription(int serviceId, int instanceId, int eventgroupId) {
        scheduler.execute(() -> client.forgetSubscription(serviceId, instanceId, eventgroupId));
    }

    /**
     * Drops every subscriber of our eventgroups whose UDP events go to {@code endpoint}: it answered
     * with ICMP port unreachable or writes to it failed. Its node subscribes again if it is alive.
     */
    public void dropSubscribersAt(InetSocketAddress endpoint) {
        scheduler.execute(() -> server.dropSendingTo(endpoint));
    }

    // ------------------------------------------------------------------ inbound

    /**
     * Handles one decoded SD message from {@code sender} (its SD address: the datagram source, or the
     * SD Endpoint Option where trusted, feat_req_someipsd_1084). What it makes us send leaves packed
     * once all its entries are handled.
     */
    public void onMessage(SdMessage message, int sessionId, InetSocketAddress sender, boolean viaMulticast,
                          List<RejectedSdEntry> rejected) {
        if (closed) {
            return;
        }
        outbox.batched(() -> route(message, sessionId, sender, viaMulticast, rejected));
    }

    private void route(SdMessage message, int sessionId, InetSocketAddress sender, boolean viaMulticast,
                       List<RejectedSdEntry> rejected) {
        // The reboot is handled first, the entries of the message that shows it after (feat_req_someipsd_871).
        reboots.check(sender, viaMulticast, message.reboot(), sessionId, scheduler.nowMillis());
        sweep.ensure(); // the sender's state is forgotten once it goes quiet
        for (RejectedSdEntry entry : rejected) {
            refusals.record(sender, SdRefusal.ENTRY_REJECTED, "SD entry " + entry.position() + " rejected, "
                    + entry.reason() + ": " + entry.detail());
            // feat_req_someipsd_1144: a subscription we cannot accept is answered with a Nack.
            if (entry.entry() instanceof SubscribeEventgroup subscribe) {
                server.nack(subscribe, sender);
            }
        }
        Set<FindService> finds = new HashSet<>();
        List<SdEntry> entries = message.entries();
        Restarts restarts = Restarts.of(entries);
        for (int i = 0; i < entries.size(); i++) {
            SdEntry entry = entries.get(i);
            if (restarts.stopSkipped(i)) {
                continue; // the Subscribe after it restarts the subscription: handled there, without a gap
            }
            if (entry instanceof FindService find) {
                if (finds.add(find)) { // the same FindService twice in one message is answered once
                    server.onFind(find, sender, viaMulticast, message.unicast());
                }
            } else if (entry instanceof OfferService offer) {
                client.onOffer(offer, sender, viaMulticast);
            } else if (entry instanceof StopOfferService stop) {
                client.onStopOffer(stop, sender);
            } else if (entry instanceof SubscribeEventgroup subscribe) {
                server.onSubscribe(subscribe, sender, restarts.subscribeRestarts(i));
            } else if (entry instanceof StopSubscribeEventgroup stop) {
                server.onStopSubscribe(stop, sender);
            } else if (entry instanceof SubscribeEventgroupAck ack) {
                client.onAck(ack, sender);
            } else if (entry instanceof SubscribeEventgroupNack nack) {
                client.onNack(nack, sender);
            }
        }
    }

    /**
     * feat_req_someipsd_844, feat_req_someipsd_1178: a client restarts a subscription with a
     * StopSubscribe and a Subscribe in one message. Handled as one step, the subscriber never
     * leaves the table in between (events published meanwhile still reach it); the Subscribe gets
     * its initial events again. Found in two linear passes: a message may hold thousands of entries.
     */
    private record Restarts(boolean[] skippedStops, boolean[] restartingSubscribes) {

        private static final Restarts NONE = new Restarts(null, null);

        static Restarts of(List<SdEntry> entries) {
            if (entries.stream().noneMatch(StopSubscribeEventgroup.class::isInstance)) {
                return NONE;
            }
            boolean[] skipped = new boolean[entries.size()];
            boolean[] restarting = new boolean[entries.size()];
            Set<Eventgroup> stopsBefore = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof StopSubscribeEventgroup stop) {
                    stopsBefore.add(Eventgroup.of(stop));
                } else if (entries.get(i) instanceof SubscribeEventgroup subscribe) {
                    restarting[i] = stopsBefore.contains(Eventgroup.of(subscribe));
                }
            }
            Set<Eventgroup> subscribesAfter = new HashSet<>();
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i) instanceof SubscribeEventgroup subscribe) {
                    subscribesAfter.add(Eventgroup.of(subscribe));
                } else if (entries.get(i) instanceof StopSubscribeEventgroup stop) {
                    skipped[i] = subscribesAfter.contains(Eventgroup.of(stop));
                }
            }
            return new Restarts(skipped, restarting);
        }

        /** A StopSubscribe a Subscribe of the same eventgroup follows in the message. */
        boolean stopSkipped(int entry) {
            return skippedStops != null && skippedStops[entry];
        }

        /** A Subscribe that a StopSubscribe of the same eventgroup precedes in the message. */
        boolean subscribeRestarts(int entry) {
            return restartingSubscribes != null && restartingSubscribes[entry];
        }
    }

    private record Eventgroup(int serviceId, int instanceId, int majorVersion, int eventgroupId) {
        static Eventgroup of(StopSubscribeEventgroup stop) {
            return new Eventgroup(stop.serviceId(), stop.instanceId(), stop.majorVersion(), stop.eventgroupId());
        }

        static Eventgroup of(SubscribeEventgroup subscribe) {
            return new Eventgroup(subscribe.serviceId(), subscribe.instanceId(), subscribe.majorVersion(),
                    subscribe.eventgroupId());
        }
    }

    /** Sends StopOffer for everything offered and stops all timers. */
    public void close() {
        scheduler.execute(() -> {
            server.close();
            client.close();
            sweep.close();
            closed = true;
        });
    }
}
