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
import io.vehicle.someip.sd.SdTestBed.SubscriptionLog;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.SubscribeEventgroupAck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Without authenticated SD a sender's source address is its identity: an SD message changes only its
 * sender's state; a consumer keeps its provider while that provider lives; pinned services take
 * offers only from their allowed providers; endpoints must lie on their sender's address.
 */
class ServiceDiscoveryIdentityTest {

    static final InetSocketAddress IMPOSTOR = new InetSocketAddress("10.0.0.66", 30490);
    static final InetSocketAddress REMOTE_UDP = new InetSocketAddress("10.0.0.2", 41_000);
    static final InetSocketAddress IMPOSTOR_UDP = new InetSocketAddress("10.0.0.66", 41_000);
    static final InetSocketAddress PEER_EVENTS = new InetSocketAddress("10.0.0.2", 42_000);
    static final InetSocketAddress MY_EVENTS = new InetSocketAddress("10.0.0.1", 42_000);

    final SdTestBed bed = new SdTestBed();
    final AvailabilityLog availability = new AvailabilityLog();

    void findAny() {
        bed.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, availability);
    }

    @Test
    @DisplayName("feat_req_someipsd_831, feat_req_someipsd_871: an offer of a known instance from another sender is "
            + "ignored and counted while the provider lives; our subscription stays with the provider")
    void impostorOfferDoesNotTakeOver() {
        findAny();
        SubscriptionLog subscription = new SubscriptionLog();
        bed.sd.subscribe(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, UNICAST_GROUP, MY_EVENTS, null,
                subscription);
        bed.receive(PEER, false, remoteOffer(3, REMOTE_UDP));
        for (int i = 0; i < 10; i++) {
            bed.receive(IMPOSTOR, false, remoteOffer(3, IMPOSTOR_UDP));
        }
        bed.clock.advance(500);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        assertThat(bed.refusals.count(SdRefusal.NOT_FROM_PROVIDER)).isEqualTo(10);
        assertThat(bed.transport.sent(SubscribeEventgroup.class)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.target()).isEqualTo(PEER));
    }

    @Test
    @DisplayName("feat_req_someipsd_831: the consumer moves to another provider after its provider's StopOffer")
    void movesAfterStopOffer() {
        findAny();
        bed.receive(PEER, false, remoteOffer(3, REMOTE_UDP));
        bed.receive(PEER, false, remoteOffer(3, REMOTE_UDP).stop());
        bed.receive(IMPOSTOR, false, remoteOffer(3, IMPOSTOR_UDP));
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down STOP_OFFER", "up " + IMPOSTOR_UDP);
        assertThat(bed.refusals.count(SdRefusal.NOT_FROM_PROVIDER)).isZero();
    }

    @Test
    @DisplayName("feat_req_someipsd_253: the consumer moves to another provider once its provider's TTL ran out")
    void movesAfterTtlExpiry() {
        findAny();
        bed.receive(PEER, false, remoteOffer(3, REMOTE_UDP));
        bed.clock.advance(2_900);
        bed.receive(IMPOSTOR, false, remoteOffer(3, IMPOSTOR_UDP));
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        bed.clock.advance(200);
        bed.receive(IMPOSTOR, false, remoteOffer(3, IMPOSTOR_UDP));
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down TTL_EXPIRED", "up " + IMPOSTOR_UDP);
        assertThat(bed.refusals.count(SdRefusal.NOT_FROM_PROVIDER)).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_871, feat_req_someipsd_765: the consumer moves after a reboot seen from the "
            + "provider's own address; a reboot flag from another sender touches only that sender")
    void movesOnlyAfterTheProvidersOwnReboot() {
        findAny();
        bed.receive(PEER, false, false, 10, remoteOffer(3, REMOTE_UDP));
        for (int session = 1; session <= 3; session++) {
            bed.receive(IMPOSTOR, false, true, 1); // an impostor "rebooting" over and over
        }
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        assertThat(bed.sd.rebootsDetected()).as("the impostor's own reboots only").isEqualTo(2);
        bed.receive(PEER, false, true, 1); // the provider itself rebooted
        bed.receive(IMPOSTOR, false, false, 2, remoteOffer(3, IMPOSTOR_UDP));
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP, "down PEER_REBOOT", "up " + IMPOSTOR_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_831: a StopOfferService from a sender that does not offer the instance is "
            + "ignored and counted")
    void impostorStopOfferIsIgnored() {
        findAny();
        bed.receive(PEER, false, remoteOffer(3, REMOTE_UDP));
        bed.receive(IMPOSTOR, false, remoteOffer(3, REMOTE_UDP).stop());
        bed.clock.advance(1_000);
        assertThat(availability.events).containsExactly("up " + REMOTE_UDP);
        assertThat(bed.refusals.count(SdRefusal.NOT_FROM_PROVIDER)).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_613: an Ack from a sender that is not the provider is not taken; counted")
    void impostorAckIsIgnored() {
        SubscriptionLog subscription = new SubscriptionLog();
        bed.sd.subscribe(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, UNICAST_GROUP, MY_EVENTS, null,
                subscription);
        bed.receive(PEER, false, remoteOffer(3, REMOTE_UDP));
        SubscribeEventgroup sent = bed.transport.entries(SubscribeEventgroup.class).get(0);
        SubscribeEventgroupAck ack = sent.ack(3, List.of());
        bed.receive(IMPOSTOR, false, ack);
        assertThat(subscription.events).isEmpty();
        assertThat(bed.refusals.count(SdRefusal.NOT_FROM_PROVIDER)).isEqualTo(1);
        bed.receive(PEER, false, ack);
        assertThat(subscription.events).containsExactly("acked null");
    }

    @Test
    @DisplayName("feat_req_someipsd_1177: a StopSubscribeEventgroup from a sender that does not hold the "
            + "subscription leaves the subscriber in place; counted")
    void impostorStopSubscribeIsIgnored() {
        SubscriberLog subscribers = new SubscriberLog();
        bed.sd.offer(OFFERED, subscribers);
        bed.advanceUntilSent(200);
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, PEER_EVENTS);
        bed.receive(PEER, false, subscribe);
        bed.receive(IMPOSTOR, false, subscribe.stop());
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).hasSize(1);
        assertThat(subscribers.events).containsExactly("subscribed 1 " + PEER_EVENTS);
        assertThat(bed.refusals.count(SdRefusal.NOT_SUBSCRIBED)).isEqualTo(1);
        bed.receive(PEER, false, subscribe.stop());
        assertThat(bed.sd.subscribers(OFFERED.instance(), UNICAST_GROUP)).isEmpty();
    }

    @Test
    @DisplayName("static pinning: offers of a pinned service come only from its allowed providers; other "
            + "services stay open")
    void pinnedServiceTakesOnlyItsProviders() throws Exception {
        SdTestBed pinned = new SdTestBed(SdLimits.defaults(), new SdTrust(false, false, List.of(
                new SdTrust.AllowedProvider(SERVICE, 0xFFFF, InetAddress.getByName("10.0.0.2"), 0))));
        AvailabilityLog log = new AvailabilityLog();
        pinned.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, log);
        AvailabilityLog other = new AvailabilityLog();
        pinned.sd.find(SERVICE + 1, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, other);
        pinned.receive(IMPOSTOR, false, remoteOffer(3, IMPOSTOR_UDP));
        assertThat(log.events).isEmpty();
        assertThat(pinned.refusals.count(SdRefusal.PROVIDER_NOT_ALLOWED)).isEqualTo(1);
        pinned.receive(PEER, false, remoteOffer(3, REMOTE_UDP));
        assertThat(log.events).containsExactly("up " + REMOTE_UDP);
        pinned.receive(IMPOSTOR, false, new OfferService(SERVICE + 1, 1, 1, 0, 3, List.of(SdTestBed.udp(IMPOSTOR_UDP))));
        assertThat(other.events).containsExactly("up " + IMPOSTOR_UDP);
    }

    @Test
    @DisplayName("feat_req_someipsd_1135, feat_req_someipsd_1137: endpoints off the sender's address are refused "
            + "(an offer ignored, a subscription Nacked) unless the configuration accepts them")
    void endpointsOffTheSendersAddress() {
        InetSocketAddress thirdHost = new InetSocketAddress("10.0.0.3", 42_000);
        findAny();
        bed.receive(PEER, false, remoteOffer(3, thirdHost));
        assertThat(availability.events).isEmpty();
        bed.sd.offer(OFFERED, SubscriberListener.ACCEPT_ALL);
        bed.advanceUntilSent(200);
        SubscribeEventgroup subscribe = subscribe(UNICAST_GROUP, 3, thirdHost);
        bed.receive(PEER, false, subscribe);
        assertThat(bed.transport.sent()).filteredOn(s -> PEER.equals(s.target())).extracting(s -> s.entry())
                .containsExactly(subscribe.nack());
        assertThat(bed.refusals.count(SdRefusal.ENDPOINT_NOT_SENDER)).isEqualTo(2);

        SdTestBed open = new SdTestBed(SdLimits.defaults(), new SdTrust(false, true, List.of()));
        AvailabilityLog log = new AvailabilityLog();
        open.sd.find(SERVICE, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, log);
        open.receive(PEER, false, remoteOffer(3, thirdHost));
        assertThat(log.events).containsExactly("up " + thirdHost);
        assertThat(open.refusals.total()).isZero();
    }
}
