package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.EVENTS_GROUP;
import static io.vehicle.someip.sd.SdTestBed.INSTANCE;
import static io.vehicle.someip.sd.SdTestBed.MAJOR;
import static io.vehicle.someip.sd.SdTestBed.MINOR;
import static io.vehicle.someip.sd.SdTestBed.MULTICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVER_TCP;
import static io.vehicle.someip.sd.SdTestBed.SERVER_UDP;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.remoteOffer;
import static io.vehicle.someip.sd.SdTestBed.subscribe;
import static io.vehicle.someip.sd.SdTestBed.tcp;
import static io.vehicle.someip.sd.SdTestBed.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdTestBed.AvailabilityLog;
import io.vehicle.someip.sd.SdTestBed.SubscriptionLog;
import io.vehicle.someip.sd.message.EntryRejection;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.Ipv4MulticastOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.RejectedSdEntry;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.StopOfferService;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The parts working together behind the facade: routing, packing of the answers, close, two nodes. */
class ServiceDiscoveryTest {

    static final InetSocketAddress PEER_EVENTS = new InetSocketAddress("10.0.0.2", 42_000);

    final SdTestBed bed = new SdTestBed();

    static FindService findAny() {
        return new FindService(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, SdEntry.ANY_MINOR_VERSION, 3,
                List.of(), List.of());
    }

    @Test
    @DisplayName("feat_req_someipsd_836, feat_req_someipsd_624, feat_req_someipsd_691: the answers to one message, to "
            + "each of its entries, leave in one message, in entry order; initial events follow it")
    void answersToOneMessageLeaveTogether() {
        List<String> afterAck = new ArrayList<>();
        bed.sd.offer(OFFERED, ackingWhen(SubscriberListener.ACK_NOW, afterAck));
        bed.advanceUntilSent(200);
        bed.transport.clear();
        SubscribeEventgroup first = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        SubscribeEventgroup second = subscribe(MULTICAST_GROUP, 3, PEER_EVENTS);
        SubscribeEventgroup unknown = subscribe(0x77, 3, PEER_EVENTS);
        bed.receive(PEER, false, findAny(), first, unknown, second);
        assertThat(bed.transport.sent()).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo(PEER);
            assertThat(s.message().entries()).containsExactly(
                    new OfferService(SERVICE, INSTANCE, MAJOR, MINOR, 3, List.of(udp(SERVER_UDP), tcp(SERVER_TCP))),
                    first.ack(3, List.of()), unknown.nack(),
                    second.ack(3, List.of(new Ipv4MulticastOption((Inet4Address) EVENTS_GROUP.getAddress(),
                            TransportProtocol.UDP, EVENTS_GROUP.getPort()))));
        });
        assertThat(afterAck).containsExactly("1 acknowledged after 1 sends", "2 acknowledged after 1 sends");
    }

    /** A listener whose Acks wait for {@code ready}; logs each Ack ("1 acknowledged after 2 sends") and leave. */
    SubscriberListener ackingWhen(java.util.concurrent.CompletionStage<?> ready, List<String> log) {
        return new SubscriberListener() {
            @Override
            public java.util.concurrent.CompletionStage<?> subscribed(OfferedService service, int eventgroupId,
                                                                      Subscriber subscriber, boolean renewal) {
                return ready;
            }

            @Override
            public void acknowledged(OfferedService service, int eventgroupId, Subscriber subscriber, boolean initial) {
                log.add(eventgroupId + " acknowledged after " + bed.transport.sent().size() + " sends");
            }

            @Override
            public void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber) {
                log.add(eventgroupId + " unsubscribed");
            }
        };
    }

    /** Offers OFFERED with {@code listener}, forgets the offers sent, takes PEER's Subscribe to the unicast group. */
    SubscribeEventgroup offerAndSubscribe(SubscriberListener listener) {
        bed.sd.offer(OFFERED, listener);
        bed.advanceUntilSent(200);
        bed.transport.clear();
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        bed.receive(PEER, false, subscribe);
        return subscribe;
    }

    @Test
    @DisplayName("feat_req_someipsd_691: the Ack waits until the server is ready for the subscriber (its socket is "
            + "connected) and the initial events still follow it")
    void ackWaitsUntilTheServerIsReady() {
        java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();
        List<String> log = new ArrayList<>();
        SubscribeEventgroup subscribe = offerAndSubscribe(ackingWhen(ready, log));
        assertThat(bed.transport.sent()).as("nothing before the server is ready").isEmpty();
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(1);
        ready.complete(null);
        assertThat(bed.transport.sent()).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo(PEER);
            assertThat(s.message().entries()).containsExactly(subscribe.ack(3, List.of()));
        });
        assertThat(log).containsExactly("1 acknowledged after 1 sends");
    }

    @Test
    @DisplayName("feat_req_someipsd_691: a subscription stopped while its Ack waits for the server gets no Ack")
    void stoppedWhileWaitingGetsNoAck() {
        java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();
        List<String> log = new ArrayList<>();
        SubscribeEventgroup subscribe = offerAndSubscribe(ackingWhen(ready, log));
        bed.receive(PEER, false, subscribe.stop());
        ready.complete(null);
        assertThat(bed.transport.sent()).isEmpty();
        assertThat(log).containsExactly("1 unsubscribed");
    }

    @Test
    @DisplayName("feat_req_someipsd_844, feat_req_someipsd_1178: a StopSubscribe and Subscribe in one message "
            + "restart the subscription without the subscriber ever leaving, and initial events are sent again")
    void restartInOneMessageKeepsTheSubscriber() {
        SdTestBed.SubscriberLog log = new SdTestBed.SubscriberLog();
        bed.sd.offer(OFFERED, log);
        bed.advanceUntilSent(200);
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        bed.receive(PEER, false, subscribe);
        bed.receive(PEER, false, subscribe.stop(), subscribe);
        assertThat(log.events).containsExactly("subscribed 1 " + PEER_EVENTS, "renewed 1 " + PEER_EVENTS);
        assertThat(log.initialEvents).containsExactly("1 " + PEER_EVENTS, "1 " + PEER_EVENTS);
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(1);
        bed.receive(PEER, false, subscribe.stop());
        assertThat(log.events).last().isEqualTo("unsubscribed 1 " + PEER_EVENTS);
    }

    @Test
    @DisplayName("feat_req_someipsd_1144, feat_req_someipsd_1137, feat_req_someipsd_1164: a subscription the codec "
            + "rejected (conflicting options) is Nacked; other rejected entries are ignored; both are counted")
    void entryRejectedByTheCodecIsNacked() {
        bed.sd.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.advanceUntilSent(200);
        bed.transport.clear();
        SubscribeEventgroup fields = new SubscribeEventgroup(SERVICE, INSTANCE, MAJOR, 3, false, 0, UNICAST_GROUP,
                List.of());
        bed.receiveRejected(PEER, new RejectedSdEntry(0, SdEntry.TYPE_SUBSCRIBE_EVENTGROUP, fields, null,
                EntryRejection.CONFLICTING_OPTIONS, "two UDP endpoints"));
        bed.receiveRejected(PEER, new RejectedSdEntry(0, SdEntry.TYPE_OFFER_SERVICE, remoteOffer(3, PEER_EVENTS), null,
                EntryRejection.MISSING_OPTION, "index past the end"));
        assertThat(bed.transport.sent()).extracting(RecordingTransport.Sent::entry).containsExactly(fields.nack());
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).isEmpty();
        assertThat(bed.refusals.count(SdRefusal.ENTRY_REJECTED)).isEqualTo(2);
    }

    @Test
    @DisplayName("feat_req_someipsd_14: a closed FindHandle sends no more FindService, its listener hears nothing; "
            + "closing twice is harmless")
    void findHandleStopsTheFind() {
        AvailabilityLog availability = new AvailabilityLog();
        FindHandle find = bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.advanceUntilSent(200);
        find.close();
        find.close();
        bed.clock.advance(60_000);
        assertThat(bed.transport.entries(FindService.class)).hasSize(1);
        bed.receive(PEER, true, remoteOffer(3, new InetSocketAddress("10.0.0.2", 41_000)));
        assertThat(availability.events).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_821: close sends a StopOfferService for every offer, stops finds, renewals and "
            + "expiry, and ignores what arrives afterwards")
    void closeStopsEverything() {
        AvailabilityLog availability = new AvailabilityLog();
        bed.sd.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.sd.find(0x4321, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, new AvailabilityLog());
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.sd.subscribe(SERVICE, INSTANCE, MAJOR, UNICAST_GROUP, new InetSocketAddress("10.0.0.1", 42_000), null,
                new SubscriptionLog());
        bed.clock.advance(150);
        bed.receive(PEER, false, remoteOffer(3, new InetSocketAddress("10.0.0.2", 41_000)));
        bed.transport.clear();
        bed.sd.close();
        assertThat(bed.transport.sent()).extracting(RecordingTransport.Sent::entry).containsExactly(
                new StopOfferService(SERVICE, INSTANCE, MAJOR, MINOR, List.of(udp(SERVER_UDP), tcp(SERVER_TCP)),
                        List.of()));
        bed.receive(PEER, false, findAny(), subscribe(UNICAST_GROUP, 3, PEER_EVENTS));
        bed.clock.advance(60_000);
        assertThat(bed.transport.sent()).hasSize(1);
        assertThat(bed.clock.pendingTasks()).isZero();
        assertThat(availability.events).as("no expiry after close").containsExactly("up /10.0.0.2:41000");
    }

    /** Nodes on one manual clock; a message reaches its receivers 1 ms after it was sent. */
    static final class Network {
        final ManualScheduler clock = new ManualScheduler();
        final Map<InetSocketAddress, ServiceDiscovery> nodes = new HashMap<>();

        /** A node at {@code address}, taking the place of one that was there (a reboot, without StopOffer). */
        ServiceDiscovery start(InetSocketAddress address, long seed) {
            ServiceDiscovery[] self = new ServiceDiscovery[1];
            SdTransport transport = (message, session, target) -> {
                if (nodes.get(address) != self[0]) {
                    return; // a node that was replaced is gone from the network
                }
                nodes.forEach((at, node) -> {
                    if (!at.equals(address) && (target == null || target.equals(at))) {
                        clock.schedule(() -> node.onMessage(message, session, address, target == null, List.of()), 1);
                    }
                });
            };
            self[0] = new ServiceDiscovery(clock, transport, SdTestBed.TIMINGS, SdConfig.ipv4(address.getHostString()),
                    AddressFilter.of(List.of("10.0.0.0/24")), new Random(seed),
                    RefusalCounter.of(SdRefusal.class, LoggerFactory.getLogger(ServiceDiscoveryTest.class)));
            nodes.put(address, self[0]);
            return self[0];
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_428, feat_req_someipsd_613, feat_req_someipsd_831, feat_req_someipsd_871: two "
            + "nodes find and subscribe, see the StopOffer, then the server's reboot, and subscribe again")
    void twoNodesFindSubscribeStopAndReboot() {
        InetSocketAddress serverSd = new InetSocketAddress("10.0.0.1", 30490);
        InetSocketAddress clientSd = new InetSocketAddress("10.0.0.2", 30490);
        Network network = new Network();
        ServiceDiscovery server = network.start(serverSd, 1);
        ServiceDiscovery client = network.start(clientSd, 2);
        server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        AvailabilityLog availability = new AvailabilityLog();
        SubscriptionLog subscription = new SubscriptionLog();
        client.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        client.subscribe(SERVICE, INSTANCE, MAJOR, UNICAST_GROUP, PEER_EVENTS, null, subscription);
        network.clock.advance(1000);
        assertThat(availability.events).containsExactly("up " + SERVER_UDP);
        assertThat(subscription.events).containsExactly("acked null");
        assertThat(server.subscribers(OFFERED.instance(), UNICAST_GROUP))
                .containsExactly(new Subscriber(PEER_EVENTS, null, clientSd));

        server.stopOffer(OFFERED.instance());
        network.clock.advance(10);
        assertThat(availability.events).containsExactly("up " + SERVER_UDP, "down STOP_OFFER");
        assertThat(server.subscribers(OFFERED.instance(), UNICAST_GROUP)).isEmpty();

        ServiceDiscovery restarted = network.start(serverSd, 3); // session ids from 1 again
        restarted.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        network.clock.advance(1000);
        assertThat(client.rebootsDetected()).isEqualTo(1);
        assertThat(availability.events).containsExactly("up " + SERVER_UDP, "down STOP_OFFER", "up " + SERVER_UDP);
        assertThat(subscription.events).containsExactly("acked null", "acked null");
        assertThat(restarted.subscribers(OFFERED.instance(), UNICAST_GROUP))
                .containsExactly(new Subscriber(PEER_EVENTS, null, clientSd));
    }
}
