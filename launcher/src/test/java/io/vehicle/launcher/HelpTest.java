package io.vehicle.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command and subcommand of {@code ./vehicle} answers {@code --help} with its usage and a description whose
 * first line (all that the parent's list of commands shows) is a whole sentence.
 */
class HelpTest {

    @TestFactory
    Stream<DynamicTest> everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).extracting(path -> String.join(" ", path))
                .contains("", "demo", "simulator", "bridge", "assistant", "ask");
        return paths.stream().map(path -> DynamicTest.dynamicTest("vehicle " + String.join(" ", path) + " --help",
                () -> {
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    CommandLine line = Main.commandLine();
                    line.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
                    List<String> args = new ArrayList<>(path);
                    args.add("--help");
                    int exit = line.execute(args.toArray(String[]::new));
                    assertThat(exit).as(err.toString()).isZero();
                    String usage = out.toString();
                    assertThat(usage).startsWith("Usage: vehicle").contains("-h, --help");
                    CommandLine command = line;
                    for (String name : path) {
                        command = command.getSubcommands().get(name);
                    }
                    String[] description = command.getCommandSpec().usageMessage().description();
                    assertThat(description).as("description of %s", path).isNotEmpty();
                    // The parent's command list shows only this line: it must be a whole sentence.
                    assertThat(description[0].strip()).as("first description line of %s", path).endsWith(".");
                }));
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // skip aliases
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, into);
            }
        });
    }
}
