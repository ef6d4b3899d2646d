package io.vehicle.launcher.tools.bench;

import io.vehicle.launcher.tools.PacedSender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The provider process of the benchmarks: starts and stops a SOME/IP node that offers the bench
 * service, and publishes numbered events through {@link ServiceSkeleton#publish}, as its parent
 * asks line by line on standard input. Answers one JSON line per command on standard output.
 *
 * <pre>
 * start                                  -> {"startedAtNanos":...,"offeredAtNanos":...}  (epoch ns: before
 *                                            the node starts, after offer() returned)
 * stop                                   -> {"stopped":true}
 * publish COUNT SIZE RATE SUBSCRIBERS    -> {"sent":...,"seconds":...}  (RATE 0 = unpaced)
 * refusals                               -> {"subscribers":...,"refusals":{...}}  (SomeIpNode.refusals())
 * </pre>
 */
@Command(name = "bench-provider", mixinStandardHelpOptions = true, hidden = true,
        description = "Provider process of 'vehicle sd-bench', 'vehicle event-bench' and 'vehicle storm-bench'.")
public final class BenchProviderCommand implements Callable<Integer> {

    @Option(names = "--sd-port", required = true)
    int sdPort;

    @Option(names = "--timings", defaultValue = "default")
    String timings;

    private SomeIpNode node;
    private ServiceSkeleton skeleton;

    @Override
    public Integer call() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "start" -> answer(start());
                    case "stop" -> {
                        stop();
                        answer("{\"stopped\":true}");
                    }
                    case "publish" -> answer(publish(Long.parseLong(words[1]), Integer.parseInt(words[2]),
                            Long.parseLong(words[3]), Integer.parseInt(words[4])));
                    case "refusals" -> answer(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                            java.util.Map.of("subscribers", skeleton.subscriberCount(BenchService.EVENTGROUP),
                                    "refusals", node.refusals())));
                    default -> answer("{\"error\":\"unknown command\"}");
                }
            }
        } finally {
            stop();
        }
        return 0;
    }

    private static void answer(String json) {
        System.out.println(json);
        System.out.flush();
    }

    /** Starts the node and offers; answers the epoch nanos before the start and after offer(). */
    private String start() {
        long startedAt = epochNanos();
        node = SomeIpNode.start(BenchService.node(BenchService.PROVIDER_ADDRESS, sdPort, timings));
        skeleton = node.skeleton(ServiceSkeleton.builder(BenchService.SERVICE, BenchService.INSTANCE,
                BenchService.MAJOR_VERSION, 0).event(BenchService.EVENT, false, BenchService.EVENTGROUP));
        skeleton.offer();
        return "{\"startedAtNanos\":" + startedAt + ",\"offeredAtNanos\":" + epochNanos() + "}";
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void stop() {
        if (node != null) {
            node.close();
            node = null;
            skeleton = null;
        }
    }

    private String publish(long count, int size, long rate, int subscribers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (skeleton.subscriberCount(BenchService.EVENTGROUP) < subscribers) {
            if (System.nanoTime() > deadline) {
                return "{\"error\":\"only " + skeleton.subscriberCount(BenchService.EVENTGROUP)
                        + " subscribers after 20 s\"}";
            }
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        int payloadSize = Math.max(4, size);
        // From the event loop of the provider's UDP socket, so publishing never crosses threads.
        long sent = new PacedSender(node.server().udpEventLoop(), count, rate, n -> {
            ByteBuf payload = PooledByteBufAllocator.DEFAULT.buffer(payloadSize);
            payload.writeInt((int) n).writeZero(payloadSize - 4);
            skeleton.publish(BenchService.EVENT, payload);
        }).start().get(300, TimeUnit.SECONDS);
        return String.format("{\"sent\":%d,\"seconds\":%.6f}", sent, (System.nanoTime() - start) / 1e9);
    }
}
