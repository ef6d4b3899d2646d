package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.EVENTS_GROUP;
import static io.vehicle.someip.sd.SdTestBed.INSTANCE;
import static io.vehicle.someip.sd.SdTestBed.MAJOR;
import static io.vehicle.someip.sd.SdTestBed.MULTICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.OTHER_PEER;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.subscribe;
import static io.vehicle.someip.sd.SdTestBed.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdTestBed.SubscriberLog;
import io.vehicle.someip.sd.message.Ipv4MulticastOption;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.SubscribeEventgroupAck;
import io.vehicle.someip.sd.message.SubscribeEventgroupNack;
import io.vehicle.someip.sd.message.TransportProtocol;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The server side of eventgroups: which subscriptions are acknowledged, refused, kept and dropped. */
class ServerSideSubscriberTest {

    static final InetSocketAddress PEER_EVENTS = new InetSocketAddress("10.0.0.2", 42_000);
    static final InetSocketAddress PEER_NEW_EVENTS = new InetSocketAddress("10.0.0.2", 42_001);

    final SdPartsBed bed = new SdPartsBed();
    final SubscriberLog subscribers = new SubscriberLog();

    @BeforeEach
    void offerAndLeaveTheInitialWait() {
        bed.server.offer(OFFERED, subscribers);
        bed.advanceUntilSent(200);
        bed.transport.clear();
    }

    List<SdEntry> answersTo(InetSocketAddress peer) {
        return bed.transport.sent().stream().filter(s -> peer.equals(s.target())).map(s -> s.entry()).toList();
    }

    List<Subscriber> current(int group) {
        return bed.server.subscribers(OFFERED.instance(), group);
    }

    void assertNacked(SubscribeEventgroup subscribe) {
        assertThat(answersTo(PEER)).containsExactly(subscribe.nack());
        assertThat(current(subscribe.eventgroupId())).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_432, feat_req_someipsd_441, feat_req_someipsd_613, feat_req_someipsd_614, "
            + "feat_req_someipsd_818: a subscription is kept and answered by a unicast Ack echoing its fields")
    void acceptedSubscriptionIsAcked() {
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        bed.server.onSubscribe(subscribe, PEER, false);
        assertThat(answersTo(PEER)).containsExactly(new SubscribeEventgroupAck(SERVICE, INSTANCE, MAJOR, 3, false, 0,
                UNICAST_GROUP, List.of()));
        assertThat(current(UNICAST_GROUP)).containsExactly(new Subscriber(PEER_EVENTS, null, PEER));
        bed.server.onSubscribe(subscribe, PEER, false);
        assertThat(subscribers.events).containsExactly("subscribed 1 " + PEER_EVENTS, "renewed 1 " + PEER_EVENTS);
    }

    @Test
    @DisplayName("feat_req_someipsd_1194: a renewal that requests initial data gets the initial events again")
    void renewalRequestingInitialDataIsTreatedAsNew() {
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        bed.server.onSubscribe(subscribe, PEER, false);
        SubscribeEventgroup asking = new SubscribeEventgroup(SERVICE, INSTANCE, MAJOR, 3, true, 0, UNICAST_GROUP,
                subscribe.firstRun());
        bed.server.onSubscribe(asking, PEER, false);
        bed.server.onSubscribe(subscribe, PEER, false);
        assertThat(subscribers.events).containsExactly("subscribed 1 " + PEER_EVENTS, "renewed 1 " + PEER_EVENTS,
                "renewed 1 " + PEER_EVENTS);
        assertThat(subscribers.initialEvents).as("initial events for the new and the asking subscription only")
                .containsExactly("1 " + PEER_EVENTS, "1 " + PEER_EVENTS);
        assertThat(current(UNICAST_GROUP)).hasSize(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_1137, feat_req_someipsd_618, feat_req_someipsd_619: unknown service or instance is Nacked")
    void unknownServiceOrInstanceIsNacked() {
        SubscribeEventgroup unknownInstance = new SubscribeEventgroup(SERVICE, INSTANCE + 1, MAJOR, 3, false, 0,
                UNICAST_GROUP, List.of(udp(PEER_EVENTS)));
        bed.server.onSubscribe(unknownInstance, PEER, false);
        assertNacked(unknownInstance);
        bed.transport.clear();
        SubscribeEventgroup unknownService = new SubscribeEventgroup(0x4321, INSTANCE, MAJOR, 3, false, 0,
                UNICAST_GROUP, List.of(udp(PEER_EVENTS)));
        bed.server.onSubscribe(unknownService, PEER, false);
        assertThat(answersTo(PEER)).containsExactly(unknownService.nack());
    }

    @Test
    @DisplayName("feat_req_someipsd_1137, feat_req_someipsd_619: another major version is Nacked")
    void wrongMajorVersionIsNacked() {
        SubscribeEventgroup subscribe = new SubscribeEventgroup(SERVICE, INSTANCE, MAJOR + 1, 3, false, 0,
                UNICAST_GROUP, List.of(udp(PEER_EVENTS)));
        bed.server.onSubscribe(subscribe, PEER, false);
        assertNacked(subscribe);
    }

    @Test
    @DisplayName("feat_req_someipsd_1137: an eventgroup the service does not have is Nacked")
    void unknownEventgroupIsNacked() {
        SubscribeEventgroup subscribe = subscribe(0x77, 3, PEER_EVENTS);
        bed.server.onSubscribe(subscribe, PEER, false);
        assertNacked(subscribe);
    }

    @Test
    @DisplayName("feat_req_someipsd_1137: a subscription the application refuses is Nacked and not kept")
    void refusedByTheListenerIsNacked() {
        subscribers.accept = false;
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        bed.server.onSubscribe(subscribe, PEER, false);
        // Only a Nack: no Ack goes out first (feat_req_someipsd_1137).
        assertThat(answersTo(PEER)).containsExactly(subscribe.nack());
        assertThat(current(UNICAST_GROUP)).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_763, feat_req_someipsd_725: the Ack of a multicast eventgroup references "
            + "the IPv4 Multicast Option of the group")
    void multicastEventgroupAckCarriesTheGroup() {
        bed.server.onSubscribe(subscribe(MULTICAST_GROUP, 3, PEER_EVENTS), PEER, false);
        assertThat(answersTo(PEER)).singleElement().isInstanceOfSatisfying(SubscribeEventgroupAck.class,
                ack -> assertThat(ack.options()).containsExactly(new Ipv4MulticastOption(
                        (Inet4Address) EVENTS_GROUP.getAddress(), TransportProtocol.UDP, EVENTS_GROUP.getPort())));
    }

    @Test
    @DisplayName("feat_req_someipsd_445, feat_req_someipsd_322: a subscriber not renewed within its TTL is dropped")
    void subscriberExpiresAfterItsTtl() {
        bed.server.onSubscribe(subscribe(UNICAST_GROUP, 3, PEER_EVENTS), PEER, false);
        bed.clock.advance(2900);
        assertThat(current(UNICAST_GROUP)).hasSize(1);
        bed.clock.advance(300);
        assertThat(current(UNICAST_GROUP)).isEmpty();
        assertThat(subscribers.events).containsExactly("subscribed 1 " + PEER_EVENTS,
                "unsubscribed 1 " + PEER_EVENTS);
    }

    @Test
    @DisplayName("feat_req_someipsd_1297, feat_req_someipsd_433: a StopSubscribeEventgroup removes only that peer's subscriber")
    void stopSubscribeRemovesTheSubscriber() {
        InetSocketAddress otherEvents = new InetSocketAddress("10.0.0.3", 42_000);
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        bed.server.onSubscribe(subscribe, PEER, false);
        bed.server.onSubscribe(subscribe(UNICAST_GROUP, 3, otherEvents), OTHER_PEER, false);
        bed.server.onStopSubscribe(subscribe.stop(), PEER);
        assertThat(current(UNICAST_GROUP)).containsExactly(new Subscriber(otherEvents, null, OTHER_PEER));
        assertThat(subscribers.events).contains("unsubscribed 1 " + PEER_EVENTS);
    }

    @Test
    @DisplayName("feat_req_someipsd_445: a new subscription from the same peer with new endpoints replaces the old subscriber")
    void newEndpointsReplaceTheOldSubscriber() {
        bed.server.onSubscribe(subscribe(UNICAST_GROUP, 3, PEER_EVENTS), PEER, false);
        bed.server.onSubscribe(subscribe(UNICAST_GROUP, 3, PEER_NEW_EVENTS), PEER, false);
        assertThat(current(UNICAST_GROUP)).containsExactly(new Subscriber(PEER_NEW_EVENTS, null, PEER));
        assertThat(subscribers.events).containsExactly("subscribed 1 " + PEER_EVENTS,
                "unsubscribed 1 " + PEER_EVENTS, "subscribed 1 " + PEER_NEW_EVENTS);
    }

    @Test
    @DisplayName("feat_req_someipsd_830: stopping the offer deletes all its subscriptions")
    void stopOfferDropsTheSubscribers() {
        bed.server.onSubscribe(subscribe(UNICAST_GROUP, 3, PEER_EVENTS), PEER, false);
        bed.server.stopOffer(OFFERED.instance());
        assertThat(current(UNICAST_GROUP)).isEmpty();
        assertThat(subscribers.events).containsExactly("subscribed 1 " + PEER_EVENTS,
                "unsubscribed 1 " + PEER_EVENTS);
    }
}
