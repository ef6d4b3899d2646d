package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.vehicle.testing.ExternalTools;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fallback path in a JVM of its own (Netty decides availability once per process): io_uring
 * refused by the kernel, then both native transports off. Each must still serve a request over UDP
 * and TCP, and say in its output and log what it fell back from.
 */
class TransportFallbackTest {

    private static String probe(String setting, String... jvmOptions) throws IOException, InterruptedException {
        return run(new ArrayList<>(), setting, jvmOptions);
    }

    /** The probe JVM started through {@code prefix} (a command that execs the rest). */
    private static String run(List<String> prefix, String setting, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dio.netty.leakDetection.level=paranoid");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TransportProbe.class.getName(), setting));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    @DisplayName("io_uring refused by the kernel (seccomp, as container runtimes do): a configured io_uring serves "
            + "over epoll and warns with the kernel's answer; auto is unaffected")
    void ioUringRefusedByTheKernel() throws Exception {
        ExternalTools.requirePython();
        List<String> seccomp = List.of(ExternalTools.PYTHON,
                ExternalTools.PYTHON_SCRIPTS.resolve("without_io_uring.py").toString());
        String configured = run(seccomp, "io_uring");
        assertThat(configured).contains("WARN").contains("Netty transport epoll: configured io_uring, io_uring "
                + "unavailable (failed to create io_uring ring fd: Operation not permitted)");
        assertThat(configured).contains("transport=epoll udp=1 tcp=2 fellBack=true");
        String auto = run(seccomp, "auto");
        assertThat(auto).contains("transport=nio udp=1 tcp=2 fellBack=false reason=auto: the first available");
        // Without the filter the same JVM gets its io_uring: the refusal above was the kernel's.
        assertThat(probe("io_uring")).contains("transport=io_uring udp=1 tcp=2 fellBack=false");
    }

    @Test
    @DisplayName("io_uring available but its event loops fail to start (a completion queue Netty refuses): the "
            + "runtime starts epoll instead and says why")
    void ioUringFailsToStart() throws Exception {
        String out = probe("io_uring", "-Dio.netty.iouring.ringSize=100000000");
        assertThat(out).contains("transport=epoll udp=1 tcp=2 fellBack=true reason=io_uring failed to start");
    }

    @Test
    @DisplayName("native transports disabled: auto takes NIO as always, a configured io_uring ends at NIO, which "
            + "serves")
    void nativeDisabled() throws Exception {
        String auto = probe("auto", "-Dio.netty.transport.noNative=true");
        assertThat(auto).contains("transport=nio udp=1 tcp=2 fellBack=false reason=auto: the first available");
        String configured = probe("io_uring", "-Dio.netty.transport.noNative=true");
        assertThat(configured).contains("transport=nio udp=1 tcp=2 fellBack=true reason=configured io_uring, "
                + "io_uring unavailable");
        assertThat(configured).contains("WARN").contains("Netty transport nio: configured io_uring");
    }
}
