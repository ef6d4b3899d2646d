package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.INSTANCE;
import static io.vehicle.someip.sd.SdTestBed.MAJOR;
import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.RecordingTransport.Sent;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the server side answers FindService entries: when, after which delay, by unicast or multicast. */
class ServerSideFindAnswerTest {

    static FindService find(int serviceId, int instanceId, int major) {
        return new FindService(serviceId, instanceId, major, SdEntry.ANY_MINOR_VERSION, 3, List.of(), List.of());
    }

    static List<Sent> unicastOffers(SdPartsBed bed) {
        return bed.transport.sent(OfferService.class).stream().filter(s -> !s.multicast()).toList();
    }

    /** A bed whose offer has just been sent for the first time; returns the time of that offer. */
    static long offering(SdPartsBed bed) {
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        return bed.advanceUntilSent(200);
    }

    @Test
    @DisplayName("feat_req_someipsd_62, feat_req_someipsd_68: a FindService in the Initial Wait Phase is not answered")
    void notAnsweredInTheInitialWaitPhase() {
        SdPartsBed bed = new SdPartsBed();
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.server.onFind(find(SERVICE, INSTANCE, MAJOR), PEER, true, true);
        bed.server.onFind(find(SERVICE, INSTANCE, MAJOR), PEER, false, true);
        bed.clock.advance(105); // the first offer comes at 10..100, its first repetition 100 ms later
        assertThat(bed.transport.sent()).singleElement().satisfies(s -> assertThat(s.multicast()).isTrue());
    }

    @Test
    @DisplayName("feat_req_someipsd_83, feat_req_someipsd_84, feat_req_someipsd_85, feat_req_someipsd_824: a "
            + "multicast FindService is answered by unicast after a random REQUEST_RESPONSE_DELAY within [min, max]")
    void multicastFindAnsweredAfterRequestResponseDelay() {
        Set<Long> delays = new HashSet<>();
        for (long n = 1; n <= 20; n++) {
            SdPartsBed bed = new SdPartsBed(SdTestBed.TIMINGS, n * 0x9E3779B97F4A7C15L);
            long first = offering(bed);
            bed.clock.advance(1);
            bed.server.onFind(find(SERVICE, INSTANCE, MAJOR), PEER, true, true);
            long askedAt = bed.clock.nowMillis();
            bed.clock.advance(first + 99 - askedAt); // up to just before the first repetition
            assertThat(unicastOffers(bed)).singleElement().satisfies(s -> {
                assertThat(s.target()).isEqualTo(PEER);
                assertThat(s.at() - askedAt).isBetween(10L, 50L);
                delays.add(s.at() - askedAt);
            });
        }
        assertThat(delays).as("REQUEST_RESPONSE_DELAY chosen at random").hasSizeGreaterThan(3);
    }

    @Test
    @DisplayName("feat_req_someipsd_624, feat_req_someipsd_824: a unicast FindService is answered by unicast without delay")
    void unicastFindAnsweredAtOnce() {
        SdPartsBed bed = new SdPartsBed();
        offering(bed);
        bed.server.onFind(find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION), PEER, false, true);
        assertThat(unicastOffers(bed)).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo(PEER);
            assertThat(s.at()).isEqualTo(bed.clock.nowMillis());
            assertThat(((OfferService) s.entry()).instanceId()).isEqualTo(INSTANCE);
        });
    }

    @Test
    @DisplayName("feat_req_someipsd_89: in the Main Phase a unicast-flagged find within 1/2 CYCLIC_OFFER_DELAY "
            + "of the last offer is answered by unicast")
    void mainPhaseRecentOfferAnswersByUnicast() {
        SdPartsBed bed = new SdPartsBed();
        long first = offering(bed);
        bed.clock.advanceTo(first + 1700 + 400); // first cyclic offer at +1700
        bed.transport.clear();
        bed.server.onFind(find(SERVICE, INSTANCE, MAJOR), PEER, true, true);
        bed.clock.advance(100);
        assertThat(bed.transport.sent()).singleElement().satisfies(s -> assertThat(s.target()).isEqualTo(PEER));
    }

    @Test
    @DisplayName("feat_req_someipsd_90: in the Main Phase a unicast-flagged find 1/2 CYCLIC_OFFER_DELAY or more "
            + "after the last offer is answered by multicast")
    void mainPhaseOldOfferAnswersByMulticast() {
        SdPartsBed bed = new SdPartsBed();
        long first = offering(bed);
        bed.clock.advanceTo(first + 1700 + 500);
        bed.transport.clear();
        bed.server.onFind(find(SERVICE, INSTANCE, MAJOR), PEER, true, true);
        bed.clock.advance(100);
        assertThat(bed.transport.sent()).singleElement().satisfies(s -> {
            assertThat(s.multicast()).isTrue();
            assertThat(s.entry()).isInstanceOf(OfferService.class);
        });
    }

    @Test
    @DisplayName("feat_req_someipsd_91: a find with the Unicast Flag 0 is answered by multicast")
    void findWithoutUnicastFlagAnsweredByMulticast() {
        SdPartsBed bed = new SdPartsBed();
        long first = offering(bed);
        bed.clock.advance(1);
        bed.server.onFind(find(SERVICE, INSTANCE, MAJOR), PEER, true, false);
        bed.clock.advanceTo(first + 99);
        assertThat(bed.transport.sent(OfferService.class)).hasSize(2).allMatch(Sent::multicast);
    }

    @Test
    @DisplayName("feat_req_someipsd_238, feat_req_someipsd_239: finds for another service or major version are "
            + "not answered; 0xFFFF and 0xFF match any instance and version")
    void onlyMatchingFindsAreAnswered() {
        SdPartsBed bed = new SdPartsBed();
        offering(bed);
        bed.server.onFind(find(0x9999, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION), PEER, false, true);
        bed.server.onFind(find(SERVICE, INSTANCE, MAJOR + 1), PEER, false, true);
        bed.server.onFind(find(SERVICE, INSTANCE + 1, MAJOR), PEER, false, true);
        assertThat(unicastOffers(bed)).isEmpty();
        bed.server.onFind(find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION), PEER, false, true);
        assertThat(unicastOffers(bed)).hasSize(1);
    }
}
