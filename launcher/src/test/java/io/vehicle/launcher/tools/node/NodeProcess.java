package io.vehicle.launcher.tools.node;

import io.vehicle.testing.ToolProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code vehicle node} as a separate JVM (optionally behind a prefix such as {@code ip netns exec
 * NS}), read through its JSON lines. Lines that are not JSON objects (there should be none: logs go
 * to stderr) are skipped.
 */
public final class NodeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolProcess tool;
    private final String name;

    private NodeProcess(String name, ToolProcess tool) {
        this.name = name;
        this.tool = tool;
    }

    /** Starts {@code prefix... java ... VehicleCli node args...}. */
    public static NodeProcess start(String name, List<String> prefix, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand());
        command.add("node");
        command.addAll(args);
        return new NodeProcess(name, ToolProcess.start(command, null));
    }

    public static NodeProcess start(String name, String... args) throws IOException {
        return start(name, List.of(), List.of(args));
    }

    /**
     * The java binary of this JVM with the main classpath (target/classes and the dependency jars;
     * not test-classes, whose logback-test.xml would log to stdout), small heap, quick start-up.
     */
    public static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String main = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", main,
                "io.vehicle.launcher.Main");
    }

    /** The next line whose "event" is {@code event} and that matches, skipping others. */
    public JsonNode await(String event, Predicate<JsonNode> matcher, long timeoutSeconds) throws InterruptedException {
        String line = tool.awaitStdout(l -> {
            JsonNode node = parse(l);
            return node != null && event.equals(node.path("event").asText()) && matcher.test(node);
        }, timeoutSeconds, name + ": event " + event);
        return parse(line);
    }

    public JsonNode await(String event, long timeoutSeconds) throws InterruptedException {
        return await(event, n -> true, timeoutSeconds);
    }

    /** Like {@link #await} but returns null at the timeout instead of failing. */
    public JsonNode poll(String event, Predicate<JsonNode> matcher, long timeoutMillis) throws InterruptedException {
        String line = tool.pollStdout(l -> {
            JsonNode node = parse(l);
            return node != null && event.equals(node.path("event").asText()) && matcher.test(node);
        }, timeoutMillis);
        return line == null ? null : parse(line);
    }

    /** The next JSON line within the timeout, whatever its event, or null. */
    public JsonNode next(long timeoutMillis) throws InterruptedException {
        String line = tool.pollStdout(l -> parse(l) != null, timeoutMillis);
        return line == null ? null : parse(line);
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes one line to the process's standard input (such as {@code stats}). */
    public void send(String line) {
        try {
            tool.stdin().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            tool.stdin().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void closeStdin() {
        try {
            tool.stdin().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM through the process handle: Process.destroy() would also close our end of its stdout. */
    public void sigterm() {
        tool.process().toHandle().destroy();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void sigkill() throws InterruptedException {
        tool.process().toHandle().destroyForcibly();
        tool.awaitExit(10);
    }

    public int awaitExit(long timeoutSeconds) throws InterruptedException {
        return tool.awaitExit(timeoutSeconds);
    }

    public boolean isAlive() {
        return tool.process().isAlive();
    }

    public String transcript() {
        return tool.transcript();
    }

    @Override
    public void close() throws InterruptedException {
        if (tool.process().isAlive()) {
            tool.process().destroyForcibly();
        }
        tool.close();
    }
}
