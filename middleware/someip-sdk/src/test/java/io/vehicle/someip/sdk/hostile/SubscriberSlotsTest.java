package io.vehicle.someip.sdk.hostile;

import static io.vehicle.someip.sdk.hostile.AttackBed.EVENT;
import static io.vehicle.someip.sdk.hostile.AttackBed.EVENTGROUP;
import static io.vehicle.someip.sdk.hostile.AttackBed.INSTANCE;
import static io.vehicle.someip.sdk.hostile.AttackBed.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdLimits;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.Subscriber;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.testing.Await;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One host (127.0.0.66) takes the subscriber slots of an eventgroup without forging anything:
 * subscriptions from 16 SD ports of its own address, each with TTL 0xFFFFFF and a live event
 * endpoint of its own (so none is ever found unreachable). The eventgroup is full: the bed's
 * consumer holds one slot, the attacker the other 15. A consumer that comes later from another
 * address must still get its Ack and its events (the oldest slot of the host holding the most goes
 * to it), the attacker's subscriptions from then on are Nacked or renew its own slots, and the
 * bed's consumer keeps its stream without a gap.
 */
class SubscriberSlotsTest {

    static final int SLOTS = SdLimits.defaults().maxSubscribersPerEventgroup();

    static long heldBy(AttackBed bed, String address) {
        InetAddress host = new java.net.InetSocketAddress(address, 0).getAddress();
        return bed.skeleton.subscribers(EVENTGROUP).stream().map(Subscriber::sdPeer)
                .filter(peer -> peer.getAddress().equals(host)).count();
    }

    /** Every attacker port subscribes once: its events to itself, until the provider reboots. */
    static void subscribeAll(AttackBed bed, List<Forge> ports, int session) {
        for (Forge port : ports) {
            SubscribeEventgroup subscribe = new SubscribeEventgroup(SERVICE, INSTANCE, 1, SdEntry.TTL_UNTIL_REBOOT,
                    false, 0, EVENTGROUP, List.of(Forge.udp(port.address())));
            port.send(Forge.sd(false, session, null, subscribe), bed.provider.sd().address());
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_1137: one host holding every free slot of an eventgroup from many ports "
            + "cannot lock out a consumer from another address, and its re-subscriptions only churn its own slots")
    void oneHostCannotLockOutALaterConsumer() throws Exception {
        List<Forge> ports = new ArrayList<>();
        try (AttackBed bed = new AttackBed()) {
            bed.awaitFlowing();
            bed.startProbing();
            for (int i = 0; i < SLOTS; i++) {
                ports.add(new Forge(AttackBed.ATTACKER));
            }
            subscribeAll(bed, ports, 1);
            Await.until("the attacker holding every free slot", Duration.ofSeconds(10),
                    () -> heldBy(bed, AttackBed.ATTACKER) == SLOTS - 1
                            && bed.refusalsSince(bed.provider).getOrDefault("sd.SUBSCRIBER_LIMIT", 0L) >= 1);
            assertThat(bed.skeleton.subscriberCount(EVENTGROUP)).as("the eventgroup full").isEqualTo(SLOTS);

            List<Long> late = new CopyOnWriteArrayList<>();
            try (SomeIpNode lateNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.4")
                    .withSd(bed.sdPort, SdTimings.fast()))) {
                ServiceProxy proxy = lateNode.proxy(SERVICE, INSTANCE, 1);
                proxy.subscribe(EVENTGROUP, EVENT, message -> {
                    late.add(message.payload().getUnsignedInt(message.payload().readerIndex()));
                    message.release();
                });
                Await.until("events to the later consumer", Duration.ofSeconds(20), () -> late.size() >= 5);
                assertThat(heldBy(bed, "127.0.0.4")).as("the later consumer's slot").isEqualTo(1);
                assertThat(heldBy(bed, AttackBed.ATTACKER)).as("the attacker's slots").isEqualTo(SLOTS - 2);
                assertThat(bed.refusalsSince(bed.provider).get("sd.SUBSCRIBER_EVICTED")).as("slots taken from "
                        + "the attacker").isEqualTo(1);

                // The attacker subscribes again and again from all its ports: renewals of the slots it
                // still holds, and Nacks for the others; nobody else loses a slot.
                long limitBefore = bed.refusalsSince(bed.provider).get("sd.SUBSCRIBER_LIMIT");
                int rounds = AttackBed.attackFor(Duration.ofSeconds(2), round -> {
                    subscribeAll(bed, ports, round + 2);
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // a round every 20 ms: pacing only
                });
                // A StopSubscribe of nothing, sent last to the same SD socket, is counted once every
                // round before it was handled.
                try (Forge marker = new Forge(AttackBed.ATTACKER)) {
                    marker.send(Forge.sd(false, 1, null, new SubscribeEventgroup(SERVICE, INSTANCE, 1, 3, false, 0,
                            EVENTGROUP, List.of(Forge.udp(marker.address()))).stop()), bed.provider.sd().address());
                }
                Await.until("the attacker's rounds handled", Duration.ofSeconds(10),
                        () -> bed.refusalsSince(bed.provider).getOrDefault("sd.NOT_SUBSCRIBED", 0L) >= 1);
                assertThat(bed.refusalsSince(bed.provider).get("sd.SUBSCRIBER_LIMIT") - limitBefore)
                        .as("attacker subscriptions Nacked over %d rounds", rounds).isPositive();
                assertThat(heldBy(bed, "127.0.0.4")).isEqualTo(1);
                assertThat(heldBy(bed, "127.0.0.2")).isEqualTo(1);
                assertThat(heldBy(bed, AttackBed.ATTACKER)).isEqualTo(SLOTS - 2);
                assertThat(bed.refusalsSince(bed.provider).get("sd.SUBSCRIBER_EVICTED")).isEqualTo(1);
                int seen = late.size();
                Await.until("events to the later consumer after the churn", Duration.ofSeconds(10),
                        () -> late.size() >= seen + 5);
            }
            bed.assertHeldItsGround();
        } finally {
            for (Forge port : ports) {
                port.close();
            }
        }
    }
}
