package io.vehicle.launcher.assistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's memory as the kernel and the JVM see it: resident set ({@code VmRSS}), its peak ({@code VmHWM}) and its
 * anonymous part ({@code RssAnon}: heap, native allocations such as the embedding runtime's, thread stacks; the
 * rest is mapped files: jars, shared libraries, model files) from {@code /proc/<pid>/status}, heap used and
 * committed from {@code jcmd <pid> GC.heap_info}. All in KiB.
 */
record ProcessMemory(long rssKib, long peakRssKib, long anonymousKib, long heapUsedKib, long heapCommittedKib) {

    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");

    /** Reads a running JVM; {@code jcmd} comes from this JVM's own JDK. */
    static ProcessMemory of(long pid) throws IOException, InterruptedException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        String heap = jcmd(pid, "GC.heap_info");
        long[] usedCommitted = heap(heap);
        return new ProcessMemory(statusKib(status, "VmRSS"), statusKib(status, "VmHWM"), statusKib(status, "RssAnon"),
                usedCommitted[0], usedCommitted[1]);
    }

    /** A field of /proc/pid/status in kB, e.g. {@code VmRSS:   123456 kB}. */
    static long statusKib(String status, String field) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(field) + ":\\s+(\\d+) kB$").matcher(status);
        if (!line.find()) {
            throw new IllegalArgumentException("no " + field + " in /proc status");
        }
        return Long.parseLong(line.group(1));
    }

    /** {used, committed} KiB from the output of {@code jcmd <pid> GC.heap_info} (G1, Serial, Parallel). */
    static long[] heap(String heapInfo) {
        Matcher heap = HEAP.matcher(heapInfo);
        if (!heap.find()) {
            throw new IllegalArgumentException("no heap totals in: " + heapInfo.strip());
        }
        return new long[] {Long.parseLong(heap.group(2)), Long.parseLong(heap.group(1))};
    }

    /** Runs {@code jcmd <pid> <command>} and returns its output. */
    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output.strip());
        }
        return output;
    }

    String describe() {
        return String.format(Locale.ROOT, "RSS %.0f MiB (peak %.0f MiB; anonymous %.0f MiB, mapped files %.0f MiB), "
                + "heap used %.0f MiB of %.0f MiB committed", rssKib / 1024.0, peakRssKib / 1024.0,
                anonymousKib / 1024.0, (rssKib - anonymousKib) / 1024.0, heapUsedKib / 1024.0,
                heapCommittedKib / 1024.0);
    }
}
