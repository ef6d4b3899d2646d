package io.vehicle.someip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads the JSON that the scapy scripts print: SOME/IP messages as scapy parsed them, field by field. */
final class ScapyMessages {

    static final ObjectMapper JSON = new ObjectMapper();

    private ScapyMessages() {
    }

    static JsonNode parse(String line) throws Exception {
        return JSON.readTree(line);
    }

    /** One message as scapy parsed it. */
    record Parsed(int service, int method, long length, int client, int session, int proto, int iface, int type,
                  int returnCode, byte[] payload) {

        static Parsed of(JsonNode node) {
            assertThat(node.has("service")).as("a parsed message, not %s", node).isTrue();
            return new Parsed(node.get("service").asInt(), node.get("method").asInt(), node.get("length").asLong(),
                    node.get("client").asInt(), node.get("session").asInt(), node.get("proto").asInt(),
                    node.get("iface").asInt(), node.get("type").asInt(), node.get("rc").asInt(),
                    HexFormat.of().parseHex(node.get("payload").asText()));
        }

        String payloadText() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The messages of a JSON array, failing on timeout/closed markers the scripts add. */
    static List<Parsed> list(JsonNode array) {
        List<Parsed> messages = new ArrayList<>();
        for (JsonNode node : array) {
            messages.add(Parsed.of(node));
        }
        return messages;
    }
}
