package io.vehicle.someip.sdk.hostile;

import static io.vehicle.someip.sdk.hostile.AttackBed.EVENT;
import static io.vehicle.someip.sdk.hostile.AttackBed.FORGED_SEQ;
import static io.vehicle.someip.sdk.hostile.AttackBed.MULTICAST_EVENT;
import static io.vehicle.someip.sdk.hostile.AttackBed.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.testing.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #12, attack 5: another host (127.0.0.66) sends well-formed NOTIFICATION datagrams of the
 * subscribed event to the consumer's event endpoint, and to the multicast group of a multicast
 * eventgroup, for three seconds (a hundred per 10 ms round). None reaches the application; each is
 * counted as SOURCE_NOT_PEER; the real events keep coming without a gap.
 */
class ForgedNotificationTest {

    static final Duration ATTACK = Duration.ofSeconds(3);

    @Test
    @DisplayName("feat_req_someipsd_850, feat_req_someip_812: forged notifications from another source, unicast to "
            + "the consumer and to the multicast group, are counted and never delivered")
    void forgedNotificationsAreNotDelivered() throws Exception {
        try (AttackBed bed = AttackBed.withMulticastEvents(); Forge attacker = new Forge(AttackBed.ATTACKER)) {
            Await.until("multicast events flowing", Duration.ofSeconds(30), () -> bed.receivedMulticast.size() >= 5);
            InetSocketAddress consumerEvents = bed.consumerEvents();
            bed.awaitFlowing();
            bed.startProbing();
            int[] sent = {0};
            AttackBed.attackFor(ATTACK, round -> {
                for (int i = 0; i < 50; i++) {
                    long forged = FORGED_SEQ + sent[0];
                    attacker.send(Forge.notification(SERVICE, EVENT, i + 1, forged), consumerEvents);
                    attacker.multicast(Forge.notification(SERVICE, MULTICAST_EVENT, i + 1, forged), bed.multicastGroup);
                    sent[0]++;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // a burst every 10 ms: pacing only
            });
            bed.assertHeldItsGround();
            assertThat(bed.receivedMulticast).as("forged multicast events delivered").allMatch(s -> s < FORGED_SEQ);
            long multicastTarget = bed.lastReceived();
            Await.until("multicast events after the attack", Duration.ofSeconds(10),
                    () -> !bed.receivedMulticast.isEmpty()
                            && bed.receivedMulticast.get(bed.receivedMulticast.size() - 1) >= multicastTarget);
            // Each forged datagram read is counted once; a starved loop may let the kernel drop some unread.
            long refused = bed.refusalsSince(bed.consumer).get("endpoint.SOURCE_NOT_PEER");
            assertThat(refused).as("forged notifications counted (%d sent to each)", sent[0])
                    .isPositive().isLessThanOrEqualTo(2L * sent[0]);
        }
    }
}
