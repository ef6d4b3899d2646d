package io.vehicle.someip.sdk.hostile;

import static io.vehicle.someip.sdk.hostile.AttackBed.EVENTGROUP;
import static io.vehicle.someip.sdk.hostile.AttackBed.INSTANCE;
import static io.vehicle.someip.sdk.hostile.AttackBed.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.StopOfferService;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #12, attack 3: one host (127.0.0.66) speaking for another node. Each forgery comes in two
 * forms: with an SD Endpoint Option naming the victim (feat_req_someipsd_1084; refused as
 * SD_ENDPOINT_NOT_SOURCE) and as itself (then it can only change its own state: NOT_FROM_PROVIDER,
 * NOT_SUBSCRIBED, or a reboot of its own). Each runs for three seconds while the consumer receives
 * and the prober calls; the service never goes down and the event stream has no gap.
 */
class SpoofedSdIdentityTest {

    static final Duration ATTACK = Duration.ofSeconds(3);

    /** Runs the forgery rounds against the scene, then checks the scene held; returns the bed for counters. */
    static void run(AttackBed bed, AttackBed.Attack forgery) throws Exception {
        bed.awaitFlowing();
        bed.startProbing();
        int rounds = AttackBed.attackFor(ATTACK, round -> {
            forgery.round(round);
            // One forgery a millisecond: a few thousand in the attack; pacing only.
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        });
        assertThat(rounds).isPositive();
        bed.assertHeldItsGround();
        assertThat(bed.skeleton.subscriberCount(EVENTGROUP)).as("the consumer's subscription").isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_1084, feat_req_someipsd_871: a forged reboot of the provider at the consumer "
            + "does not take the service down")
    void forgedProviderReboot() throws Exception {
        try (AttackBed bed = new AttackBed(); Forge attacker = new Forge(AttackBed.ATTACKER)) {
            InetSocketAddress consumerSd = bed.consumer.sd().address();
            InetSocketAddress providerSd = bed.provider.sd().address();
            run(bed, round -> {
                // Reboot flag with a session that never rises: a reboot each time, if anyone believed it.
                attacker.send(Forge.sd(true, 1, providerSd), consumerSd);
                attacker.send(Forge.sd(true, 1, null), consumerSd);
            });
            Map<String, Long> refused = bed.refusalsSince(bed.consumer);
            assertThat(refused.get("sd.SD_ENDPOINT_NOT_SOURCE")).isPositive();
            assertThat(bed.consumer.discovery().rebootsDetected()).as("only the attacker's own reboots").isPositive();
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_831: a forged StopOfferService does not take the service down at the consumer")
    void forgedStopOffer() throws Exception {
        try (AttackBed bed = new AttackBed(); Forge attacker = new Forge(AttackBed.ATTACKER)) {
            InetSocketAddress consumerSd = bed.consumer.sd().address();
            InetSocketAddress providerSd = bed.provider.sd().address();
            StopOfferService stop = new OfferService(SERVICE, INSTANCE, 1, 0, 3,
                    List.of(Forge.udp(bed.providerUdp()))).stop();
            run(bed, round -> {
                attacker.send(Forge.sd(false, round % 0xFFFF + 1, providerSd, stop), consumerSd);
                attacker.send(Forge.sd(false, round % 0xFFFF + 1, null, stop), consumerSd);
            });
            Map<String, Long> refused = bed.refusalsSince(bed.consumer);
            assertThat(refused.get("sd.SD_ENDPOINT_NOT_SOURCE")).isPositive();
            assertThat(refused.get("sd.NOT_FROM_PROVIDER")).isPositive();
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_1177: a StopSubscribeEventgroup forged in the consumer's name leaves its "
            + "subscription in place at the provider")
    void forgedStopSubscribe() throws Exception {
        try (AttackBed bed = new AttackBed(); Forge attacker = new Forge(AttackBed.ATTACKER)) {
            InetSocketAddress providerSd = bed.provider.sd().address();
            InetSocketAddress consumerSd = bed.consumer.sd().address();
            InetSocketAddress consumerEvents = bed.consumerEvents();
            SubscribeEventgroup subscription = new SubscribeEventgroup(SERVICE, INSTANCE, 1, 3, false, 0, EVENTGROUP,
                    List.of(Forge.udp(consumerEvents)));
            run(bed, round -> {
                attacker.send(Forge.sd(false, round % 0xFFFF + 1, consumerSd, subscription.stop()), providerSd);
                attacker.send(Forge.sd(false, round % 0xFFFF + 1, null, subscription.stop()), providerSd);
                assertThat(bed.skeleton.subscriberCount(EVENTGROUP)).as("subscribers during round %d", round)
                        .isEqualTo(1);
            });
            Map<String, Long> refused = bed.refusalsSince(bed.provider);
            assertThat(refused.get("sd.SD_ENDPOINT_NOT_SOURCE")).isPositive();
            assertThat(refused.get("sd.NOT_SUBSCRIBED")).isPositive();
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_1084, feat_req_someipsd_871: a forged reboot of the consumer at the provider "
            + "leaves its subscription in place")
    void forgedConsumerReboot() throws Exception {
        try (AttackBed bed = new AttackBed(); Forge attacker = new Forge(AttackBed.ATTACKER)) {
            InetSocketAddress providerSd = bed.provider.sd().address();
            InetSocketAddress consumerSd = bed.consumer.sd().address();
            bed.consumerEvents();
            run(bed, round -> {
                attacker.send(Forge.sd(true, 1, consumerSd), providerSd);
                assertThat(bed.skeleton.subscriberCount(EVENTGROUP)).as("subscribers during round %d", round)
                        .isEqualTo(1);
            });
            assertThat(bed.refusalsSince(bed.provider).get("sd.SD_ENDPOINT_NOT_SOURCE")).isPositive();
        }
    }
}
