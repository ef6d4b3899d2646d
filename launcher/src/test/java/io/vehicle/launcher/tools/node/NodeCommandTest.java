package io.vehicle.launcher.tools.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.launcher.tools.node.NodeProcess;
import io.vehicle.testing.TestPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vehicle node} as real processes on loopback: a provider started from flags and a consumer
 * started from a YAML file find each other through SD, events and field values flow, and each way
 * of stopping the provider is seen at the consumer for what it is.
 */
class NodeCommandTest {

    static final int SD_PORT = TestPorts.sdPort(0);
    /** Fast timings: offers every 500 ms with a TTL of 2 s; the sweep adds up to 100 ms. */
    static final long OFFER_TTL_MS = 2_000;

    @TempDir
    Path dir;

    NodeProcess provider(String... extra) throws Exception {
        String[] args = {"--provide", "--fast", "--unicast", "127.0.0.1", "--sd-port", String.valueOf(SD_PORT),
                "--period-ms", "50", "--instance", "7"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return NodeProcess.start("provider", all);
    }

    NodeProcess consumerFromConfig() throws Exception {
        Path config = dir.resolve("consumer.yaml");
        Files.writeString(config, """
                name: consumer
                unicast: 127.0.0.2
                sd:
                  port: %d
                  timings:
                    initialDelayMinMs: 0
                    initialDelayMaxMs: 10
                    repetitionsBaseDelayMs: 20
                    repetitionsMax: 2
                    cyclicOfferDelayMs: 500
                    requestResponseDelayMinMs: 0
                    requestResponseDelayMaxMs: 5
                    offerTtlSeconds: 2
                    subscribeTtlSeconds: 2
                  allowedSubnets: ["127.0.0.0/8"]
                required:
                  - {service: 16962, instance: 7, major: 1}
                """.formatted(SD_PORT));
        return NodeProcess.start("consumer", "--config", config.toString());
    }

    /** Waits for a notification, then for one with a higher sequence number: events keep coming. */
    static long awaitEventsFlowing(NodeProcess consumer) throws InterruptedException {
        long first = consumer.await("notification", n -> n.path("instance").asInt() == 7, 20).path("seq").asLong();
        long later = consumer.await("notification", n -> n.path("seq").asLong() > first, 10).path("seq").asLong();
        assertThat(later).isGreaterThan(first);
        return later;
    }

    @Test
    @DisplayName("feat_req_someipsd_253, feat_req_someipsd_322, feat_req_someipsd_614, feat_req_someipsd_262: "
            + "a consumer from YAML finds the flag-configured provider, gets the initial field value and the "
            + "events; stdin EOF and SIGTERM each stop the provider with a StopOfferService")
    void cleanStopsSendStopOffer() throws Exception {
        try (NodeProcess consumer = consumerFromConfig()) {
            for (String stop : new String[] {"stdin", "SIGTERM"}) {
                try (NodeProcess provider = provider()) {
                    JsonNode offered = provider.await("offered", 30);
                    JsonNode available = consumer.await("available", 30);
                    assertThat(available.path("udp").asText()).isEqualTo(offered.path("udp").asText());
                    assertThat(available.path("sd").asText()).isEqualTo("127.0.0.1:" + SD_PORT);
                    // feat_req_someipsd_691: the initial event, the field's current value, follows the Ack.
                    assertThat(consumer.await("field", 10).path("value").asLong()).isZero();
                    awaitEventsFlowing(consumer);

                    if (stop.equals("stdin")) {
                        provider.closeStdin();
                        assertThat(provider.await("stopped", 10).path("reason").asText()).isEqualTo("stdin closed");
                        assertThat(provider.awaitExit(10)).isZero();
                    } else {
                        provider.sigterm();
                        assertThat(provider.await("stopped", 10).path("reason").asText()).isEqualTo("SIGTERM");
                        assertThat(provider.awaitExit(10)).isEqualTo(143);
                    }
                    // Well before the TTL could run out: the StopOffer itself took the service down.
                    long asked = System.nanoTime();
                    assertThat(consumer.await("unavailable", 10).path("reason").asText()).as(stop)
                            .isEqualTo("STOP_OFFER");
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isLessThan(OFFER_TTL_MS);
                }
            }
            consumer.closeStdin();
            consumer.await("stopped", 10);
            assertThat(consumer.awaitExit(10)).isZero();
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_842, feat_req_someipsd_764, feat_req_someipsd_765, feat_req_someipsd_871: "
            + "SIGKILL sends nothing, the consumer drops the service when its TTL runs out; the restarted "
            + "provider is detected as a reboot, the consumer subscribes again and events resume; --set-field "
            + "reaches the provider's setter and comes back as a notification")
    void killedProviderExpiresAndComesBackAsReboot() throws Exception {
        try (NodeProcess consumer = consumerFromConfig()) {
            try (NodeProcess provider = provider()) {
                consumer.await("available", 30);
                awaitEventsFlowing(consumer);
                provider.sigkill();
                long killedAt = System.nanoTime();
                JsonNode down = consumer.await("unavailable", 10);
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                assertThat(down.path("reason").asText()).isEqualTo("TTL_EXPIRED");
                assertThat(tookMs).as("gone within the offer TTL (plus the 100 ms sweep)").isLessThan(OFFER_TTL_MS + 600);
            }
            try (NodeProcess restarted = provider()) {
                JsonNode reboot = consumer.await("peer-reboot", 30);
                assertThat(reboot.path("peer").asText()).isEqualTo("127.0.0.1:" + SD_PORT);
                consumer.await("available", 10);
                long seq = awaitEventsFlowing(consumer);
                assertThat(seq).as("a fresh provider counts from 1 again").isLessThan(200);
            }
        }
        try (NodeProcess provider = provider();
             NodeProcess setter = NodeProcess.start("setter", "--consume", "--fast", "--unicast", "127.0.0.3",
                     "--sd-port", String.valueOf(SD_PORT), "--instance", "7", "--set-field", "4711")) {
            // The provider stores and notifies before it answers, so the notification may come first.
            boolean answered = false;
            boolean notified = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(answered && notified)) {
                JsonNode line = setter.next(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                assertThat(line).as("the setter's answer (%s) and the field's notification (%s) of 4711 within 30 s",
                        answered, notified).isNotNull();
                boolean is4711 = line.path("value").asLong() == 4711;
                answered |= "set".equals(line.path("event").asText()) && is4711;
                notified |= "field".equals(line.path("event").asText()) && is4711;
            }
        }
    }
}
