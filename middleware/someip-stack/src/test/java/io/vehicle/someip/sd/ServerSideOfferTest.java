package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.INSTANCE;
import static io.vehicle.someip.sd.SdTestBed.MAJOR;
import static io.vehicle.someip.sd.SdTestBed.MINOR;
import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVER_TCP;
import static io.vehicle.someip.sd.SdTestBed.SERVER_UDP;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.tcp;
import static io.vehicle.someip.sd.SdTestBed.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.RecordingTransport.Sent;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.StopOfferService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The server side's offer state machine: Initial Wait, Repetition and Main Phase, StopOffer. */
class ServerSideOfferTest {

    /** Times of the multicast offers, relative to the first one. */
    static List<Long> offerTimes(SdPartsBed bed, long first) {
        return bed.transport.sent(OfferService.class).stream().filter(Sent::multicast).map(s -> s.at() - first)
                .toList();
    }

    @Test
    @DisplayName("feat_req_someipsd_72, feat_req_someipsd_62, feat_req_someipsd_63, feat_req_someipsd_64: "
            + "nothing before INITIAL_DELAY, then the first offer at a random time within [min, max]")
    void initialWaitIsRandomWithinBounds() {
        Set<Long> chosen = new HashSet<>();
        for (long n = 1; n <= 30; n++) {
            // java.util.Random's first output barely differs for neighbouring seeds: spread them out.
            long seed = n * 0x9E3779B97F4A7C15L;
            SdPartsBed bed = new SdPartsBed(SdTestBed.TIMINGS, seed);
            bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
            bed.clock.advance(SdTestBed.TIMINGS.initialDelayMinMs() - 1);
            assertThat(bed.transport.sent()).as("seed %d: sent before INITIAL_DELAY min", seed).isEmpty();
            long first = bed.advanceUntilSent(200);
            assertThat(first).as("seed %d", seed).isBetween(10L, 100L);
            assertThat(bed.transport.sent()).singleElement()
                    .satisfies(s -> assertThat(s.multicast()).isTrue())
                    .satisfies(s -> assertThat(s.entry()).isInstanceOf(OfferService.class));
            chosen.add(first);
        }
        assertThat(chosen).as("the delays 30 seeds chose").hasSizeGreaterThan(5);
    }

    @Test
    @DisplayName("feat_req_someipsd_66, feat_req_someipsd_67, feat_req_someipsd_76, feat_req_someipsd_73, "
            + "feat_req_someipsd_68: REPETITIONS_MAX repetitions with the delay doubling from REPETITIONS_BASE_DELAY")
    void repetitionPhaseDoublesTheDelay() {
        SdPartsBed bed = new SdPartsBed();
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        long first = bed.advanceUntilSent(200);
        bed.clock.advance(999); // the last repetition at +700, the first cyclic offer not before +1700
        assertThat(offerTimes(bed, first)).containsExactly(0L, 100L, 300L, 700L);
    }

    @Test
    @DisplayName("feat_req_someipsd_75, feat_req_someipsd_80, feat_req_someipsd_79, feat_req_someipsd_81: "
            + "the Main Phase waits CYCLIC_OFFER_DELAY, then offers every CYCLIC_OFFER_DELAY")
    void mainPhaseOffersCyclically() {
        SdPartsBed bed = new SdPartsBed();
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        long first = bed.advanceUntilSent(200);
        bed.clock.advance(3700);
        assertThat(offerTimes(bed, first)).containsExactly(0L, 100L, 300L, 700L, 1700L, 2700L, 3700L);
    }

    @Test
    @DisplayName("feat_req_someipsd_74: REPETITIONS_MAX 0 skips the Repetition Phase")
    void zeroRepetitionsSkipTheRepetitionPhase() {
        SdPartsBed bed = new SdPartsBed(new SdTimings(10, 100, 100, 0, 1000, 10, 50, 3, 3), 42);
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        long first = bed.advanceUntilSent(200);
        bed.clock.advance(2500);
        assertThat(offerTimes(bed, first)).containsExactly(0L, 1000L, 2000L);
    }

    @Test
    @DisplayName("feat_req_someipsd_79: without CYCLIC_OFFER_DELAY the Main Phase sends no offers")
    void noCyclicOffersWithoutCyclicOfferDelay() {
        SdPartsBed bed = new SdPartsBed(new SdTimings(10, 100, 100, 3, 0, 10, 50, 3, 3), 42);
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        long first = bed.advanceUntilSent(200);
        bed.clock.advance(60_000);
        assertThat(offerTimes(bed, first)).containsExactly(0L, 100L, 300L, 700L);
    }

    @Test
    @DisplayName("feat_req_someipsd_252, feat_req_someipsd_253, feat_req_someipsd_681, feat_req_someipsd_756, "
            + "feat_req_someipsd_87: the offer carries ids, versions, TTL and one endpoint option per transport")
    void offerEntryCarriesTheEndpoints() {
        SdPartsBed bed = new SdPartsBed();
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.advanceUntilSent(200);
        Sent sent = bed.transport.sent().get(0);
        assertThat(sent.message().unicast()).isTrue();
        assertThat(sent.message().reboot()).isTrue();
        assertThat(sent.sessionId()).isEqualTo(1);
        assertThat(sent.entry()).isEqualTo(new OfferService(SERVICE, INSTANCE, MAJOR, MINOR, 3,
                List.of(udp(SERVER_UDP), tcp(SERVER_TCP))));
    }

    @Test
    @DisplayName("feat_req_someipsd_820, feat_req_someipsd_261, feat_req_someipsd_262: stopOffer sends a "
            + "StopOfferService (the offer with TTL 0) and ends the cyclic offers")
    void stopOfferSendsStopOfferService() {
        SdPartsBed bed = new SdPartsBed();
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.advanceUntilSent(200);
        bed.clock.advance(2000);
        bed.transport.clear();
        bed.server.stopOffer(OFFERED.instance());
        bed.clock.advance(10_000);
        assertThat(bed.transport.sent()).singleElement().satisfies(s -> {
            assertThat(s.multicast()).isTrue();
            assertThat(s.entry()).isEqualTo(new StopOfferService(SERVICE, INSTANCE, MAJOR, MINOR,
                    List.of(udp(SERVER_UDP), tcp(SERVER_TCP)), List.of()));
            assertThat(s.entry().ttl()).isZero();
        });
    }

    @Test
    @DisplayName("feat_req_someipsd_820: an offer stopped in its Initial Wait Phase was never announced, so nothing is sent")
    void stopOfferBeforeTheFirstOfferSendsNothing() {
        SdPartsBed bed = new SdPartsBed();
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.clock.advance(5);
        bed.server.stopOffer(OFFERED.instance());
        bed.clock.advance(10_000);
        assertThat(bed.transport.sent()).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_821: close sends a StopOfferService for every offered instance and stops the offers' timers")
    void closeStopsEveryOffer() {
        SdPartsBed bed = new SdPartsBed();
        OfferedService second = OfferedService.of(SERVICE, 2, MAJOR, MINOR, SERVER_UDP, null, List.of());
        bed.server.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.server.offer(second, SubscriberListener.ACCEPT_ALL);
        bed.clock.advance(1000);
        bed.transport.clear();
        bed.server.close();
        bed.clock.advance(10_000);
        assertThat(bed.transport.entries(StopOfferService.class)).extracting(StopOfferService::instanceId)
                .containsExactlyInAnyOrder(INSTANCE, 2);
        assertThat(bed.transport.sent()).hasSize(2);
        assertThat(bed.clock.pendingTasks()).isZero();
    }
}
