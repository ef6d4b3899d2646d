package io.vehicle.launcher.tools.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used so far, read from {@code /proc/<pid>/stat}, so the
 * load tool charges both of its processes alike. Resolution is the kernel's clock tick (10 ms at
 * the usual USER_HZ of 100): runs of a second or more are needed.
 */
final class ProcessCpu {

    /** USER_HZ; 100 on every Linux x86-64 build we know of. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used by {@code pid}, or -1 where /proc cannot tell (not Linux, process gone). */
    static long nanos(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15; counted after the command name, which may hold spaces). */
    static long parseStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Math.round(ticks * 1e9 / TICKS_PER_SECOND);
    }
}
