package io.vehicle.launcher.demo;

import io.vehicle.launcher.tools.node.NodeProcess;
import io.vehicle.testing.ToolProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vehicle demo} as a process started from the build's output (target/classes and the dependency jars),
 * on free ports and a private SD port, read through what it prints.
 */
final class DemoProcess implements AutoCloseable {

    private static final Pattern ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    final ToolProcess tool;
    String dashboardUrl;
    int grpcPort;
    int assistantPort;
    int controlPort;
    double readySeconds;

    private DemoProcess(ToolProcess tool) {
        this.tool = tool;
    }

    /**
     * Starts the demo. {@code env --default-signal=INT} gives the child the default SIGINT handling even when
     * this JVM runs in the background (where the shell set SIGINT to ignored, which a child inherits and a JVM
     * then leaves alone), so SIGINT reaches it as a Ctrl-C would.
     */
    static DemoProcess start(int sdPort, Path auditDir) throws IOException {
        return start(sdPort, auditDir, java.util.Map.of());
    }

    /** With these environment variables added (through env, which also resets SIGINT). */
    static DemoProcess start(int sdPort, Path auditDir, java.util.Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT"));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        for (String part : NodeProcess.javaCommand()) {
            // The demo holds two embedding models and the whole car: more heap than a SOME/IP node.
            command.add(part.startsWith("-Xmx") ? "-Xmx768m" : part);
        }
        command.addAll(List.of("demo", "--sd-port", Integer.toString(sdPort), "--someip-port", "0", "--fast-sd",
                "--port", "0", "--http-port", "0", "--assistant-port", "0", "--control-port", "0",
                "--audit-dir", auditDir.toString()));
        return new DemoProcess(ToolProcess.start(command, null));
    }

    /** Waits for "ready in N s" and reads the addresses printed after it. */
    void awaitReady(long timeoutSeconds) throws InterruptedException {
        String ready = tool.awaitStdout(line -> line.startsWith("ready in "), timeoutSeconds, "ready in");
        readySeconds = Double.parseDouble(ready.replaceAll("[^0-9.]", ""));
        dashboardUrl = tool.awaitStdout(line -> line.contains("dashboard "), 5, "the dashboard URL").trim()
                .replaceFirst("^dashboard\\s+", "");
        grpcPort = port(tool.awaitStdout(line -> line.trim().startsWith("gRPC "), 5, "the gRPC address"));
        assistantPort = port(tool.awaitStdout(line -> line.trim().startsWith("assistant "), 5, "the node's address"));
        controlPort = port(tool.awaitStdout(line -> line.trim().startsWith("simulator "), 5, "the control API"));
    }

    private static int port(String line) {
        Matcher matcher = ADDRESS.matcher(line);
        if (!matcher.find()) {
            throw new AssertionError("no 127.0.0.1:PORT in: " + line);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Ctrl-C: SIGINT to the JVM (not to the env wrapper, which exec'd it: same pid). */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(tool.process().pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -INT failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        tool.close();
    }
}
