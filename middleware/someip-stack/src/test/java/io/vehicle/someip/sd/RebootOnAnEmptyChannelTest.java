package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.remoteOffer;
import static io.vehicle.someip.sd.SdTestBed.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdTestBed.AvailabilityLog;
import io.vehicle.someip.sd.SdTestBed.SubscriberLog;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.SdEntry;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A reboot whose old and new messages came on different channels: a consumer that found a provider through
 * a unicast answer to its Find, and crashed before the provider's next cyclic offer, hears nothing of the old
 * provider on multicast and nothing of the new one on unicast. The spec's rules compare two messages of one
 * channel, so the reboot would go unseen while the restarted provider's offers keep the service up.
 */
class RebootOnAnEmptyChannelTest {

    static final InetSocketAddress REMOTE_UDP = new InetSocketAddress("10.0.0.2", 41_000);
    static final InetSocketAddress PEER_EVENTS = new InetSocketAddress("10.0.0.2", 42_000);

    final SdTestBed bed = new SdTestBed();
    final AvailabilityLog availability = new AvailabilityLog();

    @Test
    @DisplayName("feat_req_someipsd_863, feat_req_someipsd_871: a provider known only through a unicast offer "
            + "whose first multicast message has session 1 and the reboot flag has restarted (its offers went "
            + "out by multicast before it answered a Find)")
    void providerKnownThroughUnicastRestarts() {
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.receive(PEER, false, true, 4, remoteOffer(3, REMOTE_UDP)); // the answer to our Find
        bed.receive(PEER, true, true, 1, remoteOffer(3, REMOTE_UDP)); // the restarted provider's first offer
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down PEER_REBOOT", "up " + REMOTE_UDP);
        assertThat(bed.sd.rebootsDetected()).isEqualTo(1);
        // its next multicast messages are the same start
        bed.receive(PEER, true, true, 2, remoteOffer(3, REMOTE_UDP));
        assertThat(bed.sd.rebootsDetected()).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_764: a provider's first multicast message heard after its unicast offer, "
            + "with a later session id, is its normal progress")
    void laterMulticastSessionIsNoReboot() {
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.receive(PEER, false, true, 4, remoteOffer(3, REMOTE_UDP));
        bed.receive(PEER, true, true, 9, remoteOffer(3, REMOTE_UDP));
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        assertThat(bed.sd.rebootsDetected()).isZero();
    }

    @Test
    @DisplayName("feat_req_someipsd_764: a client that subscribed by unicast and then sends its first multicast "
            + "message (a Find, session 1) has only started: its subscription stays")
    void clientsFirstMulticastIsNoReboot() {
        SubscriberLog subscribers = new SubscriberLog();
        bed.sd.offer(OFFERED, subscribers);
        bed.advanceUntilSent(200);
        bed.receive(PEER, false, true, 1, subscribe(UNICAST_GROUP, 3, PEER_EVENTS));
        bed.receive(PEER, true, true, 1, new FindService(0x4321, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION,
                SdEntry.ANY_MINOR_VERSION, 3, List.of(), List.of()));
        assertThat(bed.sd.rebootsDetected()).isZero();
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_863: a reboot seen first on unicast is not seen a second time in the "
            + "restarted provider's first multicast message")
    void rebootSeenOnUnicastFirstCountsOnce() {
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.receive(PEER, false, true, 4, remoteOffer(3, REMOTE_UDP));
        bed.receive(PEER, false, true, 1, remoteOffer(3, REMOTE_UDP)); // unicast session went back
        bed.receive(PEER, true, true, 1, remoteOffer(3, REMOTE_UDP));
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down PEER_REBOOT", "up " + REMOTE_UDP);
        assertThat(bed.sd.rebootsDetected()).isEqualTo(1);
    }
}
