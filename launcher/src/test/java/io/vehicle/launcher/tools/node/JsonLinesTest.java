package io.vehicle.launcher.tools.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JSON lines of {@code vehicle node}: any text stays one valid line, readable by the tests that parse them. */
class JsonLinesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonLines lines = new JsonLines(new PrintStream(bytes, true, StandardCharsets.US_ASCII));

    private List<String> printed() {
        String text = bytes.toString(StandardCharsets.US_ASCII);
        assertThat(text).endsWith(System.lineSeparator());
        return List.of(text.split(System.lineSeparator()));
    }

    @Test
    @DisplayName("a value with quotes, backslashes, line breaks, control and non-ASCII characters is one valid "
            + "JSON line that reads back to the same text")
    void hostileTextStaysOneValidLine() throws Exception {
        String error = "peer \"ecu-1\" said: C:\\temp\\x\n\tline two\r\n\u0001 end } {\"event\":\"fake\"} 我有点冷";
        lines.print(lines.event("set-failed").put("instance", 7).put("error", error));
        lines.print(lines.event("peer-reboot").put("peer", "\"127.0.0.1\":30490\\"));

        List<String> printed = printed();
        assertThat(printed).hasSize(2);
        JsonNode failed = JSON.readTree(printed.get(0));
        assertThat(failed.path("event").asText()).isEqualTo("set-failed");
        assertThat(failed.path("instance").asInt()).isEqualTo(7);
        assertThat(failed.path("error").asText()).isEqualTo(error);
        assertThat(failed.size()).isEqualTo(3);
        assertThat(JSON.readTree(printed.get(1)).path("peer").asText()).isEqualTo("\"127.0.0.1\":30490\\");
        assertThat(printed.get(0)).as("ASCII only, whatever the console's encoding").matches("\\p{ASCII}*");
    }

    @Test
    @DisplayName("lines printed from several threads at once never interleave")
    void linesFromSeveralThreadsStayWhole() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> printing = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                printing.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        lines.print(lines.event("notification").put("instance", thread).put("seq", i)
                                .put("text", "line\nwith \"quotes\" " + i));
                    }
                }));
            }
            for (Future<?> thread : printing) {
                thread.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> printed = printed();
        assertThat(printed).hasSize(2000);
        for (String line : printed) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.path("text").asText()).isEqualTo("line\nwith \"quotes\" " + node.path("seq").asInt());
        }
    }
}
