package io.vehicle.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, whichever module's directory a test runs in (surefire's working directory). */
public final class Repository {

    private Repository() {
    }

    /** The repository root: the first directory upwards that holds the test-support module. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testing/src/main/python")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + start);
    }

    /** A path relative to the repository root. */
    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
