package io.vehicle.someip.sd.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.testing.ExternalTools;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live interop with scapy (testing/src/main/python/sd_vectors.py): our decoding of the bytes scapy makes
 * now, and scapy's decoding of the bytes we make. Skipped without /usr/bin/python3 + scapy,
 * failed then if CI=true.
 */
class SdScapyInteropTest {

    private static final String PYTHON = ExternalTools.PYTHON;
    private static final Path SCRIPT = ExternalTools.PYTHON_SCRIPTS.resolve("sd_vectors.py");

    @BeforeAll
    static void scapyPresent() {
        ExternalTools.requireScapyVectorGenerator();
    }

    @Test
    @DisplayName("feat_req_someipsd_205, feat_req_someipsd_47, feat_req_someipsd_109: we decode what scapy encodes now")
    void weDecodeScapyLive() throws Exception {
        JsonNode generated = new YAMLMapper().readTree(
                ExternalTools.run(List.of(PYTHON, SCRIPT.toString(), "generate")));
        assertThat(generated.get("vectors")).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode vector : generated.get("vectors")) {
            ByteBuf wire = Unpooled.wrappedBuffer(HexFormat.of().parseHex(vector.get("hex").asText()));
            SomeIpMessage someIp = SomeIpCodec.decode(wire);
            try {
                DecodedSdMessage decoded = SdCodec.decode(someIp);
                assertThat(SdMessageTree.toJson(decoded)).as(vector.get("name").asText())
                        .isEqualTo(SdMessageTree.sdPart(vector.get("decoded")));
            } finally {
                someIp.release();
                assertThat(wire.release()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_26, feat_req_someipsd_44, feat_req_someipsd_900: scapy decodes what we encode")
    void scapyDecodesOurs() throws Exception {
        List<SdMessage> messages = new ArrayList<>(SdMessageTree.vectorMessages());
        messages.add(sharedOptionsBuiltByHand());
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), "decode"));
        for (SdMessage message : messages) {
            command.add(hex(message));
        }
        JsonNode decoded = SdMessageTree.MAPPER.readTree(ExternalTools.run(command));
        assertThat(decoded).hasSameSizeAs(messages);
        for (int i = 0; i < messages.size(); i++) {
            JsonNode header = decoded.get(i).get("header");
            assertThat(header.get("serviceId").asInt()).isEqualTo(0xFFFF);
            assertThat(header.get("methodId").asInt()).isEqualTo(0x8100);
            assertThat(header.get("interfaceVersion").asInt()).isEqualTo(1);
            assertThat(header.get("messageType").asInt()).isEqualTo(2);
            assertThat(SdMessageTree.sdPart(decoded.get(i))).isEqualTo(SdMessageTree.toJson(messages.get(i)));
        }
    }

    /** Entries that share options without the sender placing them: the codec lays the array out. */
    private static SdMessage sharedOptionsBuiltByHand() {
        Inet4Address host = (Inet4Address) SdMessageTree.address("10.0.0.1");
        SdOption udp = new Ipv4EndpointOption(host, TransportProtocol.UDP, 30501);
        SdOption tcp = new Ipv4EndpointOption(host, TransportProtocol.TCP, 30502);
        SdOption config = ConfigurationOption.of("hostname=hvac");
        List<SdEntry> entries = List.of(
                new OfferService(0x1000, 1, 1, 0, 3, List.of(udp, tcp), List.of(config)),
                new OfferService(0x1001, 1, 1, 0, 3, List.of(udp, tcp), List.of(config)),
                new OfferService(0x1002, 1, 1, 0, 3, List.of(tcp), List.of()));
        SdMessage message = new SdMessage(true, true, false, entries,
                List.of(new Ipv4SdEndpointOption(host, TransportProtocol.UDP, 30490)));
        // The array: SD endpoint, udp, tcp, config; the third offer reuses tcp at index 2.
        return new SdMessage(true, true, false, entries,
                List.of(message.options().get(0), udp, tcp, config));
    }

    private static String hex(SdMessage message) {
        SomeIpMessage someIp = SdCodec.encodeMessage(message, 1, ByteBufAllocator.DEFAULT);
        ByteBuf wire = SomeIpCodec.encode(someIp, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(wire);
        } finally {
            wire.release();
            someIp.release();
        }
    }
}
