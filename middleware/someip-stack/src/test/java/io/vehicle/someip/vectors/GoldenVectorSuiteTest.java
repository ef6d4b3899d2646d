package io.vehicle.someip.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the suite loader refuses, each with an error that says what is wrong and where. */
class GoldenVectorSuiteTest {

    static final String GOOD = """
            - name: a request
              requirements: [feat_req_someip_45]
              source: ours
              hex: '00 01'
              decoded: {a: 1}
            """;

    static Stream<Arguments> brokenSuites() {
        return Stream.of(
                Arguments.of("unquoted hex, which YAML reads as a number", GOOD.replace("'00 01'", "0001"),
                        "must be a quoted string"),
                Arguments.of("an odd number of hex digits", GOOD.replace("'00 01'", "'00 1'"),
                        "not an even number of hex digits"),
                Arguments.of("a field the format does not have", GOOD + "  comment: x\n", "unknown field 'comment'"),
                Arguments.of("an id the index does not list", GOOD.replace("someip_45]", "someip_278]"),
                        "feat_req_someip_278 is not a requirement of SPEC-INDEX.md"),
                Arguments.of("a placeholder id", GOOD.replace("feat_req_someip_45", "feat_req_someip_…"),
                        "is not a requirement of SPEC-INDEX.md"),
                Arguments.of("no requirement", GOOD.replace("[feat_req_someip_45]", "[]"), "cites no requirement"),
                Arguments.of("a source of no known kind", GOOD.replace("source: ours", "source: the internet"),
                        "source 'the internet' is none of"),
                Arguments.of("no decoded tree", GOOD.replace("  decoded: {a: 1}\n", ""), "has no decoded tree"),
                Arguments.of("encodesTo the same as hex", GOOD + "  encodesTo: '0001'\n", "encodesTo repeats hex"),
                Arguments.of("two vectors of one name", GOOD + GOOD, "two vectors named 'a request'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSuites")
    @DisplayName("a suite with a broken vector is refused with a clear error")
    void refusesBrokenVectors(String what, String vectors, String error) {
        assertThatThrownBy(() -> GoldenVectorSuite.parse("test.yaml", "vectors:\n" + vectors))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining(error);
    }

    @Test
    @DisplayName("a sound vector loads, spaces in its hex only for reading")
    void loadsASoundVector() throws Exception {
        GoldenVector vector = GoldenVectorSuite.parse("test.yaml", "vectors:\n" + GOOD).vectors().get(0);
        assertThat(vector.hex()).containsExactly("0001");
        assertThat(vector.encodable()).isTrue();
        assertThat(vector.expectedEncoding()).containsExactly("0001");
        assertThat(vector.arguments().isEmpty()).isTrue();
    }
}
