package io.vehicle.launcher.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The provider's event throughput to one legitimate subscriber while the subscriber storm of
 * issue #12 runs, as a ratio of its throughput without the storm (what the provider's publish loop
 * sent per second, and what the subscriber received), both measured in the same run
 * and alternated (quiet then storm, storm then quiet, ...), so that a machine loaded by other work
 * loads both alike. The provider is a second process ({@code bench-provider}) publishing numbered events
 * unpaced from its UDP event loop; the subscriber is a node in this process on 127.0.0.2; the storm
 * ({@link SubscriptionStorm}) goes to the provider's SD socket from this process for the whole of
 * each storm run.
 */
@Command(name = "storm-bench", mixinStandardHelpOptions = true,
        description = "Event throughput to one subscriber during a 20,000-subscriber SD storm, as a ratio of the "
                + "throughput without it (issue #12).")
public final class StormBenchCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--events", defaultValue = "500000", description = "Events per run (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--size", defaultValue = "8", description = "Payload bytes (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--storm", defaultValue = "20000",
            description = "Subscriptions per storm round (default ${DEFAULT-VALUE}).")
    int storm;

    @Option(names = "--storm-rate", defaultValue = "4500",
            description = "Storm entries per second, the issue's 20,000 in 4.4 s (default ${DEFAULT-VALUE}); 0: unpaced.")
    long stormRate;

    @Option(names = "--pairs", defaultValue = "9", description = "Quiet/storm pairs, in turn quiet first and storm "
            + "first; the median ratio is the result (default ${DEFAULT-VALUE}).")
    int pairs;

    @Override
    public Integer call() throws Exception {
        int sdPort = BenchService.freeSdPort();
        System.out.printf("SD port %d; provider 127.0.0.1 (second process), subscriber 127.0.0.2; %d cores; %d events "
                + "of %d bytes per run, unpaced; storm of %d subscriptions at %d/s%n", sdPort,
                Runtime.getRuntime().availableProcessors(), events, size, storm, stormRate);
        try (ProviderProcess provider = new ProviderProcess(sdPort, "initial0-10");
             SomeIpNode node = SomeIpNode.start(BenchService.node("127.0.0.2", sdPort, "initial0-10"))) {
            provider.ask("start");
            ServiceProxy proxy = node.proxy(BenchService.SERVICE, BenchService.INSTANCE, BenchService.MAJOR_VERSION);
            SubscriberCounter counter = new SubscriberCounter();
            proxy.subscribe(BenchService.EVENTGROUP, BenchService.EVENT, counter).acknowledged().get(30, TimeUnit.SECONDS);
            InetSocketAddress providerSd = new InetSocketAddress(BenchService.PROVIDER_ADDRESS, sdPort);
            SubscriptionStorm attacker = new SubscriptionStorm(providerSd, BenchService.SERVICE, BenchService.INSTANCE,
                    BenchService.MAJOR_VERSION, BenchService.EVENTGROUP);
            run(provider, counter, null); // warm-up, not printed
            List<Double> ratios = new ArrayList<>();
            List<Double> receivedRatios = new ArrayList<>();
            List<Double> quietRates = new ArrayList<>();
            List<Double> stormRates = new ArrayList<>();
            for (int pair = 1; pair <= pairs; pair++) {
                // In turn which goes first, so a drift of the machine's load weighs on both alike.
                Run quiet;
                Run stormed;
                if (pair % 2 == 1) {
                    quiet = run(provider, counter, null);
                    stormed = run(provider, counter, attacker);
                } else {
                    stormed = run(provider, counter, attacker);
                    quiet = run(provider, counter, null);
                }
                ratios.add(stormed.sentPerSecond() / quiet.sentPerSecond());
                receivedRatios.add(stormed.receivedPerSecond() / quiet.receivedPerSecond());
                quietRates.add(quiet.sentPerSecond());
                stormRates.add(stormed.sentPerSecond());
                System.out.printf("pair %d: provider sent quiet %7.0f/s, storm %7.0f/s: ratio %.2f | subscriber got "
                                + "quiet %7.0f/s (lost %d), storm %7.0f/s (lost %d): ratio %.2f%n", pair,
                        quiet.sentPerSecond(), stormed.sentPerSecond(), stormed.sentPerSecond() / quiet.sentPerSecond(),
                        quiet.receivedPerSecond(), quiet.lost(), stormed.receivedPerSecond(), stormed.lost(),
                        stormed.receivedPerSecond() / quiet.receivedPerSecond());
            }
            System.out.printf("median of %d pairs: provider's throughput to the subscriber, storm / quiet: %.2f (quiet "
                    + "%.0f/s, storm %.0f/s); received, storm / quiet: %.2f%n", pairs, median(ratios),
                    median(quietRates), median(stormRates), median(receivedRatios));
            System.out.println("provider after the storms: " + provider.ask("refusals"));
            provider.ask("stop");
        }
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * One run: events per second the provider published to the subscriber (its publish loop's time),
     * events per second the subscriber received (between its first and last), and how many never came.
     */
    private record Run(double sentPerSecond, double receivedPerSecond, long lost) {
    }

    /** One run: publishes, with the storm going on throughout when {@code storm} is given. */
    private Run run(ProviderProcess provider, SubscriberCounter counter, SubscriptionStorm storm) throws Exception {
        counter.reset();
        long published = 0;
        double publishSeconds = 0;
        AtomicBoolean storming = new AtomicBoolean(storm != null);
        AtomicLong stormSent = new AtomicLong();
        CompletableFuture<Void> stormer = storm == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> {
                    try {
                        while (storming.get()) {
                            stormSent.addAndGet(storm.send(this.storm, stormRate));
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        try {
            if (storm != null) {
                // The storm's first thousands of entries are in before the events start.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (stormSent.get() == 0 && System.nanoTime() < deadline && !stormer.isDone()) {
                    Thread.sleep(100); // a benchmark's warm-up, not a test: the first round in place
                }
            }
            JsonNode answer = provider.ask("publish " + events + " " + size + " 0 1");
            published = answer.get("sent").asLong();
            publishSeconds = answer.get("seconds").asDouble();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long previous = -1;
            while (counter.received() < published && counter.received() != previous && System.nanoTime() < deadline) {
                previous = counter.received();
                Thread.sleep(200); // settled when the count stops moving
            }
        } finally {
            storming.set(false);
            stormer.get(120, TimeUnit.SECONDS);
        }
        double seconds = Math.max(1e-9, (counter.lastAt() - counter.firstAt()) / 1e9);
        return new Run(published / Math.max(1e-9, publishSeconds), counter.received() / seconds,
                published - counter.received());
    }
}
