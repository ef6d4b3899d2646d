package io.vehicle.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vehicle catalog} prints exactly the checked-in docs/catalog.md and {@code --output} writes
 * it. (That docs/catalog.md matches the .proto files is CatalogMarkdownTest's job in the idl module.)
 */
class CatalogCommandTest {

    private static final Path CATALOG = Path.of("..", "docs", "catalog.md");

    private static CommandLine cli(StringWriter out, StringWriter err) {
        return io.vehicle.launcher.Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    @Test
    void printsTheCatalogMarkdown() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = cli(out, err).execute("catalog");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(CATALOG, StandardCharsets.UTF_8))
                .startsWith("# Vehicle service catalog").contains("| 0x1009 |");
    }

    @Test
    void writesTheCatalogWithOutput(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("docs").resolve("catalog.md");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = cli(out, err).execute("catalog", "--output", target.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("wrote " + target.toAbsolutePath());
        assertThat(Files.readString(target, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(CATALOG, StandardCharsets.UTF_8));
    }

    @Test
    void isListedInTheHelp() {
        StringWriter out = new StringWriter();
        cli(out, new StringWriter()).execute("--help");
        assertThat(out.toString()).contains("catalog");
    }
}
