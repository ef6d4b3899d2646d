package io.vehicle.assistant.intent;

import io.vehicle.assistant.intent.corpus.Corpus;
import io.vehicle.assistant.intent.corpus.CorpusCase;
import io.vehicle.assistant.intent.offline.OfflineIntentEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Latency of the offline engine per utterance after warm-up, over every corpus utterance, and the process's
 * resident memory. A main, not a test: timings belong in a benchmark run, not in an assertion.
 *
 * <pre>
 * mvn -B -q -pl services -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp services/target/test-classes:services/target/classes:$(cat services/target/cp.txt) \
 *     io.vehicle.assistant.intent.IntentBenchmark [rounds]
 * </pre>
 */
public final class IntentBenchmark {

    private IntentBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long loadStart = System.nanoTime();
        OfflineIntentEngine engine = OfflineIntentEngine.load();
        System.out.printf("load and warm-up: %d ms, RSS %s%n", (System.nanoTime() - loadStart) / 1_000_000, rss());
        List<CorpusCase> cases = new ArrayList<>(Corpus.read("corpus/main.jsonl"));
        cases.addAll(Corpus.read("corpus/heldout.jsonl"));
        for (CorpusCase c : cases) {
            engine.understand(c.say(), new Conversation(), state(c));   // first pass: JIT
        }
        for (String language : new String[] {"EN", "ZH"}) {
            List<CorpusCase> subset = cases.stream()
                    .filter(c -> Language.of(c.say()).name().equals(language)).toList();
            long[] nanos = new long[subset.size() * rounds];
            long[] cpu = new long[nanos.length];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int n = 0;
            for (int round = 0; round < rounds; round++) {
                for (CorpusCase c : subset) {
                    VehicleState state = state(c);
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    engine.understand(c.say(), new Conversation(), state);
                    nanos[n] = System.nanoTime() - start;
                    cpu[n++] = threads.getCurrentThreadCpuTime() - cpuStart;
                }
            }
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            // Wall clock includes waiting for a core on a busy machine; thread CPU time is what a free core needs.
            System.out.printf("%s: %d utterances x %d rounds: wall p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                    + " cpu p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", language, subset.size(), rounds,
                    ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6,
                    ms(cpu, 0.50), ms(cpu, 0.99), cpu[cpu.length - 1] / 1e6);
        }
        System.out.printf("after the run: RSS %s; load average %s%n", rss(), loadAverage());
    }

    private static VehicleState state(CorpusCase c) {
        return VehicleState.of(c.state() == null ? Map.of() : c.state());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        return Files.exists(load) ? Files.readString(load).strip() : "unknown";
    }

    /** Resident and peak resident set from /proc (Linux), native memory of onnxruntime included. */
    private static String rss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).strip();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).strip();
            }
        }
        return rss + " (peak " + peak + ")";
    }
}
