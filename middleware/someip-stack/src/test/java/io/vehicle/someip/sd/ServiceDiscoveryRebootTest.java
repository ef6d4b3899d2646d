package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.OTHER_PEER;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.remoteOffer;
import static io.vehicle.someip.sd.SdTestBed.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.RecordingTransport.Sent;
import io.vehicle.someip.sd.SdTestBed.AvailabilityLog;
import io.vehicle.someip.sd.SdTestBed.SubscriberLog;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.SdEntry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a peer's reboot does to its services and subscriptions, and our own session ids and reboot flag. */
class ServiceDiscoveryRebootTest {

    static final InetSocketAddress REMOTE_UDP = new InetSocketAddress("10.0.0.2", 41_000);
    static final InetSocketAddress PEER_EVENTS = new InetSocketAddress("10.0.0.2", 42_000);

    final SdTestBed bed = new SdTestBed();
    final AvailabilityLog availability = new AvailabilityLog();
    final SubscriberLog subscribers = new SubscriberLog();
    final List<InetSocketAddress> rebooted = new ArrayList<>();

    @BeforeEach
    void peerOffersAndSubscribes() {
        bed.sd.onPeerReboot(rebooted::add);
        bed.sd.offer(OFFERED, subscribers);
        bed.advanceUntilSent(200);
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.receive(PEER, true, true, 10, remoteOffer(3, REMOTE_UDP));
        bed.receive(PEER, false, true, 20, subscribe(UNICAST_GROUP, 3, PEER_EVENTS));
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_871, feat_req_someipsd_872, feat_req_someipsd_764: on a peer's reboot its "
            + "services go down, its subscriptions are dropped and the reboot listeners are told, once")
    void rebootExpiresThePeersServicesAndSubscriptions() {
        bed.receive(PEER, true, true, 1); // multicast session went back: rebooted
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down PEER_REBOOT");
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).isEmpty();
        assertThat(subscribers.events).containsExactly("subscribed 1 " + PEER_EVENTS, "unsubscribed 1 " + PEER_EVENTS);
        assertThat(rebooted).containsExactly(PEER);
        // The same reboot seen on the unicast channel is not a second one.
        bed.receive(PEER, false, true, 1);
        assertThat(rebooted).containsExactly(PEER);
        assertThat(bed.sd.rebootsDetected()).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_871: the entries of the message that shows the reboot are processed after it")
    void offerInTheRebootMessageBringsTheServiceBack() {
        bed.receive(PEER, true, true, 1, remoteOffer(3, REMOTE_UDP));
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down PEER_REBOOT", "up " + REMOTE_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_765, feat_req_someipsd_764: no reboot for increasing sessions, nor for "
            + "another peer starting, nor for a unicast session lower than the multicast one")
    void noFalseReboots() {
        bed.receive(PEER, true, true, 11, remoteOffer(3, REMOTE_UDP));
        bed.receive(PEER, false, true, 21);
        bed.receive(OTHER_PEER, true, true, 1);
        bed.receive(OTHER_PEER, false, true, 1);
        assertThat(rebooted).isEmpty();
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_765, feat_req_someipsd_39, feat_req_someipsd_40: our session ids are counted "
            + "for multicast and per unicast peer separately, with the reboot flag set")
    void ownSessionCountersPerRelation() {
        bed.transport.clear();
        bed.receive(PEER, false, new FindService(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION,
                SdEntry.ANY_MINOR_VERSION, 3, List.of(), List.of()));
        bed.receive(OTHER_PEER, false, new FindService(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION,
                SdEntry.ANY_MINOR_VERSION, 3, List.of(), List.of()));
        bed.clock.advance(1000); // repetitions of our offer go out by multicast
        List<Sent> sent = bed.transport.sent();
        assertThat(sent).filteredOn(s -> PEER.equals(s.target())).extracting(Sent::sessionId)
                .containsExactly(2); // 1 was the Ack of the subscription
        assertThat(sent).filteredOn(s -> OTHER_PEER.equals(s.target())).extracting(Sent::sessionId)
                .containsExactly(1);
        assertThat(sent).filteredOn(Sent::multicast).extracting(Sent::sessionId).containsExactly(2, 3, 4);
        assertThat(sent).allSatisfy(s -> assertThat(s.message().reboot()).isTrue());
    }
}
