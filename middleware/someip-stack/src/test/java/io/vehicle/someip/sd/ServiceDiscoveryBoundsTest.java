package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.remoteOffer;
import static io.vehicle.someip.sd.SdTestBed.subscribe;
import static io.vehicle.someip.sd.SdTestBed.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.RecordingTransport.Sent;
import io.vehicle.someip.sd.SdTestBed.AvailabilityLog;
import io.vehicle.someip.sd.SdTestBed.SubscriberLog;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What SD keeps for other nodes is bounded: subscribers per eventgroup and in all, per-sender state
 * (reboot history, our session counters) that is forgotten for quiet senders holding nothing, and
 * remote instances remembered; identical finds in one message are answered once; unreachable
 * subscribers are dropped.
 */
class ServiceDiscoveryBoundsTest {

    static final InetSocketAddress REMOTE_UDP = new InetSocketAddress("10.0.0.2", 41_000);

    /** The i-th of many senders in 10.0.0.0/24: address 10..249, port 30490 and up. */
    static InetSocketAddress sender(int i) {
        return new InetSocketAddress("10.0.0." + (10 + i % 240), 30_490 + i / 240);
    }

    static SubscribeEventgroup subscribeFrom(InetSocketAddress sender, int eventgroup) {
        return subscribe(eventgroup, 3, new InetSocketAddress(sender.getAddress(), 42_000));
    }

    @Test
    @DisplayName("feat_req_someipsd_1137: a new subscriber beyond the limit per eventgroup or in all is Nacked "
            + "and counted; renewals and a subscriber replacing its own subscription are not")
    void subscribersAreBounded() {
        SdTestBed bed = new SdTestBed(new SdLimits(2, 3, 1024, 30_000, 1024), SdTrust.defaults());
        SubscriberLog log = new SubscriberLog();
        bed.sd.offer(OFFERED, log);
        bed.advanceUntilSent(200);
        bed.receive(sender(1), false, subscribeFrom(sender(1), UNICAST_GROUP));
        bed.receive(sender(2), false, subscribeFrom(sender(2), UNICAST_GROUP));
        SubscribeEventgroup third = subscribeFrom(sender(3), UNICAST_GROUP);
        bed.receive(sender(3), false, third);
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(2);
        assertThat(lastTo(bed, sender(3))).isEqualTo(third.nack());
        // A renewal, and new endpoints of a subscriber already counted, still fit.
        bed.receive(sender(1), false, subscribeFrom(sender(1), UNICAST_GROUP));
        bed.receive(sender(2), false, subscribe(UNICAST_GROUP, 3, new InetSocketAddress(sender(2).getAddress(), 43_000)));
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(2);
        // The total: 2 in one eventgroup, 1 in the other, then no more.
        bed.receive(sender(4), false, subscribeFrom(sender(4), SdTestBed.MULTICAST_GROUP));
        SubscribeEventgroup fourth = subscribeFrom(sender(5), SdTestBed.MULTICAST_GROUP);
        bed.receive(sender(5), false, fourth);
        assertThat(lastTo(bed, sender(5))).isEqualTo(fourth.nack());
        assertThat(bed.refusals.count(SdRefusal.SUBSCRIBER_LIMIT)).isEqualTo(2);
    }

    /** The i-th SD port of one host, whose events go to a port of its own. */
    static InetSocketAddress port(String host, int i) {
        return new InetSocketAddress(host, 30_490 + i);
    }

    static SubscribeEventgroup subscribeFromPort(InetSocketAddress sender, int eventgroup) {
        return subscribe(eventgroup, SdEntry.TTL_UNTIL_REBOOT, new InetSocketAddress(sender.getAddress(),
                42_000 + sender.getPort() - 30_490));
    }

    static List<InetSocketAddress> sdPeers(SdTestBed bed, int eventgroup) {
        return bed.sd.subscribers(OFFERED.instance(), eventgroup).stream().map(Subscriber::sdPeer).toList();
    }

    @Test
    @DisplayName("feat_req_someipsd_1137: one host subscribing from many ports cannot keep every slot of an "
            + "eventgroup: a host holding fewer takes the oldest slot of the host holding the most, that host's "
            + "new subscriptions are Nacked, and hosts holding one slot each do not push one another out")
    void oneHostCannotTakeEverySlot() {
        SdTestBed bed = new SdTestBed(new SdLimits(4, 1024, 1024, 30_000, 1024), SdTrust.defaults());
        SubscriberLog log = new SubscriberLog();
        bed.sd.offer(OFFERED, log);
        bed.advanceUntilSent(200);
        String attacker = "10.0.0.66";
        for (int i = 0; i < 4; i++) {
            SubscribeEventgroup s = subscribeFromPort(port(attacker, i), UNICAST_GROUP);
            bed.receive(port(attacker, i), false, s);
            assertThat(lastTo(bed, port(attacker, i))).isEqualTo(s.ack(s.ttl(), List.of()));
        }
        SubscribeEventgroup fifth = subscribeFromPort(port(attacker, 4), UNICAST_GROUP);
        bed.receive(port(attacker, 4), false, fifth);
        assertThat(lastTo(bed, port(attacker, 4))).as("the host holding the most").isEqualTo(fifth.nack());

        InetSocketAddress consumer = port("10.0.0.2", 0);
        SubscribeEventgroup legit = subscribeFromPort(consumer, UNICAST_GROUP);
        bed.receive(consumer, false, legit);
        assertThat(lastTo(bed, consumer)).isEqualTo(legit.ack(legit.ttl(), List.of()));
        assertThat(sdPeers(bed, UNICAST_GROUP)).containsExactly(port(attacker, 1), port(attacker, 2),
                port(attacker, 3), consumer);
        assertThat(log.events).contains("unsubscribed 1 " + new InetSocketAddress(attacker, 42_000));
        assertThat(bed.refusals.count(SdRefusal.SUBSCRIBER_EVICTED)).isEqualTo(1);

        // The attacker subscribing again, from the evicted port or another, is Nacked: 3 against 1.
        for (int i : new int[] {0, 5, 6}) {
            SubscribeEventgroup again = subscribeFromPort(port(attacker, i), UNICAST_GROUP);
            bed.receive(port(attacker, i), false, again);
            assertThat(lastTo(bed, port(attacker, i))).isEqualTo(again.nack());
        }
        // Renewals of its remaining slots are still renewals.
        SubscribeEventgroup renewal = subscribeFromPort(port(attacker, 3), UNICAST_GROUP);
        bed.receive(port(attacker, 3), false, renewal);
        assertThat(lastTo(bed, port(attacker, 3))).isEqualTo(renewal.ack(renewal.ttl(), List.of()));

        // Two more hosts take a slot each until every host holds one; a fifth host is Nacked then.
        for (String host : List.of("10.0.0.3", "10.0.0.4")) {
            bed.receive(port(host, 0), false, subscribeFromPort(port(host, 0), UNICAST_GROUP));
        }
        assertThat(sdPeers(bed, UNICAST_GROUP)).containsExactly(port(attacker, 3), consumer, port("10.0.0.3", 0),
                port("10.0.0.4", 0));
        SubscribeEventgroup fifthHost = subscribeFromPort(port("10.0.0.5", 0), UNICAST_GROUP);
        bed.receive(port("10.0.0.5", 0), false, fifthHost);
        assertThat(lastTo(bed, port("10.0.0.5", 0))).isEqualTo(fifthHost.nack());
        assertThat(bed.refusals.count(SdRefusal.SUBSCRIBER_EVICTED)).isEqualTo(3);
        assertThat(bed.refusals.count(SdRefusal.SUBSCRIBER_LIMIT)).isEqualTo(5);
    }

    @Test
    @DisplayName("feat_req_someipsd_1137: at the bound in all, a host holding fewer takes the oldest slot the "
            + "largest host holds in any eventgroup")
    void oneHostCannotTakeEverySlotOfTheNode() {
        SdTestBed bed = new SdTestBed(new SdLimits(3, 4, 1024, 30_000, 1024), SdTrust.defaults());
        bed.sd.offer(OFFERED, new SubscriberLog());
        bed.advanceUntilSent(200);
        String attacker = "10.0.0.66";
        bed.receive(port(attacker, 0), false, subscribeFromPort(port(attacker, 0), SdTestBed.MULTICAST_GROUP));
        for (int i = 1; i < 4; i++) {
            bed.receive(port(attacker, i), false, subscribeFromPort(port(attacker, i), UNICAST_GROUP));
        }
        InetSocketAddress consumer = port("10.0.0.2", 0);
        SubscribeEventgroup legit = subscribeFromPort(consumer, SdTestBed.MULTICAST_GROUP);
        bed.receive(consumer, false, legit);
        assertThat(lastTo(bed, consumer).ttl()).as("Acked").isPositive();
        assertThat(sdPeers(bed, SdTestBed.MULTICAST_GROUP)).containsExactly(consumer);
        assertThat(sdPeers(bed, UNICAST_GROUP)).hasSize(3);
        assertThat(bed.refusals.count(SdRefusal.SUBSCRIBER_EVICTED)).isEqualTo(1);
    }

    static SdEntry lastTo(SdTestBed bed, InetSocketAddress target) {
        List<Sent> to = bed.transport.sent().stream().filter(s -> target.equals(s.target())).toList();
        return to.get(to.size() - 1).entry();
    }

    @Test
    @DisplayName("feat_req_someipsd_765, feat_req_someipsd_871: per-sender state stays within its bound under "
            + "10,000 senders; the provider we use keeps its reboot history and our session counter")
    void perSenderStateIsBounded() {
        SdTestBed bed = new SdTestBed(new SdLimits(16, 1024, 64, 30_000, 1024), SdTrust.defaults());
        AvailabilityLog availability = new AvailabilityLog();
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.sd.subscribe(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, UNICAST_GROUP,
                new InetSocketAddress("10.0.0.1", 42_000), null, new SdTestBed.SubscriptionLog());
        bed.receive(PEER, false, false, 100, remoteOffer(3, REMOTE_UDP));
        bed.clock.advance(SdSweep.INTERVAL_MS); // a sweep notes who holds state
        int ourSessionBefore = lastSessionTo(bed, PEER);
        FindService find = new FindService(0x7777, 1, 1, 0, 3, List.of());
        for (int i = 0; i < 10_000; i++) {
            bed.receive(sender(i), false, true, 1, find);
            if (i % 1_000 == 0) {
                bed.clock.advance(1);
            }
        }
        assertThat(bed.sd.peersRemembered()).isLessThanOrEqualTo(64);
        assertThat(bed.refusals.count(SdRefusal.PEER_STATE_EVICTED)).isGreaterThanOrEqualTo(10_000 - 64);
        // The provider's next message with the reboot flag rising is still seen as its reboot.
        bed.receive(PEER, false, true, 1);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down PEER_REBOOT");
        // Our counter towards it went on: a reset would make the provider see a reboot of ours.
        bed.receive(PEER, false, false, 101, remoteOffer(3, REMOTE_UDP));
        assertThat(lastSessionTo(bed, PEER)).isGreaterThan(ourSessionBefore);
    }

    static int lastSessionTo(SdTestBed bed, InetSocketAddress target) {
        List<Sent> to = bed.transport.sent().stream().filter(s -> target.equals(s.target())).toList();
        return to.isEmpty() ? 0 : to.get(to.size() - 1).sessionId();
    }

    @Test
    @DisplayName("feat_req_someipsd_765: the state of senders that hold nothing is forgotten once they are quiet")
    void quietSendersAreForgotten() {
        SdTestBed bed = new SdTestBed();
        AvailabilityLog availability = new AvailabilityLog();
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.receive(PEER, false, remoteOffer(SdEntry.TTL_UNTIL_REBOOT, REMOTE_UDP));
        for (int i = 0; i < 100; i++) {
            bed.receive(sender(i), false, new FindService(0x7777, 1, 1, 0, 3, List.of()));
        }
        assertThat(bed.sd.peersRemembered()).isEqualTo(101);
        bed.clock.advance(SdLimits.defaults().peerIdleMillis() + SdSweep.INTERVAL_MS);
        assertThat(bed.sd.peersRemembered()).as("only the provider, which holds a service of ours").isEqualTo(1);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
    }

    @Test
    @DisplayName("remote instances are bounded: beyond the bound, offers nobody wants are refused and a wanted "
            + "one takes the place of an unwanted one")
    void remoteServicesAreBounded() {
        SdTestBed bed = new SdTestBed(new SdLimits(16, 1024, 1024, 30_000, 3), SdTrust.defaults());
        for (int s = 0; s < 5; s++) {
            bed.receive(PEER, false, new OfferService(0x6000 + s, 1, 1, 0, 3, List.of(udp(REMOTE_UDP))));
        }
        assertThat(bed.refusals.count(SdRefusal.REMOTE_SERVICE_LIMIT)).isEqualTo(2);
        AvailabilityLog wanted = new AvailabilityLog();
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, wanted);
        bed.receive(PEER, false, remoteOffer(3, REMOTE_UDP));
        assertThat(wanted.events).containsExactly("up " + REMOTE_UDP);
        assertThat(bed.refusals.count(SdRefusal.REMOTE_SERVICE_LIMIT)).isEqualTo(2);
    }

    @Test
    @DisplayName("feat_req_someipsd_238: identical FindService entries in one message are answered once")
    void identicalFindsAnsweredOnce() {
        // No cyclic offers: every find is answered by unicast, and nothing else is sent meanwhile.
        SdTestBed bed = new SdTestBed(new SdTimings(10, 100, 100, 3, 0, 10, 50, 3, 3), 42);
        bed.sd.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.clock.advance(5_000); // past the Repetition Phase
        bed.transport.clear();
        FindService find = new FindService(SERVICE, 1, 1, SdEntry.ANY_MINOR_VERSION, 3, List.of());
        bed.receive(PEER, false, find, find, find, find);
        bed.clock.advance(100);
        assertThat(bed.transport.entries(OfferService.class)).hasSize(1);
        FindService any = new FindService(SERVICE, SdEntry.ANY_INSTANCE, 1, SdEntry.ANY_MINOR_VERSION, 3, List.of());
        bed.receive(PEER, false, find, any);
        bed.clock.advance(100);
        assertThat(bed.transport.entries(OfferService.class)).as("different finds answered each").hasSize(3);
    }

    @Test
    @DisplayName("a subscriber whose event endpoint was found unreachable is dropped; the others stay")
    void unreachableSubscribersAreDropped() {
        SdTestBed bed = new SdTestBed();
        SubscriberLog log = new SubscriberLog();
        bed.sd.offer(OFFERED, log);
        bed.advanceUntilSent(200);
        SubscribeEventgroup dead = subscribeFrom(sender(1), UNICAST_GROUP);
        bed.receive(sender(1), false, dead);
        bed.receive(sender(2), false, subscribeFrom(sender(2), UNICAST_GROUP));
        InetSocketAddress deadEndpoint = new InetSocketAddress(sender(1).getAddress(), 42_000);
        bed.sd.dropSubscribersAt(deadEndpoint);
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).extracting(Subscriber::sdPeer)
                .containsExactly(sender(2));
        assertThat(log.events).contains("unsubscribed 1 " + deadEndpoint);
    }
}
