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

    /**
     * The JVM options of a benchmark's server or provider process: {@code base} and then those in
     * {@code VEHICLE_PROVIDER_JAVA_OPTS}, so one side can be profiled (-XX:StartFlightRecording=...).
     */
    public static List<String> providerOptions(List<String> base) {
        List<String> options = new ArrayList<>(base);
        String extra = System.getenv("VEHICLE_PROVIDER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
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
