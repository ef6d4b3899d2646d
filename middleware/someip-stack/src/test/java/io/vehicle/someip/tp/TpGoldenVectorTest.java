package io.vehicle.someip.tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.vectors.GoldenVectorSuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SOME/IP-TP golden vectors, made by scapy 2.5.0 with testing/src/main/python/tp_vectors.py:
 * TP headers (vectors/someip-tp-header.yaml) through {@link TpHeader}, and messages cut by scapy's
 * SOMEIP.fragment() (vectors/someip-tp.yaml) through {@link TpReassembler} and {@link TpSegmenter}.
 */
class TpGoldenVectorTest {

    static final GoldenVectorSuite HEADERS = GoldenVectorSuite.load("/vectors/someip-tp-header.yaml");
    static final GoldenVectorSuite SEGMENTS = GoldenVectorSuite.load("/vectors/someip-tp.yaml");

    @TestFactory
    @DisplayName("feat_req_someiptp_766/768/769/770: scapy's TP headers read as scapy's fields; scapy's segments "
            + "reassemble to the original message (feat_req_someiptp_789/785/783), its empty last segment "
            + "included (feat_req_someiptp_792)")
    Stream<DynamicTest> decodes() {
        return Stream.concat(HEADERS.decodeTests(new TpHeaderVectorCodec()),
                SEGMENTS.decodeTests(new TpSegmentsVectorCodec()));
    }

    @TestFactory
    @DisplayName("feat_req_someiptp_766/767: TP header fields write scapy's bytes; feat_req_someiptp_773/772/770/774: "
            + "we cut a message into scapy's segments byte for byte, without an empty tail (feat_req_someiptp_779)")
    Stream<DynamicTest> encodes() {
        return Stream.concat(HEADERS.encodeTests(new TpHeaderVectorCodec()),
                SEGMENTS.encodeTests(new TpSegmentsVectorCodec()));
    }

    @Test
    @DisplayName("docs/traceability-someip-rpc.md names this runner for exactly the ids its vectors cite")
    void traceabilityTablesNameTheVectors() {
        GoldenVectorSuite.assertTraced(TpGoldenVectorTest.class, HEADERS, SEGMENTS);
    }

    @Test
    @DisplayName("both TP suites come from scapy 2.5.0")
    void comeFromScapy() {
        for (GoldenVectorSuite suite : new GoldenVectorSuite[] {HEADERS, SEGMENTS}) {
            assertThat(suite.generator()).as(suite.resource()).startsWith("scapy 2.5.0");
            assertThat(suite.vectors()).allSatisfy(v -> assertThat(v.source()).as(v.name()).isEqualTo("scapy 2.5.0"));
        }
        assertThat(HEADERS.vectors()).hasSize(8);
        assertThat(SEGMENTS.vectors()).hasSize(2);
    }
}
