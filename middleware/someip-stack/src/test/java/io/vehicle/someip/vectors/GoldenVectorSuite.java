package io.vehicle.someip.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * A file of golden vectors (src/test/resources/vectors/*.yaml, format in docs/architecture.md) and
 * the two checks every vector gets: our decoder turns its hex into its tree, and our encoder turns
 * its tree into its hex (or {@code encodesTo}). Loading checks the file itself: every vector named
 * once, citing ids the traceability tables list (and so SPEC-INDEX.md), with a known kind of source.
 */
public final class GoldenVectorSuite {

    private static final ObjectMapper YAML = new YAMLMapper();
    /** Trees are compared after a round trip through JSON text, so 7 read as int equals 7 written as long. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of("name", "requirements", "source", "arguments", "hex", "decoded", "encodesTo");
    private static final Pattern SOURCE =
            Pattern.compile("scapy \\d+\\.\\d+\\.\\d+|spec example feat_req_\\w+_\\d+|capture \\S.*|ours");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2})*");

    private final String resource;
    private final String generator;
    private final List<GoldenVector> vectors;

    private GoldenVectorSuite(String resource, String generator, List<GoldenVector> vectors) {
        this.resource = resource;
        this.generator = generator;
        this.vectors = List.copyOf(vectors);
    }

    /** Reads and checks a suite from the test class path, e.g. {@code /vectors/someip-sd.yaml}. */
    public static GoldenVectorSuite load(String resource) {
        try (InputStream in = GoldenVectorSuite.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden vector suite " + resource + " on the test class path");
            }
            return parse(resource, YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Reads and checks a suite given as YAML text; {@code resource} names it in errors. */
    static GoldenVectorSuite parse(String resource, String yaml) throws IOException {
        return parse(resource, YAML.readTree(yaml));
    }

    private static GoldenVectorSuite parse(String resource, JsonNode document) {
        Set<String> known = TraceabilityTables.rows().keySet();
        Set<String> names = new HashSet<>();
        List<GoldenVector> vectors = new ArrayList<>();
        for (JsonNode node : document.path("vectors")) {
            GoldenVector vector = vector(resource, node, known);
            if (!names.add(vector.name())) {
                throw new IllegalArgumentException(resource + ": two vectors named '" + vector.name() + "'");
            }
            vectors.add(vector);
        }
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException(resource + ": no vectors");
        }
        return new GoldenVectorSuite(resource, document.path("generator").asText(""), vectors);
    }

    private static GoldenVector vector(String resource, JsonNode node, Set<String> known) {
        String name = node.path("name").asText("");
        String where = resource + ": vector '" + name + "': ";
        if (name.isBlank()) {
            throw new IllegalArgumentException(resource + ": a vector without a name: " + node);
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(where + "unknown field '" + field + "', expected " + FIELDS);
            }
        });
        List<String> requirements = new ArrayList<>();
        node.path("requirements").forEach(id -> requirements.add(id.asText()));
        if (requirements.isEmpty()) {
            throw new IllegalArgumentException(where + "cites no requirement");
        }
        for (String id : requirements) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException(where + id + " is not a requirement of SPEC-INDEX.md "
                        + "(no row in docs/traceability-someip-*.md)");
            }
        }
        String source = node.path("source").asText("");
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException(where + "source '" + source + "' is none of " + SOURCE.pattern());
        }
        if (!node.has("decoded")) {
            throw new IllegalArgumentException(where + "has no decoded tree");
        }
        List<String> hex = hex(where + "hex", node.get("hex"));
        List<String> encodesTo = node.has("encodesTo") ? hex(where + "encodesTo", node.get("encodesTo")) : null;
        if (hex.equals(encodesTo)) {
            throw new IllegalArgumentException(where + "encodesTo repeats hex; leave it out");
        }
        JsonNode arguments = node.has("arguments") ? node.get("arguments") : JSON.createObjectNode();
        return new GoldenVector(name, List.copyOf(requirements), source, arguments, hex, node.get("decoded"),
                encodesTo);
    }

    /** A quoted string or a list of them, one per datagram; spaces may group the bytes for reading. */
    private static List<String> hex(String what, JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(items::add);
        } else if (node != null) {
            items.add(node);
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        List<String> datagrams = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                // Unquoted, YAML reads 00000000 as the number 0 and 1e10 as a float.
                throw new IllegalArgumentException(what + " must be a quoted string, got " + item);
            }
            String text = item.asText().replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            if (!HEX.matcher(text).matches()) {
                throw new IllegalArgumentException(what + " is not an even number of hex digits: " + item);
            }
            datagrams.add(text);
        }
        return List.copyOf(datagrams);
    }

    public String resource() {
        return resource;
    }

    /** How the suite was made (the generator script and tool version), empty when written by hand. */
    public String generator() {
        return generator;
    }

    public List<GoldenVector> vectors() {
        return vectors;
    }

    /** decode(hex) equals the tree, for every vector. */
    public Stream<DynamicTest> decodeTests(VectorCodec codec) {
        return vectors.stream().map(vector -> dynamicTest("decode " + vector, () -> {
            JsonNode decoded = codec.decode(vector.datagrams(), vector.arguments());
            JsonNode expected = codec.canonical(vector.decoded(), vector.arguments());
            assertThat(normalised(decoded)).as("%s: decoding %s", resource, vector.name())
                    .isEqualTo(normalised(expected));
        }));
    }

    /** encode(tree) equals the hex (or encodesTo), for every vector that is not broken input. */
    public Stream<DynamicTest> encodeTests(VectorCodec codec) {
        return vectors.stream().filter(GoldenVector::encodable).map(vector -> dynamicTest("encode " + vector, () -> {
            List<String> encoded = codec.encode(vector.decoded(), vector.arguments()).stream()
                    .map(HexFormat.of()::formatHex).toList();
            assertThat(encoded).as("%s: encoding %s", resource, vector.name())
                    .containsExactlyElementsOf(vector.expectedEncoding());
        }));
    }

    /**
     * The traceability tables and the suites a runner runs agree: the row of every id a vector cites
     * names the runner's {@code decodes} or {@code encodes} (whichever direction shows it), and a row
     * that names one of them is for an id that a vector checked in that direction cites.
     */
    public static void assertTraced(Class<?> runner, GoldenVectorSuite... suites) {
        Set<String> decoded = new TreeSet<>();
        Set<String> encoded = new TreeSet<>();
        for (GoldenVectorSuite suite : suites) {
            for (GoldenVector vector : suite.vectors()) {
                decoded.addAll(vector.requirements());
                if (vector.encodable()) {
                    encoded.addAll(vector.requirements());
                }
            }
        }
        String decodes = "`" + runner.getSimpleName() + "#decodes`";
        String encodes = "`" + runner.getSimpleName() + "#encodes`";
        Map<String, String> rows = TraceabilityTables.rows();
        assertThat(decoded.stream().filter(id -> !rows.get(id).contains(decodes) && !rows.get(id).contains(encodes))
                .toList())
                .as("ids the vectors cite whose row in %s names neither %s nor %s", List.of(TraceabilityTables.TABLES),
                        decodes, encodes)
                .isEmpty();
        Set<String> ids = new TreeSet<>(rows.keySet());
        assertThat(ids.stream().filter(id -> rows.get(id).contains(decodes) && !decoded.contains(id)).toList())
                .as("rows naming %s for ids no vector of %s cites", decodes, List.of(suites))
                .isEmpty();
        assertThat(ids.stream().filter(id -> rows.get(id).contains(encodes) && !encoded.contains(id)).toList())
                .as("rows naming %s for ids no encoded vector of %s cites", encodes, List.of(suites))
                .isEmpty();
    }

    private static JsonNode normalised(JsonNode tree) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(tree));
    }

    @Override
    public String toString() {
        return resource;
    }
}
