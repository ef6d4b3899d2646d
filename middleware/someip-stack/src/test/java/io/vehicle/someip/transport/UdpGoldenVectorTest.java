package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.vectors.GoldenVector;
import io.vehicle.someip.vectors.GoldenVectorSuite;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SOME/IP header golden vectors (vectors/someip-header.yaml, made by scapy 2.5.0 with
 * testing/src/main/python/gen_someip_header_vectors.py) through our UDP decoder and encoder.
 */
class UdpGoldenVectorTest {

    static final GoldenVectorSuite SUITE = GoldenVectorSuite.load("/vectors/someip-header.yaml");

    @TestFactory
    @DisplayName("feat_req_someip_45, feat_req_someip_42, feat_req_someip_319: UdpSomeIpDecoder turns each "
            + "datagram into scapy's messages, and reports broken ones")
    Stream<DynamicTest> decodes() {
        return SUITE.decodeTests(new UdpVectorCodec());
    }

    @TestFactory
    @DisplayName("feat_req_someip_45, feat_req_someip_77, feat_req_someip_584: UdpSomeIpEncoder turns scapy's "
            + "messages into scapy's datagram")
    Stream<DynamicTest> encodes() {
        return SUITE.encodeTests(new UdpVectorCodec());
    }

    @Test
    @DisplayName("docs/traceability-someip-*.md name this runner for exactly the ids its vectors cite")
    void traceabilityTablesNameTheVectors() {
        GoldenVectorSuite.assertTraced(UdpGoldenVectorTest.class, SUITE);
    }

    @Test
    @DisplayName("the header suite comes from scapy and covers every message type and standard return code "
            + "(feat_req_someip_95, feat_req_someip_144, feat_req_someip_371), both Magic Cookies, "
            + "datagrams of several messages and broken input")
    void coversEveryMessageTypeAndReturnCode() {
        List<Integer> types = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        List<String> cookies = new ArrayList<>();
        int multiMessage = 0;
        int broken = 0;
        for (GoldenVector vector : SUITE.vectors()) {
            assertThat(vector.source()).as(vector.name()).isEqualTo("scapy 2.5.0");
            JsonNode messages = vector.decoded().get("messages");
            multiMessage += messages.size() > 1 ? 1 : 0;
            broken += vector.encodable() ? 0 : 1;
            for (JsonNode m : messages) {
                types.add(m.get("messageType").asInt());
                codes.add(m.get("returnCode").asInt());
                if (m.has("magicCookie")) {
                    cookies.add(m.get("magicCookie").asText());
                }
            }
        }
        for (MessageType type : MessageType.values()) {
            assertThat(types).as("vector with %s", type).contains(type.value());
        }
        for (ReturnCode code : ReturnCode.values()) {
            assertThat(codes).as("vector with %s", code).contains(code.value());
        }
        assertThat(cookies).containsExactlyInAnyOrder("client", "server");
        assertThat(multiMessage).isGreaterThanOrEqualTo(2);
        assertThat(broken).isEqualTo(3);
        assertThat(SUITE.vectors()).hasSize(49);
        assertThat(SUITE.generator()).startsWith("scapy 2.5.0");
    }
}
