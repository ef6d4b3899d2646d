package io.vehicle.launcher.tools.node;

import static io.vehicle.launcher.tools.node.HostileScene.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.Ipv4SdEndpointOption;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SdOption;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12, attack 1: 20,000 SubscribeEventgroup entries with TTL 0xFFFFFF and dead event
 * endpoints, sent within three seconds to a {@code vehicle node --provide} process while a
 * {@code --consume} process receives and a prober calls. They come in the three forms an attacker
 * has: from one socket with an SD Endpoint Option per message naming another host (the form of the
 * issue), from one socket naming other hosts' endpoints, and from 2,000 sockets on 2,000 addresses
 * naming their own dead ports. The provider keeps at most 16 subscribers for the eventgroup,
 * drops the unreachable ones, its heap and RSS stay bounded, the probes are answered and the
 * consumer's events have no gap.
 */
class SubscriberStormTest {

    static final int SUBSCRIBE_TTL = SdEntry.TTL_UNTIL_REBOOT;
    static final int FORGED_SENDER = 9_000;
    static final int FOREIGN_ENDPOINT = 9_000;
    static final int OWN_SOCKETS = 2_000;
    /** Live heap after GC may reach this; the provider runs with -Xmx128m. */
    static final long HEAP_BOUND = 64L << 20;
    /** RSS may grow this much over the storm (it grew by 1.9 GB before the bounds). */
    static final long RSS_GROWTH_BOUND = 150L << 20;

    @TempDir
    Path dir;

    static Inet4Address dead(int i) throws Exception {
        return (Inet4Address) InetAddress.getByName("127.10." + (i / 250) % 250 + "." + (1 + i % 250));
    }

    static SubscribeEventgroup subscribe(InetSocketAddress eventsTo) {
        return new SubscribeEventgroup(TestService.SERVICE, HostileScene.INSTANCE, TestService.MAJOR, SUBSCRIBE_TTL,
                false, 0, TestService.EVENTGROUP, List.of(new Ipv4EndpointOption(
                (Inet4Address) eventsTo.getAddress(), TransportProtocol.UDP, eventsTo.getPort())));
    }

    static ByteBuffer sd(int session, List<SdOption> messageOptions, SdEntry... entries) {
        return HostileScene.datagram(new SdMessage(true, true, false, List.of(entries), messageOptions), session);
    }

    @Test
    @DisplayName("feat_req_someipsd_1137, feat_req_someipsd_1135, feat_req_someipsd_1084: a 20,000-subscriber "
            + "storm leaves at most 16 subscribers, bounded memory, every probe answered and the events continuous")
    void stormIsBounded() throws Exception {
        try (HostileScene scene = new HostileScene(dir, "name: storm\n")) {
            JsonNode before = scene.stats();
            scene.startProbing();
            int sent = 0;
            try (DatagramChannel attacker = DatagramChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress("127.0.0.66", 0))) {
                // The form: each message claims another sender in its SD Endpoint Option.
                for (int i = 0; i < FORGED_SENDER; i++) {
                    InetSocketAddress claimed = new InetSocketAddress(dead(i), 30490);
                    attacker.send(sd(i % 0xFFFF + 1, List.of(new Ipv4SdEndpointOption((Inet4Address) claimed.getAddress(),
                            TransportProtocol.UDP, 30490)), subscribe(new InetSocketAddress(dead(i), 40_000))),
                            scene.providerSd);
                    sent++;
                    pace(i);
                }
                // One socket, naming other hosts' endpoints, 20 entries a message.
                for (int i = 0; i < FOREIGN_ENDPOINT; i += 20) {
                    SdEntry[] entries = new SdEntry[20];
                    for (int k = 0; k < 20; k++) {
                        entries[k] = subscribe(new InetSocketAddress(dead(i + k), 40_000 + k));
                    }
                    attacker.send(sd(i / 20 + 1, List.of(), entries), scene.providerSd);
                    sent += 20;
                    pace(i);
                }
            }
            // Many senders (as with spoofed source addresses), each naming its own dead port.
            for (int i = 0; i < OWN_SOCKETS; i++) {
                InetAddress own = InetAddress.getByName("127.66." + (1 + i / 250) + "." + (1 + i % 250));
                try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)
                        .bind(new InetSocketAddress(own, 0))) {
                    sender.send(sd(1, List.of(), subscribe(new InetSocketAddress(own, 9))), scene.providerSd);
                }
                sent++;
                pace(i);
            }
            assertThat(sent).isEqualTo(20_000);
            scene.assertHeldItsGround();

            JsonNode after = scene.stats();
            System.out.println("provider before the storm: " + before + "\nprovider after the storm: " + after);
            assertThat(after.path("subscribers").asInt()).as("subscribers kept").isBetween(1, 16);
            assertThat(refused(after, "sd.SD_ENDPOINT_NOT_SOURCE") - refused(before, "sd.SD_ENDPOINT_NOT_SOURCE"))
                    .as("messages naming another sender").isPositive();
            assertThat(refused(after, "sd.ENDPOINT_NOT_SENDER") - refused(before, "sd.ENDPOINT_NOT_SENDER"))
                    .as("entries naming other hosts' endpoints").isPositive();
            assertThat(refused(after, "sd.SUBSCRIBER_LIMIT") - refused(before, "sd.SUBSCRIBER_LIMIT"))
                    .as("subscribers over the limit").isPositive();
            assertThat(refused(after, "endpoint.SUBSCRIBER_UNREACHABLE")
                    - refused(before, "endpoint.SUBSCRIBER_UNREACHABLE")).as("dead subscribers dropped").isPositive();
            long heap = after.path("heapUsedAfterGc").asLong();
            long rssGrowth = after.path("rss").asLong() - before.path("rss").asLong();
            assertThat(heap).as("provider's live heap after the storm (%d MB)", heap >> 20).isLessThan(HEAP_BOUND);
            assertThat(rssGrowth).as("provider's RSS growth over the storm (%d MB)", rssGrowth >> 20)
                    .isLessThan(RSS_GROWTH_BOUND);
        }
    }

    /** About 7,000 entries a second, the storm's rate in the issue: pacing only. */
    static void pace(int i) {
        if (i % 7 == 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
