package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.SERVICE;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.remoteOffer;
import static io.vehicle.someip.sd.SdTestBed.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdTestBed.AvailabilityLog;
import io.vehicle.someip.sd.SdTestBed.SubscriptionLog;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Endpoint options naming addresses outside the allowed subnets (the spec's topological check). */
class ServiceDiscoverySecurityTest {

    static final InetSocketAddress FOREIGN = new InetSocketAddress("192.168.1.5", 41_000);
    static final InetSocketAddress MY_EVENTS = new InetSocketAddress("10.0.0.1", 42_000);

    @Test
    @DisplayName("feat_req_someipsd_1135: an offer whose endpoint is outside the allowed subnets is ignored and counted")
    void foreignOfferIsIgnored() {
        SdTestBed bed = new SdTestBed();
        AvailabilityLog availability = new AvailabilityLog();
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.sd.subscribe(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, UNICAST_GROUP, MY_EVENTS, null,
                new SubscriptionLog());
        bed.receive(PEER, true, remoteOffer(3, FOREIGN));
        assertThat(availability.events).isEmpty();
        assertThat(bed.transport.entries(SubscribeEventgroup.class)).as("no subscription to a foreign endpoint").isEmpty();
        assertThat(bed.sd.rejectedEndpoints()).isEqualTo(1);
        assertThat(bed.refusals.count(SdRefusal.ENDPOINT_NOT_ALLOWED)).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_681: an offer without an endpoint option cannot be used: ignored and counted")
    void offerWithoutEndpointIsIgnored() {
        SdTestBed bed = new SdTestBed();
        AvailabilityLog availability = new AvailabilityLog();
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.receive(PEER, true, new OfferService(SERVICE, 1, 1, 0, 3, List.of()));
        assertThat(availability.events).isEmpty();
        assertThat(bed.sd.rejectedEndpoints()).isEqualTo(1);
        assertThat(bed.refusals.snapshot()).containsEntry(SdRefusal.OFFER_WITHOUT_ENDPOINT, 1L)
                .containsEntry(SdRefusal.ENDPOINT_NOT_ALLOWED, 0L);
    }

    @Test
    @DisplayName("feat_req_someipsd_1135, feat_req_someipsd_1137: a subscription naming a foreign endpoint is Nacked and counted")
    void foreignSubscriptionIsNacked() {
        SdTestBed bed = new SdTestBed();
        bed.sd.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.advanceUntilSent(200);
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, FOREIGN);
        bed.receive(PEER, false, subscribe);
        assertThat(bed.transport.sent()).filteredOn(s -> PEER.equals(s.target())).extracting(s -> s.entry())
                .containsExactly(subscribe.nack());
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).isEmpty();
        assertThat(bed.sd.rejectedEndpoints()).isEqualTo(1);
        assertThat(bed.refusals.count(SdRefusal.ENDPOINT_NOT_ALLOWED)).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_1149: the check is turned off by allowing every address (0.0.0.0/0)")
    void checkCanBeTurnedOff() {
        // FOREIGN is also off the sender's address: that check is a separate setting, off here too.
        SdTestBed bed = new SdTestBed(SdTestBed.TIMINGS, 42, List.of("0.0.0.0/0"), SdLimits.defaults(),
                new SdTrust(false, true, List.of()));
        AvailabilityLog availability = new AvailabilityLog();
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
        bed.receive(PEER, true, remoteOffer(3, FOREIGN));
        assertThat(availability.events).containsExactly("up " + FOREIGN);
        assertThat(bed.sd.rejectedEndpoints()).isZero();
    }
}
