package io.vehicle.launcher.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A node's audit log read back: its lines by correlation id, and the check that every utterance is complete. */
final class AuditTrail {

    private AuditTrail() {
    }

    static Map<String, List<JsonNode>> byCorrelation(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<JsonNode>> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode entry = json.readTree(line);
            entries.computeIfAbsent(entry.path("correlation_id").asText(), c -> new ArrayList<>()).add(entry);
        }
        return entries;
    }

    static Set<String> steps(List<JsonNode> entries) {
        Set<String> steps = new LinkedHashSet<>();
        entries.forEach(e -> steps.add(e.path("step").asText()));
        return steps;
    }

    /**
     * Every utterance has what it understood and a reply with an outcome; one that proposed actions has the
     * policy's decision; one with an allowed action has its writes and their results.
     */
    static void assertComplete(Path file, int atLeast) throws IOException {
        Map<String, List<JsonNode>> all = byCorrelation(file);
        assertThat(all).hasSizeGreaterThanOrEqualTo(atLeast);
        all.forEach((correlation, entries) -> {
            Set<String> steps = steps(entries);
            assertThat(steps).as(correlation).contains("utterance", "understood", "reply");
            boolean proposed = entries.stream().filter(e -> e.path("step").asText().equals("understood"))
                    .anyMatch(e -> !e.path("actions").isEmpty());
            if (proposed) {
                assertThat(steps).as(correlation).contains("decision");
            }
            boolean allowed = entries.stream().filter(e -> e.path("step").asText().equals("decision"))
                    .anyMatch(e -> e.path("actions").findValuesAsText("status").contains("ALLOWED"));
            if (allowed) {
                assertThat(steps).as(correlation).contains("write", "result");
            }
            assertThat(entries.stream().filter(e -> e.path("step").asText().equals("reply")))
                    .allSatisfy(reply -> assertThat(reply.path("outcome").asText()).as(correlation).isNotBlank());
        });
    }
}
