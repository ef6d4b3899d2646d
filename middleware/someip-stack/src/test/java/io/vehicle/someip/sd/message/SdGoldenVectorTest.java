package io.vehicle.someip.sd.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden vectors made by scapy 2.5.0 (testing/src/main/python/sd_vectors.py), checked in both directions:
 * our decoding of scapy's bytes equals scapy's decoded form, and our encoding of that form gives
 * scapy's bytes exactly. Each vector names the requirements it shows.
 */
class SdGoldenVectorTest {

    static Stream<Arguments> vectors() {
        return StreamSupport.stream(SdVectorJson.vectors().spliterator(), false)
                .map(v -> Arguments.of(v.get("name").asText() + " (" + v.get("spec").asText() + ")", v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("feat_req_someipsd_205, feat_req_someipsd_47, feat_req_someipsd_109: scapy's bytes decode to scapy's reading")
    void decodesScapyBytes(String name, JsonNode vector) throws Exception {
        ByteBuf wire = Unpooled.wrappedBuffer(HexFormat.of().parseHex(vector.get("hex").asText()));
        SomeIpMessage someIp = SomeIpCodec.decode(wire);
        try {
            DecodedSdMessage decoded = SdCodec.decode(someIp);
            assertThat(decoded.rejected()).isEmpty();
            assertThat(SdVectorJson.toJson(decoded.message())).isEqualTo(SdVectorJson.sdPart(vector.get("decoded")));
            assertThat(decoded.message()).isEqualTo(SdVectorJson.toMessage(vector.get("decoded")));
            assertThat(someIp.sessionId()).isEqualTo(1);
        } finally {
            someIp.release(); // the payload is a retained slice of wire
            assertThat(wire.release()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("feat_req_someipsd_26, feat_req_someipsd_900: encoding scapy's reading gives scapy's bytes")
    void encodesToScapyBytes(String name, JsonNode vector) {
        SdMessage message = SdVectorJson.toMessage(vector.get("decoded"));
        SomeIpMessage someIp = SdCodec.encodeMessage(message, 1, ByteBufAllocator.DEFAULT);
        ByteBuf wire = SomeIpCodec.encode(someIp, ByteBufAllocator.DEFAULT);
        try {
            assertThat(ByteBufUtil.hexDump(wire)).isEqualTo(vector.get("hex").asText());
        } finally {
            assertThat(wire.release()).isTrue();
            assertThat(someIp.release()).isTrue();
        }
    }
}
