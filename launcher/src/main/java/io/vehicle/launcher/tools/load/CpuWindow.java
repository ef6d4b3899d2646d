package io.vehicle.launcher.tools.load;

/** CPU time both processes of a run (client and server) use between {@link #begin} and {@link #end}. */
final class CpuWindow {

    private final long[] pids;
    private long startNanos;
    private boolean known;

    CpuWindow(long... pids) {
        this.pids = pids.clone();
    }

    void begin() {
        long total = total();
        known = total >= 0;
        startNanos = total;
    }

    /** CPU nanoseconds since {@link #begin}, or -1 when /proc could not tell. */
    long end() {
        long total = total();
        return known && total >= 0 ? total - startNanos : -1;
    }

    private long total() {
        long sum = 0;
        for (long pid : pids) {
            long nanos = ProcessCpu.nanos(pid);
            if (nanos < 0) {
                return -1;
            }
            sum += nanos;
        }
        return sum;
    }
}
