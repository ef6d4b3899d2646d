package io.vehicle.launcher.tools.load;

import java.io.IOException;
import java.util.List;

/**
 * Ties every thread of a process to a CPU with {@code taskset -a -p}. On this kind of VM a wake-up
 * across vCPUs costs tens of microseconds, so an unpinned ping-pong is fast or slow depending on
 * where the scheduler placed the two threads; pinning makes both baseline and stack run with the
 * same placement.
 */
final class Pinning {

    private Pinning() {
    }

    /** Pins {@code pid} (all its threads, and the threads it starts later) to {@code cpus}; null does nothing. */
    static void pin(long pid, String cpus) throws IOException, InterruptedException {
        if (cpus == null) {
            return;
        }
        Process taskset = new ProcessBuilder(List.of("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)))
                .redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (taskset.waitFor() != 0) {
            throw new IOException("taskset could not pin process " + pid + " to CPU " + cpus + ": " + output.trim());
        }
    }
}
