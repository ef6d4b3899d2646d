package io.vehicle.launcher.cli;

import io.vehicle.idl.catalog.CatalogMarkdown;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the service catalog (services, SOME/IP ids, methods, events, fields, signals) as Markdown,
 * rendered from the .proto files by {@link CatalogMarkdown}; {@code --output docs/catalog.md}
 * regenerates the checked-in copy.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Print the vehicle service catalog as Markdown, or write it with --output (e.g. docs/catalog.md).")
public final class CatalogCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the Markdown to FILE instead of stdout.")
    private Path output;

    @Override
    public Integer call() throws Exception {
        String markdown = CatalogMarkdown.render();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(markdown);
            out.flush();
            return 0;
        }
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        Files.writeString(output, markdown, StandardCharsets.UTF_8);
        spec.commandLine().getErr().println("wrote " + output.toAbsolutePath());
        return 0;
    }
}
