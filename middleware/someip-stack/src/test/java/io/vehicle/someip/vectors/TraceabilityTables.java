package io.vehicle.someip.vectors;

import io.vehicle.testing.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of docs/traceability-someip-rpc.md and docs/traceability-someip-sd.md: requirement id to
 * the column that names its tests. TraceabilityTableTest keeps the ids equal to those of
 * SPEC-INDEX.md, so an id with a row is one a vector may cite; the tables are in the repository, so
 * this works wherever it is checked out.
 */
final class TraceabilityTables {

    static final String[] TABLES = {"docs/traceability-someip-rpc.md", "docs/traceability-someip-sd.md"};
    private static final Pattern ROW = Pattern.compile("^\\| (feat_req_\\w+) \\|[^|]*\\|[^|]*\\|(.*)\\|\\s*$");
    private static Map<String, String> rows;

    private TraceabilityTables() {
    }

    /** Requirement id to its tests column. */
    static synchronized Map<String, String> rows() {
        if (rows == null) {
            Map<String, String> read = new HashMap<>();
            for (String table : TABLES) {
                Path file = Repository.path(table);
                try {
                    for (String line : Files.readAllLines(file)) {
                        Matcher row = ROW.matcher(line);
                        if (row.matches()) {
                            read.put(row.group(1), row.group(2));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(file.toString(), e);
                }
            }
            if (read.size() < 400) {
                throw new IllegalStateException("only " + read.size() + " requirement rows in " + String.join(", ", TABLES));
            }
            rows = Map.copyOf(read);
        }
        return rows;
    }
}
