package io.vehicle.someip.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the traceability tables honest: every requirement id of their sections of SPEC-INDEX.md
 * has a row, and every test a table names exists. docs/traceability-someip-rpc.md covers someip-rpc
 * and someip-tp, docs/traceability-someip-sd.md covers someip-sd.
 */
class TraceabilityTableTest {

    /** A table, the SPEC-INDEX sections it covers, two ids it must contain and how many tests it names at least. */
    record Table(String path, String sections, String[] sampleIds, int minTests) {
        Pattern indexLine() {
            return Pattern.compile("^- \\*\\*(" + sections + ")\\*\\* · (.*?): (.*)$");
        }

        @Override
        public String toString() {
            return path;
        }
    }

    static final Table RPC = new Table("docs/traceability-someip-rpc.md", "someip-rpc|someip-tp",
            new String[] {"feat_req_someip_45", "feat_req_someiptp_760"}, 50);
    static final Table SD = new Table("docs/traceability-someip-sd.md", "someip-sd",
            new String[] {"feat_req_someipsd_765", "feat_req_someipsd_1135"}, 50);
    static final String TABLE = RPC.path();
    static final Pattern ROW = Pattern.compile("^\\| (feat_req_\\w+) \\|([^|]*)\\|([^|]*)\\|(.*)\\|\\s*$");
    /** How a test method is declared: void, or a @TestFactory's stream of dynamic tests. */
    static final String TEST_RETURN = "\\b(?:void|Stream<DynamicTest>)";
    static final Pattern TEST_REF = Pattern.compile("`(\\w+)#(\\w+)`");

    /** The repository root: the first directory upwards from the working directory that holds the table. */
    static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TABLE))) {
                return dir;
            }
        }
        throw new AssertionError(TABLE + " not found above " + Paths.get("").toAbsolutePath());
    }

    /**
     * ../shared/SPEC-INDEX.md from the repository root (CI and the main checkout); a worktree one
     * level deeper finds it one directory further up. The system property spec.index overrides both.
     */
    static Path specIndex(Path root) {
        String override = System.getProperty("spec.index");
        if (override != null) {
            return Paths.get(override);
        }
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/SPEC-INDEX.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return root.resolveSibling("shared/SPEC-INDEX.md");
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Table> tables() {
        return Stream.of(RPC, SD);
    }

    static Map<String, String[]> tableRows(Path root, Table table) {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : lines(root.resolve(table.path()))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                String[] previous = rows.put(m.group(1), new String[] {m.group(2).trim(), m.group(3).trim(),
                        m.group(4).trim()});
                assertThat(previous).as("%s listed twice", m.group(1)).isNull();
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    @DisplayName("every id of the table's SPEC-INDEX.md sections has a row with section, summary and status")
    void everyIdOfTheIndexIsInTheTable(Table table) {
        Path root = repositoryRoot();
        Path index = specIndex(root);
        assumeTrue(Files.isRegularFile(index), "SPEC-INDEX.md not found at " + index
                + " (expected ../shared/SPEC-INDEX.md beside the repository); skipping the completeness check");
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> sections = new HashMap<>();
        for (String line : lines(index)) {
            Matcher m = table.indexLine().matcher(line);
            if (m.matches()) {
                for (String id : m.group(3).split(",")) {
                    String full = "feat_req_" + id.trim();
                    ids.add(full);
                    sections.put(full, m.group(2).trim());
                }
            }
        }
        assertThat(ids).as("ids read from %s", index).hasSizeGreaterThan(150).contains(table.sampleIds());
        Map<String, String[]> rows = tableRows(root, table);
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            String[] row = rows.get(id);
            if (row == null) {
                missing.add(id);
                continue;
            }
            assertThat(row[0]).as("section of %s", id).isEqualTo(sections.get(id));
            assertThat(row[1]).as("summary of %s", id).isNotBlank();
            assertThat(row[2]).as("status of %s", id).isNotBlank();
        }
        assertThat(missing).as("ids of SPEC-INDEX.md missing from %s", table).isEmpty();
        assertThat(rows.keySet()).as("rows for ids that SPEC-INDEX.md does not list").isSubsetOf(ids);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    @DisplayName("every Class#method the table names is a test method in the test sources")
    void everyNamedTestExists(Table table) throws IOException {
        Path root = repositoryRoot();
        // Every module's test sources: a requirement may be shown by a stack, SDK or application test.
        Map<String, String> sources = new HashMap<>();
        List<Path> testTrees;
        try (Stream<Path> modules = Files.walk(root, 3)) {
            testTrees = modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList();
        }
        for (Path tests : testTrees) {
            try (Stream<Path> files = Files.walk(tests)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    String name = p.getFileName().toString().replace(".java", "");
                    sources.put(name, String.join("\n", lines(p)));
                });
            }
        }
        Set<String> named = new LinkedHashSet<>();
        for (String[] row : tableRows(root, table).values()) {
            Matcher m = TEST_REF.matcher(row[2]);
            while (m.find()) {
                named.add(m.group(1) + "#" + m.group(2));
            }
        }
        assertThat(named).as("tests named in %s", table).hasSizeGreaterThan(table.minTests());
        List<String> absent = new ArrayList<>();
        for (String ref : named) {
            String[] parts = ref.split("#");
            String source = sources.get(parts[0]);
            boolean found = source != null
                    && source.contains("class " + parts[0])
                    && Pattern.compile(TEST_RETURN + " " + parts[1] + "\\(").matcher(source).find()
                    // annotated as a test (a @TestFactory returns its dynamic tests), no other method in between
                    && Pattern.compile("@(Test|ParameterizedTest|TestFactory|FuzzTest)\\b(?:(?!\\bvoid\\b|"
                    + "\\bStream<DynamicTest>).)*?" + TEST_RETURN + " " + parts[1] + "\\(", Pattern.DOTALL)
                    .matcher(source).find();
            if (!found) {
                absent.add(ref);
            }
        }
        assertThat(absent).as("tests named in %s that do not exist", table).isEmpty();
    }
}
