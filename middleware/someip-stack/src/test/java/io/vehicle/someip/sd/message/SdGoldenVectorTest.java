package io.vehicle.someip.sd.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.vectors.GoldenVector;
import io.vehicle.someip.vectors.GoldenVectorSuite;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SOME/IP-SD golden vectors (vectors/someip-sd.yaml, made by scapy 2.5.0 with
 * testing/src/main/python/sd_vectors.py) through {@link SdCodec}, both directions.
 */
class SdGoldenVectorTest {

    @TestFactory
    @DisplayName("feat_req_someipsd_205, feat_req_someipsd_47, feat_req_someipsd_109: scapy's bytes decode to "
            + "scapy's reading, header, entries, option runs and options")
    Stream<DynamicTest> decodes() {
        return SdMessageTree.SUITE.decodeTests(new SdVectorCodec());
    }

    @TestFactory
    @DisplayName("feat_req_someipsd_26, feat_req_someipsd_900: encoding scapy's reading gives scapy's bytes")
    Stream<DynamicTest> encodes() {
        return SdMessageTree.SUITE.encodeTests(new SdVectorCodec());
    }

    @Test
    @DisplayName("docs/traceability-someip-*.md name this runner for exactly the ids its vectors cite")
    void traceabilityTablesNameTheVectors() {
        GoldenVectorSuite.assertTraced(SdGoldenVectorTest.class, SdMessageTree.SUITE);
    }

    @Test
    @DisplayName("the SD suite comes from scapy and holds every entry type and every option type we decode")
    void coversEveryEntryAndOptionType() {
        assertThat(SdMessageTree.SUITE.generator()).startsWith("scapy 2.5.0");
        assertThat(SdMessageTree.SUITE.vectors()).hasSize(14).allSatisfy(v ->
                assertThat(v.source()).as(v.name()).isEqualTo("scapy 2.5.0"));
        assertThat(SdMessageTree.SUITE.vectors().stream().map(GoldenVector::decoded)
                .flatMap(d -> Stream.concat(stream(d.get("entries")), stream(d.get("options"))))
                .map(node -> node.get("kind").asText()).distinct())
                .containsExactlyInAnyOrder("FindService", "OfferService", "StopOfferService", "SubscribeEventgroup",
                        "StopSubscribeEventgroup", "SubscribeEventgroupAck", "SubscribeEventgroupNack",
                        "Ipv4Endpoint", "Ipv6Endpoint", "Ipv4Multicast", "Ipv6Multicast", "Ipv4SdEndpoint",
                        "Ipv6SdEndpoint", "Configuration", "LoadBalancing");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
