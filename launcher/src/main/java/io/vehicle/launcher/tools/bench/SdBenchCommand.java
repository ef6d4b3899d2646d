package io.vehicle.launcher.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sd.SdTimings;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Service availability latency: a consumer node (this process, 127.0.0.2) has a proxy looking for
 * the bench service; a provider node in a second process (127.0.0.1) starts and offers it. The
 * figure is the time from just before the provider's {@code SomeIpNode.start} to the proxy's
 * availability callback, both read from the shared wall clock (µs resolution). The provider
 * process stays up between repetitions; its node is stopped (StopOffer) and started again, so
 * JVM start-up is not counted. One unrecorded warm-up repetition per timing set.
 */
@Command(name = "sd-bench", mixinStandardHelpOptions = true,
        description = "SD availability latency: provider node start (second process) to the proxy's callback.")
public final class SdBenchCommand implements Callable<Integer> {

    @Option(names = "--repetitions", defaultValue = "15", description = "Measured starts per timing set (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--timings", split = ",", defaultValue = "default,initial0-10",
            description = "Timing sets: default (INITIAL_DELAY 10–100 ms), initial0-10 (default ${DEFAULT-VALUE}).")
    String[] timingSets;

    @Override
    public Integer call() throws Exception {
        int sdPort = BenchService.freeSdPort();
        System.out.printf("SD port %d; provider 127.0.0.1 (second process), consumer 127.0.0.2; %d repetitions%n",
                sdPort, repetitions);
        for (String timings : timingSets) {
            double[][] millis = measure(sdPort, timings);
            SdTimings t = BenchService.timings(timings);
            String name = String.format("INITIAL_DELAY %d-%d ms", t.initialDelayMinMs(), t.initialDelayMaxMs());
            print(name + ", node start -> available", Stats.of(millis[0]));
            print(name + ", offer()     -> available", Stats.of(millis[1]));
        }
        return 0;
    }

    private static void print(String what, Stats stats) {
        System.out.printf("%-50s min %6.1f ms  median %6.1f ms  max %6.1f ms  (n=%d)%n", what, stats.min(),
                stats.median(), stats.max(), stats.n());
    }

    /** Per repetition: [0] node start to available, [1] offer() returned to available, in ms. */
    private double[][] measure(int sdPort, String timings) throws Exception {
        double[][] millis = new double[2][repetitions];
        BlockingQueue<Long> upAt = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> down = new LinkedBlockingQueue<>();
        try (SomeIpNode consumer = SomeIpNode.start(BenchService.node("127.0.0.2", sdPort, timings));
             ProviderProcess provider = new ProviderProcess(sdPort, timings)) {
            ServiceProxy proxy = consumer.proxy(BenchService.SERVICE, BenchService.INSTANCE,
                    BenchService.MAJOR_VERSION);
            proxy.onAvailability(change -> {
                if (change.available()) {
                    upAt.add(BenchProviderCommand.epochNanos());
                } else {
                    down.add(false);
                }
            });
            for (int i = -1; i < repetitions; i++) {
                JsonNode started = provider.ask("start");
                Long availableAt = upAt.poll(10, TimeUnit.SECONDS);
                if (availableAt == null) {
                    throw new IllegalStateException("service not available 10 s after the provider started");
                }
                if (i >= 0) {
                    millis[0][i] = (availableAt - started.get("startedAtNanos").asLong()) / 1e6;
                    millis[1][i] = (availableAt - started.get("offeredAtNanos").asLong()) / 1e6;
                }
                provider.ask("stop");
                if (down.poll(10, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("no StopOffer seen 10 s after the provider stopped");
                }
            }
        }
        return millis;
    }
}
