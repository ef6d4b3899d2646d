package io.vehicle.someip.sd.message;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real peers used as references (scapy, tshark). Missing tools skip the test with a
 * clear message, except with CI=true, where a missing tool fails it.
 */
final class ExternalTool {

    private ExternalTool() {
    }

    static void require(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(what + " is missing and CI=true: install it (see /work/shared/DEPENDENCIES.md)");
        }
        assumeTrue(present, what + " is missing; install it to run this test (see DEPENDENCIES.md)");
    }

    /** Runs a command to completion and returns its standard output; fails on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("sd-tool", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command.get(0) + " did not finish");
            }
            if (process.exitValue() != 0) {
                fail(command + " exited " + process.exitValue() + ": " + Files.readString(stderr));
            }
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
