package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.INSTANCE;
import static io.vehicle.someip.sd.SdTestBed.OTHER_PEER;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.remoteOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.RecordingTransport.Sent;
import io.vehicle.someip.sd.SdTestBed.AvailabilityLog;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.SdEntry;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client side's find state machine and the availability of remote services (offers, StopOffer, TTL). */
class ClientSideFindTest {

    static final InetSocketAddress REMOTE_UDP = new InetSocketAddress("10.0.0.2", 41_000);
    static final InetSocketAddress MOVED_UDP = new InetSocketAddress("10.0.0.2", 41_500);

    final SdPartsBed bed = new SdPartsBed();
    final AvailabilityLog availability = new AvailabilityLog();

    void findAny() {
        bed.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
    }

    @Test
    @DisplayName("feat_req_someipsd_62, feat_req_someipsd_67, feat_req_someipsd_76, feat_req_someipsd_73, "
            + "feat_req_someipsd_866, feat_req_someipsd_239: FindService after the initial wait, repeated with "
            + "doubling delays, never cyclically")
    void findRepeatsThenStops() {
        findAny();
        long first = bed.advanceUntilSent(200);
        assertThat(first).isBetween(10L, 100L);
        bed.clock.advance(60_000);
        assertThat(bed.transport.sent()).allMatch(Sent::multicast).extracting(s -> s.at() - first)
                .containsExactly(0L, 100L, 300L, 700L);
        assertThat(bed.transport.entries(FindService.class)).first().isEqualTo(new FindService(SERVICE,
                SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, SdEntry.ANY_MINOR_VERSION, 3, List.of(), List.of()));
    }

    @Test
    @DisplayName("feat_req_someipsd_73: two listeners of one service share one find process, no duplicate entries")
    void twoListenersShareOneFind() {
        findAny();
        bed.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, new AvailabilityLog());
        bed.clock.advance(60_000);
        assertThat(bed.transport.entries(FindService.class)).hasSize(4);
    }

    @Test
    @DisplayName("feat_req_someipsd_14: a stopped find sends no more FindService and tells its listener nothing")
    void stoppedFindIsSilent() {
        ClientSide.Find find = bed.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        long first = bed.advanceUntilSent(200);
        bed.client.stopFind(find);
        bed.client.stopFind(find); // idempotent
        bed.clock.advance(60_000);
        assertThat(bed.transport.sent()).extracting(Sent::at).containsExactly(first);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        assertThat(availability.events).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_73: when one of two listeners stops finding, the other's find goes on")
    void stoppingOneOfTwoFindsKeepsTheOther() {
        ClientSide.Find first = bed.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, new AvailabilityLog());
        bed.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.advanceUntilSent(200);
        bed.client.stopFind(first);
        bed.clock.advance(60_000);
        assertThat(bed.transport.entries(FindService.class)).hasSizeGreaterThan(1);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_867, feat_req_someipsd_238: finding stops once the offer was seen")
    void findStopsOnceOffered() {
        findAny();
        bed.advanceUntilSent(200);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        bed.clock.advance(2000);
        assertThat(bed.transport.entries(FindService.class)).hasSize(1);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_238: a service already offered is not looked for; the new listener hears of it at once")
    void knownServiceIsNotLookedFor() {
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        findAny();
        bed.clock.advance(1000);
        assertThat(bed.transport.entries(FindService.class)).isEmpty();
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_831, feat_req_someipsd_261: a StopOfferService of the "
            + "offering node takes the service down")
    void stopOfferTakesTheServiceDown() {
        findAny();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        bed.client.onStopOffer(remoteOffer(3, REMOTE_UDP).stop(), OTHER_PEER); // not the offering node: ignored
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        bed.client.onStopOffer(remoteOffer(3, REMOTE_UDP).stop(), PEER);
        bed.clock.advance(60_000);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down STOP_OFFER");
    }

    @Test
    @DisplayName("feat_req_someipsd_867, feat_req_someipsd_834: an offer ends the find's Repetition Phase; "
            + "after a StopOfferService the client waits for the next offer and sends no FindService")
    void noFindAfterOfferAndStopOffer() {
        findAny();
        bed.advanceUntilSent(200); // the first FindService; repetitions are scheduled
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        bed.client.onStopOffer(remoteOffer(3, REMOTE_UDP).stop(), PEER);
        bed.clock.advance(60_000);
        assertThat(bed.transport.entries(FindService.class)).hasSize(1);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down STOP_OFFER");
    }

    @Test
    @DisplayName("feat_req_someipsd_253, feat_req_someipsd_445: an offer not renewed within its TTL expires; "
            + "a renewal extends it")
    void offerExpiresAfterItsTtl() {
        findAny();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        bed.clock.advance(2000);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true); // renewed: now valid until 5000
        bed.clock.advance(2900);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        bed.clock.advance(300);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down TTL_EXPIRED");
    }

    @Test
    @DisplayName("feat_req_someipsd_253: an offer with TTL 0xFFFFFF is valid until the next reboot")
    void ttlUntilRebootNeverExpires() {
        findAny();
        bed.client.onOffer(remoteOffer(SdEntry.TTL_UNTIL_REBOOT, REMOTE_UDP), PEER, true);
        bed.clock.advance(3_600_000);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_858: an instance offered at another endpoint goes down at the old one, then up at the new")
    void movedEndpointGoesDownThenUp() {
        findAny();
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true);
        bed.client.onOffer(remoteOffer(3, MOVED_UDP), PEER, true);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP,
                "down MOVED", "up " + MOVED_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_239: a find for one instance and major version ignores offers of others")
    void findMatchesInstanceAndVersion() {
        bed.find(SERVICE, INSTANCE + 1, 2, availability);
        bed.client.onOffer(remoteOffer(3, REMOTE_UDP), PEER, true); // instance 1, major 1
        bed.clock.advance(2000);
        assertThat(availability.events).isEmpty();
        assertThat(bed.transport.entries(FindService.class)).hasSize(4)
                .allSatisfy(f -> assertThat(f.instanceId()).isEqualTo(INSTANCE + 1));
    }
}
