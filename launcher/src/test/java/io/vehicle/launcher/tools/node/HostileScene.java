package io.vehicle.launcher.tools.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.TestPorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An attack on {@code vehicle node} processes, for honest memory figures: a provider (127.0.0.1)
 * publishing numbered events every 20 ms, a consumer (127.0.0.2) printing them, and a prober in
 * this JVM (127.0.0.3) calling the field getter over UDP and TCP one call after the other. The
 * provider's own measurements come from its {@code stats} line (heap after GC, RSS, refusals).
 */
final class HostileScene implements AutoCloseable {

    static final int SD_PORT = TestPorts.sdPort(13);
    static final int INSTANCE = 1;

    final NodeProcess provider;
    final NodeProcess consumer;
    final InetSocketAddress providerUdp;
    final InetSocketAddress providerTcp;
    final InetSocketAddress providerSd = new InetSocketAddress("127.0.0.1", SD_PORT);
    final InetSocketAddress consumerSd = new InetSocketAddress("127.0.0.2", SD_PORT);
    private final SomeIpRuntime runtime = new SomeIpRuntime(1);
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicInteger answered = new AtomicInteger();
    private final List<Throwable> probeFailures = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> prober;
    /** The consumer's {@code stats} line once events flowed, before any attack. */
    final JsonNode consumerBefore;
    private long lastSeqBefore;
    private long lastSeqBeforeAt;

    /** Starts both nodes with {@code yaml} as their configuration (limits), and waits until events flow. */
    HostileScene(Path dir, String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve("node.yaml"), yaml);
        provider = NodeProcess.start("provider", "--config", config.toString(), "--provide", "--fast",
                "--unicast", "127.0.0.1", "--sd-port", String.valueOf(SD_PORT), "--period-ms", "20",
                "--instance", String.valueOf(INSTANCE));
        consumer = NodeProcess.start("consumer", "--config", config.toString(), "--consume", "--fast",
                "--unicast", "127.0.0.2", "--sd-port", String.valueOf(SD_PORT), "--instance", String.valueOf(INSTANCE));
        JsonNode offered = provider.await("offered", 60);
        providerUdp = hostPort(offered.path("udp").asText());
        providerTcp = hostPort(offered.path("tcp").asText());
        consumer.await("available", 60);
        long first = consumer.await("notification", 30).path("seq").asLong();
        consumer.send("stats");
        consumerBefore = consumer.await("stats", 30);
        lastSeqBefore = consumer.await("notification", n -> n.path("seq").asLong() >= first + 5, 30)
                .path("seq").asLong();
        lastSeqBeforeAt = System.nanoTime();
    }

    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    /** The provider's {@code stats} line. */
    JsonNode stats() throws InterruptedException {
        provider.send("stats");
        return provider.await("stats", 30);
    }

    /**
     * The consumer's {@code stats} line now. Its event lines before it are skipped: only after
     * {@link #assertHeldItsGround} (see {@link #consumerBefore} for the one before the attack).
     */
    JsonNode consumerStats() throws InterruptedException {
        consumer.send("stats");
        return consumer.await("stats", 30);
    }

    /** An SD message as a datagram's bytes. */
    static java.nio.ByteBuffer datagram(io.vehicle.someip.sd.message.SdMessage message, int session) {
        SomeIpMessage encoded = io.vehicle.someip.sd.message.SdCodec.encodeMessage(message, session,
                io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        io.netty.buffer.ByteBuf wire = io.vehicle.someip.wire.SomeIpCodec.encode(encoded,
                io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            return java.nio.ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(wire));
        } finally {
            wire.release();
            encoded.release();
        }
    }

    static long refused(JsonNode stats, String counter) {
        return stats.path("refusals").path(counter).asLong();
    }

    /** Calls the getter over UDP and TCP, one call after the other, until {@link #assertHeldItsGround}. */
    void startProbing() throws Exception {
        probing.set(true);
        InetAddress local = InetAddress.getByName("127.0.0.3");
        long started = System.nanoTime();
        prober = CompletableFuture.runAsync(() -> {
            try (SomeIpClient udp = SomeIpClient.connect(runtime, providerUdp, local, false, 0x0303,
                    EndpointOptions.defaults());
                 SomeIpClient tcp = SomeIpClient.connect(runtime, providerTcp, local, true, 0x0304,
                         EndpointOptions.defaults())) {
                for (int i = 0; probing.get() || i < 2; i++) {
                    long sent = System.nanoTime();
                    try {
                        (i % 2 == 0 ? udp : tcp).request(SomeIpMessage.builder(TestService.SERVICE,
                                TestService.FIELD_GETTER, MessageType.REQUEST).interfaceVersion(TestService.MAJOR)
                                .payload(Unpooled.EMPTY_BUFFER).build()).get(5, TimeUnit.SECONDS).release();
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        // Which transport and when: a flake seen once (one probe in hundreds) could not be told apart.
                        probeFailures.add(new AssertionError(String.format("%s probe %d, sent %d ms after probing "
                                + "began, failed after %d ms", i % 2 == 0 ? "UDP" : "TCP", i,
                                TimeUnit.NANOSECONDS.toMillis(sent - started),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)), e));
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a probe every 10 ms: pacing only
                }
            } catch (Exception e) {
                probeFailures.add(e);
            }
        });
    }

    /**
     * Every probe answered, and the consumer's events continuous from before the attack to well
     * after it: no gap, no duplicate, none forged.
     */
    void assertHeldItsGround() throws Exception {
        probing.set(false);
        prober.get(60, TimeUnit.SECONDS);
        assertThat(probeFailures).as("probes that failed during the attack").isEmpty();
        assertThat(answered.get()).as("probes answered").isGreaterThanOrEqualTo(4);
        // Events come every 20 ms: the one due now, and a few more, closes the stretch to check.
        long target = lastSeqBefore + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSeqBeforeAt) / 20 + 10;
        long previous = lastSeqBefore;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (previous < target) {
            JsonNode line = consumer.next(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertThat(line).as("the consumer's events up to %d (last %d)", target, previous).isNotNull();
            String event = line.path("event").asText();
            assertThat(event).as("what the consumer saw after event %d", previous).isNotEqualTo("unavailable");
            if (event.equals("notification")) {
                long seq = line.path("seq").asLong();
                if (seq != previous + 1) {
                    // Where the events went, for whoever reads the failure: both nodes' counters.
                    String provider = stats().path("refusals").toString();
                    assertThat(seq).as("event after %d (no gap, no duplicate, none forged); provider's refusals %s, "
                            + "consumer's %s", previous, provider, consumerStats().path("refusals"))
                            .isEqualTo(previous + 1);
                }
                previous = seq;
            }
        }
    }

    @Override
    public void close() throws Exception {
        probing.set(false);
        try {
            consumer.close();
        } finally {
            provider.close();
            runtime.close();
        }
    }
}
