package io.vehicle.bridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of each Java thread of the bench over a phase, per update: which hop of the path (ECU, bridge
 * I/O thread, bridge event loop, subscribers) costs what. Threads that end within the phase are missed.
 */
final class ThreadCpu {

    private static final int SHOWN = 8;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();

    ThreadCpu() {
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
    }

    /** The busiest threads since construction, as lines "name#id  x µs/update". */
    String busiest(long updates) {
        Map<String, Long> spent = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long now = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (now >= 0) {
                spent.put(info.getThreadName() + "#" + info.getThreadId(),
                        now - before.getOrDefault(info.getThreadId(), 0L));
            }
        }
        StringBuilder out = new StringBuilder();
        spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(SHOWN)
                .forEach(e -> out.append(String.format("      %-45s %6.1f µs CPU/update%n", e.getKey(),
                        e.getValue() / 1e3 / updates)));
        return out.toString();
    }
}
