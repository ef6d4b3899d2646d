package io.vehicle.someip.sdk.hostile;

import static io.vehicle.someip.sdk.hostile.AttackBed.EVENT;
import static io.vehicle.someip.sdk.hostile.AttackBed.FORGED_SEQ;
import static io.vehicle.someip.sdk.hostile.AttackBed.INSTANCE;
import static io.vehicle.someip.sdk.hostile.AttackBed.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sdk.node.NodeConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #12, attack 4: another host (127.0.0.66) offers the same service instance, by multicast and
 * to the consumer directly, and sends "its" events to the consumer, for three seconds. The
 * consumer keeps the provider it has while that one lives: it never subscribes to the impostor,
 * never drops the provider, and delivers none of the impostor's events.
 */
class SpoofedOfferTest {

    static final Duration ATTACK = Duration.ofSeconds(3);

    /** Offers from the attacker's socket naming itself, and its events to the consumer; returns nothing it heard. */
    static void impersonate(AttackBed bed, Forge attacker) throws Exception {
        InetSocketAddress consumerSd = bed.consumer.sd().address();
        InetSocketAddress group = new InetSocketAddress(SdConfig.DEFAULT_GROUP, bed.sdPort);
        InetSocketAddress consumerEvents = bed.consumerEvents();
        OfferService offer = new OfferService(SERVICE, INSTANCE, 1, 0, 3, List.of(Forge.udp(attacker.address())));
        bed.awaitFlowing();
        bed.startProbing();
        AttackBed.attackFor(ATTACK, round -> {
            int session = round % 0xFFFF + 1;
            attacker.multicast(Forge.sd(false, session, null, offer), group);
            attacker.send(Forge.sd(false, session, null, offer), consumerSd);
            attacker.send(Forge.notification(SERVICE, EVENT, session, FORGED_SEQ + round), consumerEvents);
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // an offer every 2 ms: pacing only
        });
        bed.assertHeldItsGround();
        assertThat(attacker.receive(500)).as("anything sent to the impostor (a SubscribeEventgroup)").isNull();
    }

    @Test
    @DisplayName("feat_req_someipsd_831, feat_req_someipsd_850: offers of the same instance from another host do "
            + "not take the consumer away from its live provider; the impostor's events are not delivered")
    void impostorDoesNotTakeOver() throws Exception {
        try (AttackBed bed = new AttackBed(); Forge attacker = new Forge(AttackBed.ATTACKER)) {
            impersonate(bed, attacker);
            Map<String, Long> refused = bed.refusalsSince(bed.consumer);
            assertThat(refused.get("sd.NOT_FROM_PROVIDER")).as("impostor offers counted").isPositive();
            assertThat(refused.get("endpoint.SOURCE_NOT_PEER")).as("impostor events counted").isPositive();
        }
    }

    @Test
    @DisplayName("static pinning: with the service pinned to its provider, the impostor's offers are refused as "
            + "PROVIDER_NOT_ALLOWED before anything else")
    void pinnedServiceRefusesTheImpostor() throws Exception {
        try (AttackBed bed = new AttackBed(null, config -> pinned(config));
             Forge attacker = new Forge(AttackBed.ATTACKER)) {
            impersonate(bed, attacker);
            Map<String, Long> refused = bed.refusalsSince(bed.consumer);
            assertThat(refused.get("sd.PROVIDER_NOT_ALLOWED")).isPositive();
            assertThat(refused).doesNotContainKey("sd.NOT_FROM_PROVIDER");
        }
    }

    /** The consumer's configuration with the service pinned to the provider's SD address. */
    static NodeConfig pinned(NodeConfig config) {
        NodeConfig.Sd sd = config.sd();
        return new NodeConfig(config.name(), config.unicast(), config.someip(), new NodeConfig.Sd(sd.port(),
                sd.multicast(), sd.timings(), sd.allowedSubnets(), false, false, List.of(
                new NodeConfig.AllowedProvider(SERVICE, null, "127.0.0.1", sd.port()))), config.offered(),
                config.required(), config.limits());
    }
}
