package io.vehicle.someip.vectors;

import io.vehicle.testing.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requirement ids a vector may cite: those with a row in the traceability tables, which
 * TraceabilityTableTest keeps equal to the ids of SPEC-INDEX.md. The tables are in the repository,
 * SPEC-INDEX.md beside it, so this works wherever the repository is checked out.
 */
final class IndexedRequirements {

    static final String[] TABLES = {"docs/traceability-someip-rpc.md", "docs/traceability-someip-sd.md"};
    private static final Pattern ROW = Pattern.compile("^\\| (feat_req_\\w+) \\|");
    private static Set<String> ids;

    private IndexedRequirements() {
    }

    static synchronized Set<String> ids() {
        if (ids == null) {
            Set<String> read = new HashSet<>();
            for (String table : TABLES) {
                Path file = Repository.path(table);
                try {
                    for (String line : Files.readAllLines(file)) {
                        Matcher row = ROW.matcher(line);
                        if (row.find()) {
                            read.add(row.group(1));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(file.toString(), e);
                }
            }
            if (read.size() < 400) {
                throw new IllegalStateException("only " + read.size() + " requirement rows in " + String.join(", ", TABLES));
            }
            ids = Set.copyOf(read);
        }
        return ids;
    }
}
