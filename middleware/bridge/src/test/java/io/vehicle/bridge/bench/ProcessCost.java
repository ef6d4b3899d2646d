package io.vehicle.bridge.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the whole bench JVM spent, from Linux's per-thread counters: CPU time and time waiting for a core
 * (/proc/self/task/N/schedstat, nanoseconds) and context switches (status). Divided by the updates of a
 * phase they show the cost of one update, which, unlike a latency tail, a busy machine hardly changes:
 * the way to compare two builds on a shared two-core machine. Threads that end within a phase are missed.
 */
record ProcessCost(long cpuNanos, long waitNanos, long voluntarySwitches, long involuntarySwitches) {

    static ProcessCost now() {
        long cpu = 0;
        long wait = 0;
        long voluntary = 0;
        long involuntary = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    cpu += Long.parseLong(sched[0]);
                    wait += Long.parseLong(sched[1]);
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            voluntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            involuntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended while we read
                }
            }
        } catch (IOException e) {
            return new ProcessCost(-1, -1, -1, -1);
        }
        return new ProcessCost(cpu, wait, voluntary, involuntary);
    }

    /** Per update since {@code before}: CPU µs, µs waiting for a core, and context switches. */
    String perUpdateSince(ProcessCost before, long updates) {
        if (cpuNanos < 0 || before.cpuNanos < 0 || updates == 0) {
            return "process cost unknown (no /proc/self/task)";
        }
        return String.format("whole JVM per update: CPU %.1f µs, waiting for a core %.1f µs, context switches %.2f"
                        + " voluntary + %.2f involuntary", (cpuNanos - before.cpuNanos) / 1e3 / updates,
                (waitNanos - before.waitNanos) / 1e3 / updates,
                (voluntarySwitches - before.voluntarySwitches) / (double) updates,
                (involuntarySwitches - before.involuntarySwitches) / (double) updates);
    }
}
