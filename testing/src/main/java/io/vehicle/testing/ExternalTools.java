package io.vehicle.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real peers these tests run against (scapy and gRPC through /usr/bin/python3, tshark). A missing tool
 * skips the test with a clear message on a developer machine, but fails it when the environment
 * variable CI is "true": there the tool is part of the contract.
 */
public final class ExternalTools {

    public static final String PYTHON = "/usr/bin/python3";
    /** Where the scapy peer scripts live: one folder for every module's tests. */
    public static final Path PYTHON_SCRIPTS = Repository.path("testing/src/main/python");

    private ExternalTools() {
    }

    /** Skips (or fails on CI) unless /usr/bin/python3 can import scapy's SOME/IP layer. */
    public static void requireScapy() {
        require("scapy (python3-scapy) importable by " + PYTHON,
                List.of(PYTHON, "-c", "import scapy.contrib.automotive.someip"));
    }

    /**
     * Skips (or fails on CI) unless /usr/bin/python3 can import scapy's SOME/IP layer and PyYAML
     * (python3-yaml), which the golden vector generators write their suites with.
     */
    public static void requireScapyVectorGenerator() {
        require("scapy (python3-scapy) and PyYAML (python3-yaml) importable by " + PYTHON,
                List.of(PYTHON, "-c", "import scapy.contrib.automotive.someip, yaml"));
    }

    /**
     * Skips (or fails on CI) unless /usr/bin/python3 imports gRPC (python3-grpcio) and its code generator
     * with the bundled protoc (python3-grpc-tools).
     */
    public static void requirePythonGrpc() {
        require("Python gRPC (python3-grpcio, python3-grpc-tools) importable by " + PYTHON,
                List.of(PYTHON, "-c", "import grpc, grpc_tools.protoc"));
    }

    /** Skips (or fails on CI) unless /usr/bin/python3 runs (the standard library alone). */
    public static void requirePython() {
        require("Python 3 at " + PYTHON, List.of(PYTHON, "-c", "import ctypes"));
    }

    /**
     * Skips (or fails on CI) unless Node.js runs and the npm packages of {@code packageDir} are installed;
     * installs them with {@code npm ci} (from its lockfile, over the network) when node_modules is missing.
     */
    public static void requireNodePackages(Path packageDir) {
        require("Node.js (nodejs)", List.of("node", "--version"));
        if (Files.isDirectory(packageDir.resolve("node_modules"))) {
            return;
        }
        require("npm packages of " + packageDir + " (npm ci needs npm and the npm registry)",
                List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", packageDir.toString()));
    }

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** Skips (or fails on CI) unless Debian's chromium and chromium-driver run (headless browser tests). */
    public static void requireChromium() {
        require("chromium (Debian package chromium)", List.of(CHROMIUM, "--version"));
        require("chromedriver (Debian package chromium-driver)", List.of(CHROMEDRIVER, "--version"));
    }

    /** Skips (or fails on CI) unless tshark runs and knows the someip dissector. */
    public static void requireTshark() {
        require("tshark with the someip dissector", List.of("tshark", "-G", "protocols"));
    }

    private static void require(String what, List<String> probe) {
        String problem = probe(probe);
        if (problem == null) {
            return;
        }
        String message = what + " is not available (" + problem + "); install it (see shared/DEPENDENCIES.md)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true and " + message);
        }
        abort(message);
    }

    /**
     * Runs a tool to completion (stdin closed) and returns its standard output; fails the test on a
     * non-zero exit, with the tool's standard error, or when it runs longer than two minutes.
     */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("tool", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command.get(0) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                fail(command + " exited " + process.exitValue() + ": " + Files.readString(stderr));
            }
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Null when the probe command exits 0 within 30 s (npm: 5 minutes), otherwise what went wrong. */
    private static String probe(List<String> command) {
        if (command.get(0).startsWith("/") && !Files.isExecutable(Path.of(command.get(0)))) {
            return command.get(0) + " not found";
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(command.get(0).equals("npm") ? 300 : 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "'" + String.join(" ", command) + "' did not finish";
            }
            if (process.exitValue() != 0) {
                return "'" + String.join(" ", command) + "' exited " + process.exitValue() + ": " + output.strip();
            }
            if (command.contains("protocols") && output.lines().noneMatch(l -> l.endsWith("\tsomeip"))) {
                return "no someip dissector";
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
