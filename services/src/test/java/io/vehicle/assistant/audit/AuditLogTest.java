package io.vehicle.assistant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void eachRecordIsOneJsonLineAppendedAfterWhatWasThere() throws Exception {
        Path file = dir.resolve("audit/assistant.jsonl");
        try (AuditLog log = AuditLog.open(file, CLOCK)) {
            log.record("c-1", "s-1", "utterance", Map.of("text", "我有点冷 \"quoted\"\nnext"));
        }
        try (AuditLog log = AuditLog.open(file, CLOCK)) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("actions", List.of(Map.of("path", "Vehicle.Speed", "value", 3)));
            fields.put("left_out", null);
            log.record("c-1", "s-1", "decision", fields);
            assertThat(log.written()).isEqualTo(1);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.path("time").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(first.path("correlation_id").asText()).isEqualTo("c-1");
        assertThat(first.path("step").asText()).isEqualTo("utterance");
        assertThat(first.path("text").asText()).isEqualTo("我有点冷 \"quoted\"\nnext");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.path("actions").get(0).path("value").asInt()).isEqualTo(3);
        assertThat(second.has("left_out")).isFalse();
    }

    @Test
    void concurrentRequestsNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("concurrent.jsonl");
        int threads = 4;
        int perThread = 200;
        try (AuditLog log = AuditLog.open(file, CLOCK)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        log.record("c-" + id, "s", "step", Map.of("i", i, "pad", "x".repeat(500)));
                    }
                });
                workers.add(worker);
                worker.start();
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).path("pad").asText()).hasSize(500);
        }
    }

    @Test
    void anUnwritableLogCountsItsLossesAndTheRequestGoesOn() throws Exception {
        Path file = dir.resolve("closed.jsonl");
        AuditLog log = AuditLog.open(file, CLOCK);
        log.close();
        log.record("c", "s", "reply", Map.of("text", "hi"));
        assertThat(log.failed()).isEqualTo(1);
        assertThat(log.written()).isZero();
    }
}
