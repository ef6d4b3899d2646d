package io.vehicle.someip.sd;

import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.RejectedSdEntry;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.transport.RefusalCounter;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * One {@link ServiceDiscovery} on a manual clock with a recording transport, on 10.0.0.1, accepting
 * endpoints in 10.0.0.0/24; and peers that send it messages with their own session counters.
 */
final class SdTestBed {

    /** The spec's example timings: INITIAL_DELAY 10..100, base 100 ms, 3 repetitions, cyclic 1 s, TTL 3 s. */
    static final SdTimings TIMINGS = new SdTimings(10, 100, 100, 3, 1000, 10, 50, 3, 3);
    static final Inet4Address SELF = SdConfig.ipv4("10.0.0.1");
    static final InetSocketAddress PEER = new InetSocketAddress("10.0.0.2", 30490);
    static final InetSocketAddress OTHER_PEER = new InetSocketAddress("10.0.0.3", 30490);
    static final int SERVICE = 0x1234;
    static final int INSTANCE = 0x0001;
    static final int MAJOR = 1;
    static final int MINOR = 7;
    static final int UNICAST_GROUP = 1;
    static final int MULTICAST_GROUP = 2;
    static final InetSocketAddress SERVER_UDP = new InetSocketAddress("10.0.0.1", 40_000);
    static final InetSocketAddress SERVER_TCP = new InetSocketAddress("10.0.0.1", 40_001);
    static final InetSocketAddress EVENTS_GROUP = new InetSocketAddress("239.1.1.1", 40_100);
    static final OfferedService OFFERED = OfferedService.of(SERVICE, INSTANCE, MAJOR, MINOR, SERVER_UDP, SERVER_TCP,
            List.of(EventgroupConfig.unicast(UNICAST_GROUP), new EventgroupConfig(MULTICAST_GROUP, EVENTS_GROUP)));

    final ManualScheduler clock = new ManualScheduler();
    final RecordingTransport transport = new RecordingTransport(clock);
    final RefusalCounter<SdRefusal> refusals = RefusalCounter.of(SdRefusal.class, LoggerFactory.getLogger(SdTestBed.class));
    final ServiceDiscovery sd;
    private final Map<String, Integer> peerSessions = new HashMap<>();

    SdTestBed() {
        this(TIMINGS, 42);
    }

    SdTestBed(SdTimings timings, long seed) {
        this(timings, seed, List.of("10.0.0.0/24"));
    }

    SdTestBed(SdTimings timings, long seed, List<String> allowedSubnets) {
        this(timings, seed, allowedSubnets, SdLimits.defaults(), SdTrust.defaults());
    }

    /** With these bounds and this trust, on the default timings and subnets. */
    SdTestBed(SdLimits limits, SdTrust trust) {
        this(TIMINGS, 42, List.of("10.0.0.0/24"), limits, trust);
    }

    SdTestBed(SdTimings timings, long seed, List<String> allowedSubnets, SdLimits limits, SdTrust trust) {
        sd = new ServiceDiscovery(clock, transport, timings, SELF, AddressFilter.of(allowedSubnets), new Random(seed),
                refusals, limits, trust);
    }

    /** Advances 1 ms at a time until something is sent (at most {@code limit} ms); returns the time. */
    long advanceUntilSent(long limit) {
        return transport.advanceClockUntilSent(limit);
    }

    /** A message from {@code peer} with the peer's next session id on that channel and the reboot flag set. */
    void receive(InetSocketAddress peer, boolean viaMulticast, SdEntry... entries) {
        String channel = peer + (viaMulticast ? "/mc" : "/uc");
        int session = peerSessions.merge(channel, 1, Integer::sum);
        sd.onMessage(SdMessage.of(true, List.of(entries)), session, peer, viaMulticast, List.of());
    }

    /** A whole message from {@code peer} (to set the flags), with the peer's next session id. */
    void receiveMessage(InetSocketAddress peer, boolean viaMulticast, SdMessage message) {
        String channel = peer + (viaMulticast ? "/mc" : "/uc");
        int session = peerSessions.merge(channel, 1, Integer::sum);
        sd.onMessage(message, session, peer, viaMulticast, List.of());
    }

    /** A message with an explicit session id and reboot flag, to drive reboot detection. */
    void receive(InetSocketAddress peer, boolean viaMulticast, boolean reboot, int session, SdEntry... entries) {
        sd.onMessage(SdMessage.of(reboot, List.of(entries)), session, peer, viaMulticast, List.of());
    }

    void receiveRejected(InetSocketAddress peer, RejectedSdEntry rejected) {
        String channel = peer + "/uc";
        int session = peerSessions.merge(channel, 1, Integer::sum);
        sd.onMessage(SdMessage.of(true, List.of()), session, peer, false, List.of(rejected));
    }

    static Ipv4EndpointOption udp(InetSocketAddress address) {
        return new Ipv4EndpointOption((Inet4Address) address.getAddress(), TransportProtocol.UDP, address.getPort());
    }

    static Ipv4EndpointOption tcp(InetSocketAddress address) {
        return new Ipv4EndpointOption((Inet4Address) address.getAddress(), TransportProtocol.TCP, address.getPort());
    }

    /** An offer of SERVICE/INSTANCE as a remote server at 10.0.0.2 makes it. */
    static OfferService remoteOffer(int ttl, InetSocketAddress udpEndpoint) {
        return new OfferService(SERVICE, INSTANCE, MAJOR, MINOR, ttl, List.of(udp(udpEndpoint)));
    }

    static SubscribeEventgroup subscribe(int eventgroup, int ttl, InetSocketAddress eventsTo) {
        return new SubscribeEventgroup(SERVICE, INSTANCE, MAJOR, ttl, false, 0, eventgroup, List.of(udp(eventsTo)));
    }

    /** Availability changes as "up <udp>" and "down <reason>". */
    static final class AvailabilityLog implements AvailabilityListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void available(RemoteService service) {
            events.add("up " + service.udp());
        }

        @Override
        public void unavailable(RemoteService service, AvailabilityReason reason) {
            events.add("down " + reason.name());
        }
    }

    /** Ack and Nack callbacks of one client subscription. */
    static final class SubscriptionLog implements SubscriptionListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void acked(RemoteService service, InetSocketAddress multicast) {
            events.add("acked " + multicast);
        }

        @Override
        public void nacked(RemoteService service) {
            events.add("nacked");
        }
    }

    /** Server-side subscriber callbacks; refuses subscriptions while {@code accept} is false. */
    static final class SubscriberLog implements SubscriberListener {
        final List<String> events = new ArrayList<>();
        boolean accept = true;

        @Override
        public boolean accept(OfferedService service, int eventgroupId, Subscriber subscriber) {
            if (!accept) {
                events.add("refused " + eventgroupId + " " + subscriber.udp());
            }
            return accept;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> subscribed(OfferedService service, int eventgroupId,
                                                                  Subscriber subscriber, boolean renewal) {
            events.add((renewal ? "renewed " : "subscribed ") + eventgroupId + " " + subscriber.udp());
            return ACK_NOW;
        }

        /** Subscribers told, after their Ack, to get the initial field values. */
        final List<String> initialEvents = new ArrayList<>();

        @Override
        public void acknowledged(OfferedService service, int eventgroupId, Subscriber subscriber,
                                 boolean initial) {
            if (initial) {
                initialEvents.add(eventgroupId + " " + subscriber.udp());
            }
        }

        @Override
        public void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber) {
            events.add("unsubscribed " + eventgroupId + " " + subscriber.udp());
        }
    }
}
