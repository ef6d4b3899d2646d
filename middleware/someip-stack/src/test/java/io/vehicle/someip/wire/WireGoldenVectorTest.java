package io.vehicle.someip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden vectors for the SOME/IP header (PLC4X style): hex on one side, the decoded fields on the
 * other, checked in both directions. The vectors in vectors/someip-header.json were produced by
 * scapy 2.5.0 (testing/src/main/python/gen_someip_header_vectors.py), an implementation independent of ours.
 */
class WireGoldenVectorTest {

    static final String RESOURCE = "/vectors/someip-header.json";

    record Vector(String name, List<String> requirements, JsonNode node) {
        @Override
        public String toString() {
            return name + " " + requirements;
        }
    }

    static JsonNode document() throws IOException {
        try (InputStream in = WireGoldenVectorTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Vector> vectors() throws IOException {
        List<Vector> all = new ArrayList<>();
        for (JsonNode node : document().get("vectors")) {
            List<String> reqs = new ArrayList<>();
            node.get("requirements").forEach(r -> reqs.add(r.asText()));
            all.add(new Vector(node.get("name").asText(), reqs, node));
        }
        return all.stream();
    }

    static Stream<Vector> wellFormed() throws IOException {
        return vectors().filter(v -> !v.node().has("errors"));
    }

    @Test
    @DisplayName("the vector file covers every message type and every standard return code "
            + "(feat_req_someip_95, feat_req_someip_144, feat_req_someip_371)")
    void coversEveryMessageTypeAndReturnCode() throws IOException {
        List<Integer> types = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        List<String> cookies = new ArrayList<>();
        long multiMessage = vectors().filter(v -> v.node().get("messages").size() > 1).count();
        vectors().forEach(v -> {
            for (JsonNode m : v.node().get("messages")) {
                types.add(m.get("messageType").asInt());
                codes.add(m.get("returnCode").asInt());
            }
            if (v.node().has("magicCookie")) {
                cookies.add(v.node().get("magicCookie").asText());
            }
        });
        for (MessageType type : MessageType.values()) {
            assertThat(types).as("vector with %s", type).contains(type.value());
        }
        for (ReturnCode code : ReturnCode.values()) {
            assertThat(codes).as("vector with %s", code).contains(code.value());
        }
        assertThat(cookies).containsExactlyInAnyOrder("client", "server");
        assertThat(multiMessage).isGreaterThanOrEqualTo(2);
        assertThat(document().get("generator").asText()).startsWith("scapy 2.5.0");
    }

    @ParameterizedTest(name = "decode {0}")
    @MethodSource("vectors")
    @DisplayName("decoding each scapy vector gives scapy's fields (feat_req_someip_45, feat_req_someip_42)")
    void decodes(Vector vector) {
        JsonNode node = vector.node();
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(node.get("hex").asText()));
        List<SomeIpMessage> decoded = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try {
            // The datagram loop of the UDP binding (feat_req_someip_319): read until the bytes end,
            // skip an unknown type by its length, stop at a broken length.
            while (in.isReadable()) {
                try {
                    decoded.add(SomeIpCodec.decode(in));
                } catch (WireFormatException e) {
                    errors.add(e.error().name());
                    if (e.error() != WireError.UNKNOWN_MESSAGE_TYPE) {
                        break;
                    }
                }
            }
            List<String> expectedErrors = new ArrayList<>();
            if (node.has("errors")) {
                node.get("errors").forEach(e -> expectedErrors.add(e.asText()));
            }
            assertThat(errors).isEqualTo(expectedErrors);
            JsonNode expected = node.get("messages");
            assertThat(decoded).hasSize(expected.size());
            for (int i = 0; i < decoded.size(); i++) {
                assertFields(decoded.get(i), expected.get(i), vector.name() + " message " + i);
            }
            if (node.has("magicCookie")) {
                assertThat(decoded).singleElement().satisfies(m -> assertThat(MagicCookie.is(m)).isTrue());
                ByteBuf raw = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(node.get("hex").asText()));
                assertThat(MagicCookie.isAt(raw, 0)).isTrue();
                assertThat(ByteBufUtil.hexDump(MagicCookie.of("server".equals(node.get("magicCookie").asText()))))
                        .isEqualTo(node.get("hex").asText());
                raw.release();
            } else {
                decoded.forEach(m -> assertThat(MagicCookie.is(m)).as("%s is not a cookie", m).isFalse());
            }
        } finally {
            decoded.forEach(SomeIpMessage::release);
            in.release();
        }
    }

    @ParameterizedTest(name = "encode {0}")
    @MethodSource("wellFormed")
    @DisplayName("encoding scapy's fields gives scapy's bytes (feat_req_someip_45, feat_req_someip_77)")
    void encodes(Vector vector) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (JsonNode m : vector.node().get("messages")) {
                MessageType type = MessageType.fromValue(m.get("messageType").asInt());
                if (type == null) {
                    fail("vector %s has a message type we do not know", vector.name());
                }
                SomeIpMessage message = SomeIpMessage.builder(m.get("serviceId").asInt(), m.get("methodId").asInt(), type)
                        .clientId(m.get("clientId").asInt())
                        .sessionId(m.get("sessionId").asInt())
                        .protocolVersion(m.get("protocolVersion").asInt())
                        .interfaceVersion(m.get("interfaceVersion").asInt())
                        .returnCode(m.get("returnCode").asInt())
                        .payload(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(m.get("payload").asText())))
                        .build();
                try {
                    assertThat(message.length()).isEqualTo(m.get("length").asLong());
                    SomeIpCodec.encode(message, out);
                } finally {
                    message.release();
                }
            }
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(vector.node().get("hex").asText());
        } finally {
            out.release();
        }
    }

    private static void assertFields(SomeIpMessage actual, JsonNode expected, String what) {
        assertThat(actual.serviceId()).as(what + " service id").isEqualTo(expected.get("serviceId").asInt());
        assertThat(actual.methodId()).as(what + " method id").isEqualTo(expected.get("methodId").asInt());
        assertThat(actual.length()).as(what + " length").isEqualTo(expected.get("length").asLong());
        assertThat(actual.clientId()).as(what + " client id").isEqualTo(expected.get("clientId").asInt());
        assertThat(actual.sessionId()).as(what + " session id").isEqualTo(expected.get("sessionId").asInt());
        assertThat(actual.protocolVersion()).as(what + " protocol version")
                .isEqualTo(expected.get("protocolVersion").asInt());
        assertThat(actual.interfaceVersion()).as(what + " interface version")
                .isEqualTo(expected.get("interfaceVersion").asInt());
        assertThat(actual.messageType().value()).as(what + " message type")
                .isEqualTo(expected.get("messageType").asInt());
        assertThat(actual.returnCode()).as(what + " return code").isEqualTo(expected.get("returnCode").asInt());
        assertThat(ByteBufUtil.hexDump(actual.payload())).as(what + " payload")
                .isEqualTo(expected.get("payload").asText());
        assertThat(actual.messageId()).isEqualTo(expected.get("serviceId").asInt() << 16
                | expected.get("methodId").asInt());
        assertThat(actual.requestId()).isEqualTo(expected.get("clientId").asInt() << 16
                | expected.get("sessionId").asInt());
        assertThat(actual.isEventId()).isEqualTo((expected.get("methodId").asInt() & 0x8000) != 0);
        if (expected.has("tp")) {
            // feat_req_someip_761: the TP flag; feat_req_someiptp_768: upper 28 bits are offset / 16.
            assertThat(actual.messageType().isTp()).isTrue();
            int word = actual.payload().getInt(actual.payload().readerIndex());
            assertThat((long) (word >>> 4) * 16).isEqualTo(expected.get("tp").get("offset").asLong());
            assertThat((word & 1) == 1).isEqualTo(expected.get("tp").get("moreSegments").asBoolean());
        } else {
            assertThat(actual.messageType().isTp()).isFalse();
        }
    }
}
