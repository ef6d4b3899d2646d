package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.EVENTS_GROUP;
import static io.vehicle.someip.sd.SdTestBed.INSTANCE;
import static io.vehicle.someip.sd.SdTestBed.MAJOR;
import static io.vehicle.someip.sd.SdTestBed.MULTICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.remoteOffer;
import static io.vehicle.someip.sd.SdTestBed.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.RecordingTransport.Sent;
import io.vehicle.someip.sd.SdTestBed.SubscriptionLog;
import io.vehicle.someip.sd.message.Ipv4MulticastOption;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.StopSubscribeEventgroup;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client side of eventgroup subscriptions: when SubscribeEventgroup goes out, Acks and Nacks. */
class ClientSideSubscriptionTest {

    static final InetSocketAddress REMOTE_UDP = new InetSocketAddress("10.0.0.2", 41_000);
    static final InetSocketAddress MY_EVENTS = new InetSocketAddress("10.0.0.1", 42_000);
    static final ServiceDiscovery.Endpoints MINE = new ServiceDiscovery.Endpoints(MY_EVENTS, null);

    final SdPartsBed bed = new SdPartsBed();
    final SubscriptionLog log = new SubscriptionLog();

    void subscribe() {
        bed.client.subscribe(new ServiceSelector(SERVICE, INSTANCE, MAJOR), UNICAST_GROUP, () -> MINE, log);
    }

    /** Lets REQUEST_RESPONSE_DELAY pass: subscriptions answering a multicast offer wait for it. */
    void settle() {
        bed.clock.advance(SdTestBed.TIMINGS.requestResponseDelayMaxMs());
    }

    List<Sent> subscribes() {
        return bed.transport.sent(SubscribeEventgroup.class);
    }

    SubscribeEventgroup expectedSubscribe() {
        return expectedSubscribe(false);
    }

    SubscribeEventgroup expectedSubscribe(boolean initialDataRequested) {
        return new SubscribeEventgroup(SERVICE, INSTANCE, MAJOR, 3, initialDataRequested, 0, UNICAST_GROUP,
                List.of(udp(MY_EVENTS)));
    }

    @Test
    @DisplayName("feat_req_someipsd_428, feat_req_someipsd_431, feat_req_someipsd_631, feat_req_someipsd_322, "
            + "feat_req_someipsd_682, feat_req_someipsd_818, feat_req_someipsd_1191, feat_req_someipsd_1192: each "
            + "offer is answered with a unicast SubscribeEventgroup to its sender, naming our endpoint; only the "
            + "first asks for initial data")
    void subscribesInAnswerToEachOffer() {
        subscribe();
        bed.clock.advance(1000);
        assertThat(subscribes()).as("nothing is subscribed before an offer").isEmpty();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.client.onAck(expectedSubscribe().ack(3, List.of()), PEER);
        bed.clock.advance(1000);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        assertThat(subscribes()).hasSize(2).allSatisfy(s -> assertThat(s.target()).isEqualTo(PEER));
        assertThat(bed.transport.entries(SubscribeEventgroup.class)).containsExactly(
                expectedSubscribe(true), expectedSubscribe(false));
        assertThat(bed.transport.entries(StopSubscribeEventgroup.class)).as("acknowledged: no restart").isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_431, issue #13 (vsomeip interop): the acknowledged Subscribe answering an offer "
            + "restarts the renewal timer, so Repetition Phase offers 10-40 ms later get no identical Subscribe; "
            + "the next cyclic offer a second later is answered")
    void repetitionOffersRightAfterAnAckedSubscribeAreNotAnsweredAgain() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        assertThat(subscribes()).hasSize(1);
        long first = subscribes().get(0).at();
        bed.client.onAck(expectedSubscribe().ack(3, List.of()), PEER);
        for (long gap : new long[] {10, 20, 40}) { // a Repetition Phase: 10, 20, 40 ms
            bed.clock.advance(gap);
            bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
            settle();
        }
        bed.client.renewSubscriptions(SERVICE, INSTANCE); // a proxy's reconnect right after: fresh too
        assertThat(subscribes()).as("no identical Subscribe while the acknowledged one is fresh").hasSize(1);
        bed.clock.advance(1000 - (bed.clock.nowMillis() - first));
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true); // Main Phase, cyclic
        settle();
        assertThat(subscribes()).hasSize(2);
        assertThat(subscribes().get(1).at() - first).as("answered a second later").isGreaterThanOrEqualTo(1000);
        assertThat(bed.transport.entries(SubscribeEventgroup.class)).containsExactly(expectedSubscribe(true),
                expectedSubscribe(false));
    }

    @Test
    @DisplayName("issue #13: without an Ack the next offer is still answered at once (the first Subscribe may be lost)")
    void unacknowledgedSubscribeIsRepeatedOnTheNextOffer() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.clock.advance(20);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        assertThat(subscribes()).hasSize(2);
    }

    @Test
    @DisplayName("feat_req_someipsd_844, feat_req_someipsd_1178: without an Ack before the next multicast offer, "
            + "StopSubscribe and Subscribe go out next to each other in one message (once the Ack is overdue)")
    void missingAckRestartsTheSubscription() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        // A Repetition Phase offer 20 ms later: the Ack may still be on its way, no restart yet.
        bed.clock.advance(20);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        assertThat(bed.transport.entries(StopSubscribeEventgroup.class)).isEmpty();
        bed.clock.advance(1000);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        Sent last = bed.transport.sent().get(bed.transport.sent().size() - 1);
        assertThat(last.target()).isEqualTo(PEER);
        assertThat(last.message().entries()).containsExactly(expectedSubscribe(false).stop(),
                expectedSubscribe(true));
        // A subscription renewed by itself (no multicast offer involved) does not restart.
        bed.clock.advance(1000);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, false);
        assertThat(bed.transport.entries(StopSubscribeEventgroup.class)).hasSize(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_613, feat_req_someipsd_441: the first Ack tells the listener; renewals' Acks do not")
    void ackTellsTheListenerOnce() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.client.onAck(expectedSubscribe().ack(3, List.of()), PEER);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.client.onAck(expectedSubscribe().ack(3, List.of()), PEER);
        assertThat(log.events).containsExactly("acked null");
    }

    @Test
    @DisplayName("feat_req_someipsd_763: an Ack with an IPv4 Multicast Option tells where the events arrive")
    void ackWithMulticastOption() {
        bed.client.subscribe(new ServiceSelector(SERVICE, INSTANCE, MAJOR), MULTICAST_GROUP, () -> MINE, log);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        SubscribeEventgroup sent = (SubscribeEventgroup) subscribes().get(0).entry();
        bed.client.onAck(sent.ack(3, List.of(new Ipv4MulticastOption(
                (Inet4Address) EVENTS_GROUP.getAddress(), TransportProtocol.UDP, EVENTS_GROUP.getPort()))), PEER);
        assertThat(log.events).containsExactly("acked " + EVENTS_GROUP);
    }

    @Test
    @DisplayName("feat_req_someipsd_618: a Nack tells the listener")
    void nackTellsTheListener() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.client.onNack(expectedSubscribe().nack(), PEER);
        assertThat(log.events).containsExactly("nacked");
    }

    @Test
    @DisplayName("feat_req_someipsd_433, feat_req_someipsd_333, feat_req_someipsd_1177, feat_req_someipsd_822: "
            + "unsubscribe sends a StopSubscribeEventgroup with the subscription's fields and options")
    void unsubscribeSendsStopSubscribe() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.client.unsubscribe(SERVICE, INSTANCE, UNICAST_GROUP);
        assertThat(bed.transport.sent(StopSubscribeEventgroup.class)).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo(PEER);
            assertThat(s.entry()).isEqualTo(expectedSubscribe().stop());
            assertThat(s.entry().ttl()).isZero();
        });
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        assertThat(subscribes()).as("no more subscriptions after unsubscribe").hasSize(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_829, feat_req_someipsd_431: without cyclic offers the subscription is "
            + "renewed before its TTL runs out")
    void renewedBeforeTtlWithoutCyclicOffers() {
        subscribe();
        bed.client.onOffer(remoteOffer(SdEntry.TTL_UNTIL_REBOOT, REMOTE_UDP), PEER, true);
        settle(); // no further offers come
        bed.clock.advance(10_000);
        List<Long> times = subscribes().stream().map(Sent::at).toList();
        assertThat(times).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("gap before renewal %d", i).isLessThan(3000L);
        }
        assertThat(bed.clock.nowMillis() - times.get(times.size() - 1)).isLessThan(3000L);
    }

    @Test
    @DisplayName("feat_req_someipsd_871, feat_req_someipsd_431: a service that went down is not subscribed; "
            + "its next offer brings the subscription back")
    void subscriptionFollowsTheOffers() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.client.onAck(expectedSubscribe().ack(3, List.of()), PEER);
        bed.client.onStopOffer(remoteOffer(3, REMOTE_UDP).stop(), PEER);
        settle();
        bed.clock.advance(10_000);
        assertThat(subscribes()).hasSize(1);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        settle();
        bed.client.onAck(expectedSubscribe().ack(3, List.of()), PEER);
        assertThat(subscribes()).hasSize(2);
        assertThat(log.events).as("acked again after the service came back").containsExactly("acked null", "acked null");
    }

    @Test
    @DisplayName("feat_req_someipsd_766: a subscription answering a multicast offer waits REQUEST_RESPONSE_DELAY; "
            + "one answering a unicast offer goes at once")
    void subscriptionWaitsRequestResponseDelayAfterMulticastOffer() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        bed.clock.advance(SdTestBed.TIMINGS.requestResponseDelayMinMs() - 1);
        assertThat(subscribes()).as("before REQUEST_RESPONSE_DELAY's minimum").isEmpty();
        bed.clock.advance(SdTestBed.TIMINGS.requestResponseDelayMaxMs());
        assertThat(subscribes()).as("by its maximum").hasSize(1);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, false);
        assertThat(subscribes()).as("a unicast offer is answered at once").hasSize(2);
    }

    @Test
    @DisplayName("feat_req_someipsd_766: a client that connects while the answer to a multicast offer waits sends "
            + "one Subscribe, after the delay, not one at once and another later")
    void renewalDuringTheDelayWaitsForTheDelayedAnswer() {
        subscribe();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        bed.client.renewSubscriptions(SERVICE, INSTANCE); // what a proxy does when its connection is up
        assertThat(subscribes()).as("nothing before REQUEST_RESPONSE_DELAY").isEmpty();
        settle();
        assertThat(subscribes()).hasSize(1);
        bed.client.renewSubscriptions(SERVICE, INSTANCE); // after the delay a renewal goes at once
        assertThat(subscribes()).hasSize(2);
    }
}
