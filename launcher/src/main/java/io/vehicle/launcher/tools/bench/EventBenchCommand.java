package io.vehicle.launcher.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ProxyOptions;
import io.vehicle.someip.sdk.service.ServiceProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Event throughput between two processes over UDP on loopback: a provider process publishes
 * numbered events through {@code ServiceSkeleton.publish} to the subscribers SD found; this
 * process runs the consumers, one node per subscriber on 127.0.0.2, 127.0.0.3, ... each with one
 * proxy subscribed to the eventgroup, and counts per subscriber what arrives and what is lost.
 */
@Command(name = "event-bench", mixinStandardHelpOptions = true,
        description = "Event throughput: provider process publishing to 1 and 10 subscribers found via SD.")
public final class EventBenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "300000",
            description = "Deliveries per run, split over the subscribers (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--subscribers", split = ",", defaultValue = "1,10", description = "Default ${DEFAULT-VALUE}.")
    int[] subscriberCounts;

    @Option(names = "--sizes", split = ",", defaultValue = "8,1024", description = "Payload bytes (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--rate", defaultValue = "150000",
            description = "Paced runs: deliveries per second over all subscribers (default ${DEFAULT-VALUE}); 0: unpaced only.")
    long rate;

    @Option(names = "--repetitions", defaultValue = "3", description = "Runs per scenario; the median is printed (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Override
    public Integer call() throws Exception {
        int sdPort = BenchService.freeSdPort();
        System.out.printf("SD port %d; provider 127.0.0.1 (second process); %d cores; median of %d runs%n",
                sdPort, Runtime.getRuntime().availableProcessors(), repetitions);
        try (ProviderProcess provider = new ProviderProcess(sdPort, "initial0-10")) {
            provider.ask("start");
            for (int subscribers : subscriberCounts) {
                runAll(provider, sdPort, subscribers);
            }
            provider.ask("stop");
        }
        return 0;
    }

    private void runAll(ProviderProcess provider, int sdPort, int subscribers) throws Exception {
        List<SomeIpNode> nodes = new ArrayList<>();
        List<SubscriberCounter> counters = new ArrayList<>();
        try {
            for (int i = 0; i < subscribers; i++) {
                SomeIpNode node = SomeIpNode.start(BenchService.node("127.0.0." + (2 + i), sdPort, "initial0-10"));
                nodes.add(node);
                // Direct callbacks: the counter never blocks, and the figures stay those of the stack,
                // comparable with earlier runs (no hop to the node's callback thread).
                ServiceProxy proxy = node.proxy(BenchService.SERVICE, BenchService.INSTANCE, BenchService.MAJOR_VERSION,
                        ProxyOptions.defaults().withDirectCallbacks());
                SubscriberCounter counter = new SubscriberCounter();
                counters.add(counter);
                proxy.subscribe(BenchService.EVENTGROUP, BenchService.EVENT, counter);
            }
            // Warm-up, not printed: the JIT compiles the publish and receive paths of both processes.
            for (int size : sizes) {
                run(provider, counters, size, 0);
            }
            for (int size : sizes) {
                for (long deliveries : rate > 0 ? new long[] {0, rate} : new long[] {0}) {
                    List<EventRun> runs = new ArrayList<>();
                    for (int r = 0; r < repetitions; r++) {
                        runs.add(run(provider, counters, size, deliveries / subscribers));
                    }
                    runs.sort((a, b) -> Double.compare(a.receivedPerSecond(), b.receivedPerSecond()));
                    System.out.println(runs.get(runs.size() / 2).describe(subscribers, size, deliveries));
                }
            }
        } finally {
            for (SomeIpNode node : nodes) {
                node.close();
            }
        }
    }

    private EventRun run(ProviderProcess provider, List<SubscriberCounter> counters, int size, long publishRate)
            throws Exception {
        counters.forEach(SubscriberCounter::reset);
        long count = Math.max(1, events / counters.size());
        JsonNode answer = provider.ask("publish " + count + " " + size + " " + publishRate + " " + counters.size());
        long published = answer.get("sent").asLong();
        settle(counters, published);
        long received = 0;
        long duplicates = 0;
        long reordered = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SubscriberCounter c : counters) {
            received += c.received();
            duplicates += c.duplicates();
            reordered += c.reordered();
            if (c.received() > 0) {
                first = Math.min(first, c.firstAt());
                last = Math.max(last, c.lastAt());
            }
        }
        double seconds = received == 0 ? Double.NaN : Math.max(1e-9, (last - first) / 1e9);
        return new EventRun(published, published * counters.size(), received, duplicates, reordered,
                answer.get("seconds").asDouble(), seconds);
    }

    /** Waits until every subscriber has all events or the counts stop moving for 200 ms. */
    private static void settle(List<SubscriberCounter> counters, long published) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long previous = -1;
        while (System.nanoTime() < deadline) {
            long total = counters.stream().mapToLong(SubscriberCounter::received).sum();
            if (total >= published * counters.size() || total == previous) {
                return;
            }
            previous = total;
            Thread.sleep(200);
        }
    }

    /** One run: what was published and delivered over all subscribers. */
    private record EventRun(long published, long expected, long received, long duplicates, long reordered,
                            double publishSeconds, double receiveSeconds) {

        double receivedPerSecond() {
            return received / receiveSeconds;
        }

        String describe(int subscribers, int size, long pacedDeliveries) {
            return String.format("%2d subscriber%s %5s %-22s published %7d (%7.0f/s), received %8d (%7.0f/s), "
                            + "lost %d (%.2f%%)%s",
                    subscribers, subscribers == 1 ? " " : "s", size >= 1024 ? size / 1024 + " KiB" : size + " B",
                    pacedDeliveries == 0 ? "unpaced" : "paced " + pacedDeliveries + "/s",
                    published, published / publishSeconds, received, receivedPerSecond(), expected - received,
                    100.0 * (expected - received) / expected,
                    (duplicates > 0 ? ", duplicates " + duplicates : "")
                            + (reordered > 0 ? ", reordered " + reordered : ""));
        }
    }
}
