package io.vehicle.someip.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.vectors.GoldenVector;
import io.vehicle.someip.vectors.GoldenVectorSuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The serialization golden vectors (vectors/someip-serialization.yaml, written by hand: the layouts
 * of the spec's union and map examples, and ours) through {@link SomeIpSerializer}, both directions.
 */
class SerializationGoldenVectorTest {

    static final GoldenVectorSuite SUITE = GoldenVectorSuite.load("/vectors/someip-serialization.yaml");

    @TestFactory
    @DisplayName("feat_req_someip_230..274: each payload reads as its message, every byte consumed")
    Stream<DynamicTest> decodes() {
        return SUITE.decodeTests(new SerializationVectorCodec());
    }

    @TestFactory
    @DisplayName("feat_req_someip_230..274: each message writes its payload (or the canonical one of tolerated input)")
    Stream<DynamicTest> encodes() {
        return SUITE.encodeTests(new SerializationVectorCodec());
    }

    @Test
    @DisplayName("docs/traceability-someip-rpc.md names this runner for exactly the ids its vectors cite")
    void traceabilityTablesNameTheVectors() {
        GoldenVectorSuite.assertTraced(SerializationGoldenVectorTest.class, SUITE);
    }

    @Test
    @DisplayName("the union and map examples of the specification are in the suite")
    void holdsTheSpecExamples() {
        assertThat(SUITE.vectors()).hasSize(18);
        assertThat(SUITE.vectors().stream().map(GoldenVector::source).filter(s -> s.startsWith("spec example")))
                .containsExactlyInAnyOrder("spec example feat_req_someip_278", "spec example feat_req_someip_289",
                        "spec example feat_req_someip_300");
    }
}
