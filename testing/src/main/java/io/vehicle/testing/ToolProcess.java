package io.vehicle.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An external program (a scapy script, tshark) whose stdout and stderr lines are read by daemon
 * threads, so a test can wait for a given line with a timeout instead of sleeping. Closing
 * destroys the process if it still runs.
 */
public final class ToolProcess implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final String name;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
    private final StringBuffer transcript = new StringBuffer();

    private ToolProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        pump(process.getInputStream(), stdout, "out");
        pump(process.getErrorStream(), stderr, "err");
    }

    public static ToolProcess start(List<String> command, Path workingDirectory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return new ToolProcess(String.join(" ", command), builder.start());
    }

    /** The next stdout line; fails the test if none comes within the timeout or the stream ends. */
    public String nextLine(long timeoutSeconds) throws InterruptedException {
        return await(stdout, line -> true, timeoutSeconds, "a line on stdout");
    }

    /** Waits for a stdout line that matches, skipping others. */
    public String awaitStdout(Predicate<String> matcher, long timeoutSeconds, String what)
            throws InterruptedException {
        return await(stdout, matcher, timeoutSeconds, what);
    }

    /** A matching stdout line within the timeout, or null; lines that do not match are skipped. */
    public String pollStdout(Predicate<String> matcher, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            String line = stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return null;
            }
            if (line.equals(EOF)) {
                stdout.add(EOF);
                throw new AssertionError("stdout ended\n" + transcript());
            }
            if (matcher.test(line)) {
                return line;
            }
        }
    }

    /** Waits for a stderr line that matches, skipping others. */
    public String awaitStderr(Predicate<String> matcher, long timeoutSeconds, String what)
            throws InterruptedException {
        return await(stderr, matcher, timeoutSeconds, what);
    }

    /** Every stdout line not yet taken, up to the end of the stream. */
    public List<String> remainingStdout(long timeoutSeconds) throws InterruptedException {
        List<String> lines = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String line = stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("stdout did not end within " + timeoutSeconds + " s\n" + transcript());
            }
            if (line.equals(EOF)) {
                stdout.add(EOF);
                return lines;
            }
            lines.add(line);
        }
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public Process process() {
        return process;
    }

    /** Waits for the exit and returns its code; fails the test if the process does not end in time. */
    public int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeoutSeconds + " s\n" + transcript());
        }
        return process.exitValue();
    }

    /** Everything the process printed so far, for failure messages. */
    public String transcript() {
        return "--- output of " + name + " ---\n" + transcript;
    }

    private String await(BlockingQueue<String> queue, Predicate<String> matcher, long timeoutSeconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no " + what + " within " + timeoutSeconds + " s\n" + transcript());
            }
            if (line.equals(EOF)) {
                queue.add(EOF); // later waits see the end too
                throw new AssertionError("stream ended before " + what + "\n" + transcript());
            }
            if (matcher.test(line)) {
                return line;
            }
        }
    }

    private void pump(InputStream in, BlockingQueue<String> queue, String label) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    transcript.append(label).append("| ").append(line).append('\n');
                    queue.add(line);
                }
            } catch (IOException e) {
                transcript.append(label).append("| <").append(e).append(">\n");
            } finally {
                queue.add(EOF);
            }
        }, "tool-" + label);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
