package io.vehicle.launcher.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This program ({@code ./vehicle}) started again as a child JVM on the same classpath, for tools
 * that put a server or provider in a process of its own (load, sd-bench, event-bench).
 */
public final class ChildJvm {

    /** Named, not imported: the tools that start children must not depend on the command tree. */
    static final String MAIN_CLASS = "io.vehicle.launcher.Main";

    private ChildJvm() {
    }

    /** {@code java <jvmOptions> -cp <this classpath> io.vehicle.launcher.Main <args>}. */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(args);
        return command;
    }
}
