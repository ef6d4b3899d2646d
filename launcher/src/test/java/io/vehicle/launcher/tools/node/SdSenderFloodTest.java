package io.vehicle.launcher.tools.node;

import static io.vehicle.launcher.tools.node.HostileScene.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12, attack 2: 20,000 distinct senders (2,000 addresses, ten ports each) each send one SD
 * message with the reboot flag and a FindService that the provider answers, to the provider and to
 * the consumer, within a few seconds. Per-sender SD state (reboot history, session counters) stays
 * within its bound of 1,024 senders, is forgotten once the senders are quiet (2 s here), the
 * memory of both processes stays bounded, the probes are answered and the events continuous.
 */
class SdSenderFloodTest {

    static final int ADDRESSES = 2_000;
    static final int PORTS_EACH = 10;
    static final long HEAP_BOUND = 64L << 20;
    static final long RSS_GROWTH_BOUND = 150L << 20;

    @TempDir
    Path dir;

    static ByteBuffer find() {
        return HostileScene.datagram(SdMessage.of(true, List.of(new FindService(TestService.SERVICE,
                SdEntry.ANY_INSTANCE, TestService.MAJOR, SdEntry.ANY_MINOR_VERSION, 3, List.of()))), 1);
    }

    @Test
    @DisplayName("feat_req_someipsd_765, feat_req_someipsd_871: 20,000 senders leave at most 1,024 senders' SD state, "
            + "forgotten once they are quiet; bounded memory, every probe answered, events continuous")
    void perSenderStateIsBounded() throws Exception {
        try (HostileScene scene = new HostileScene(dir, """
                name: flooded
                limits:
                  sdPeerIdleSeconds: 2
                """)) {
            JsonNode before = scene.stats();
            JsonNode consumerBefore = scene.consumerBefore;
            scene.startProbing();
            ByteBuffer find = find();
            int senders = 0;
            for (int a = 0; a < ADDRESSES; a++) {
                InetAddress address = InetAddress.getByName("127.77." + (1 + a / 250) + "." + (1 + a % 250));
                for (int p = 0; p < PORTS_EACH; p++) {
                    try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)
                            .bind(new InetSocketAddress(address, 0))) {
                        sender.send(find.duplicate(), scene.providerSd);
                        sender.send(find.duplicate(), scene.consumerSd);
                    }
                    senders++;
                }
                if (a % 20 == 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing only
                }
            }
            assertThat(senders).isEqualTo(ADDRESSES * PORTS_EACH);
            JsonNode during = scene.stats();
            scene.assertHeldItsGround();
            JsonNode consumerAfter = scene.consumerStats();

            assertThat(during.path("sdPeers").asInt()).as("senders remembered right after the flood")
                    .isLessThanOrEqualTo(1024);
            assertThat(refused(during, "sd.PEER_STATE_EVICTED") - refused(before, "sd.PEER_STATE_EVICTED"))
                    .as("senders forgotten to make room").isPositive();
            // Quiet now: only the consumer, which holds a subscription, is remembered (a stats line per poll).
            JsonNode quiet = scene.stats();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (quiet.path("sdPeers").asInt() > 1 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // polling a measurement: no event says it
                quiet = scene.stats();
            }
            System.out.println("provider before the flood: " + before + "\nright after: " + during
                    + "\nonce quiet: " + quiet);
            assertThat(quiet.path("sdPeers").asInt()).as("senders remembered once they were quiet").isEqualTo(1);
            long heap = quiet.path("heapUsedAfterGc").asLong();
            long rssGrowth = during.path("rss").asLong() - before.path("rss").asLong();
            assertThat(heap).as("provider's live heap (%d MB)", heap >> 20).isLessThan(HEAP_BOUND);
            assertThat(during.path("heapUsedAfterGc").asLong()).as("provider's live heap right after the flood")
                    .isLessThan(HEAP_BOUND);
            assertThat(rssGrowth).as("provider's RSS growth (%d MB)", rssGrowth >> 20).isLessThan(RSS_GROWTH_BOUND);

            // The consumer got the same flood.
            System.out.println("consumer before the flood: " + consumerBefore + "\nafter: " + consumerAfter);
            assertThat(consumerAfter.path("sdPeers").asInt()).as("senders the consumer remembers")
                    .isLessThanOrEqualTo(1024);
            assertThat(refused(consumerAfter, "sd.PEER_STATE_EVICTED") - refused(consumerBefore, "sd.PEER_STATE_EVICTED"))
                    .as("senders the consumer forgot to make room").isPositive();
            long consumerRssGrowth = consumerAfter.path("rss").asLong() - consumerBefore.path("rss").asLong();
            assertThat(consumerAfter.path("heapUsedAfterGc").asLong()).as("consumer's live heap").isLessThan(HEAP_BOUND);
            assertThat(consumerRssGrowth).as("consumer's RSS growth (%d MB)", consumerRssGrowth >> 20)
                    .isLessThan(RSS_GROWTH_BOUND);
        }
    }
}
