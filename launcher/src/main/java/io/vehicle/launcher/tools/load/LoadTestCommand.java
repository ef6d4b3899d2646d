package io.vehicle.launcher.tools.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.vehicle.launcher.process.ChildJvm;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load tool: starts {@code load-server} as a second process on loopback, measures a bare
 * DatagramChannel ping-pong as the baseline, then SOME/IP round trips (UDP and TCP, 1 and 32
 * outstanding, 8 B and 1 KiB) and notification throughput, and prints each as a ratio of the
 * baseline, since absolute figures on shared machines drift.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load test: a SOME/IP server and client as two processes on loopback.")
public final class LoadTestCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "3", description = "Seconds measured per scenario (default ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "1", description = "Seconds of warm-up per scenario (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--jit-warmup", defaultValue = "6",
            description = "Seconds of unrecorded UDP and TCP round trips before the first scenario, so the JIT has "
                    + "compiled both paths of both processes (default ${DEFAULT-VALUE}).")
    int jitWarmupSeconds;

    @Option(names = "--events", defaultValue = "500000", description = "Notifications per throughput run (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--quick", description = "Only UDP and TCP with 1 outstanding, 8 B, and one notification run.")
    boolean quick;

    @Option(names = "--markdown", description = "Also write the results as a Markdown table to this file.")
    Path markdown;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Process server = startServer();
        try (BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = serverOut.readLine();
            if (line == null) {
                throw new IllegalStateException("load-server exited before printing its ports");
            }
            JsonNode ports = new ObjectMapper().readTree(line);
            InetSocketAddress udp = new InetSocketAddress("127.0.0.1", ports.get("udp").asInt());
            InetSocketAddress tcp = new InetSocketAddress("127.0.0.1", ports.get("tcp").asInt());
            InetSocketAddress baseline = new InetSocketAddress("127.0.0.1", ports.get("baseline").asInt());
            out.printf("load-server pid %d: SOME/IP udp %s tcp %s, baseline echo %s, transport %s; %d cores%n",
                    server.pid(), udp, tcp, baseline, ports.get("transport").asText(),
                    Runtime.getRuntime().availableProcessors());
            return run(udp, tcp, baseline);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private int run(InetSocketAddress udp, InetSocketAddress tcp, InetSocketAddress baseline) throws Exception {
        Duration warmup = Duration.ofSeconds(warmupSeconds);
        Duration measure = Duration.ofSeconds(durationSeconds);
        List<String> rows = new ArrayList<>();
        LatencyResult base = baseline(baseline, warmup, measure);
        rows.add(row(base, base));
        printRow(base, base);
        try (SomeIpRuntime runtime = new SomeIpRuntime(1)) {
            jitWarmup(runtime, udp, tcp);
            for (boolean reliable : new boolean[] {false, true}) {
                for (int outstanding : quick ? new int[] {1} : new int[] {1, 32}) {
                    for (int size : quick ? new int[] {8} : new int[] {8, 1024}) {
                        LatencyResult result = roundTrips(runtime, reliable ? tcp : udp, reliable, outstanding,
                                size, warmup, measure);
                        rows.add(row(result, base));
                        printRow(result, base);
                    }
                }
            }
            List<String> streamRows = new ArrayList<>();
            for (int size : quick ? new int[] {8} : new int[] {8, 1024}) {
                for (long rate : quick ? new long[] {0} : new long[] {0, 150_000}) {
                    String line = notifications(runtime, udp, size, rate);
                    out.println(line);
                    streamRows.add(line);
                }
            }
            if (markdown != null) {
                writeMarkdown(rows, streamRows);
            }
        }
        out.println("UDP, 1 outstanding, 8 B is the figure compared with the baseline (goal: >= 0.80x rate, "
                + "p99 < 2x).");
        return 0;
    }

    /**
     * With 2 shared cores the C2 compiler competes with the benchmark itself, and one second of
     * warm-up per scenario left the first scenario (UDP, 1 outstanding, 8 B) half compiled: it
     * measured 0.10x the baseline where it runs at about 0.45x once compiled. Nothing is recorded.
     */
    private void jitWarmup(SomeIpRuntime runtime, InetSocketAddress udp, InetSocketAddress tcp)
            throws InterruptedException {
        if (jitWarmupSeconds <= 0) {
            return;
        }
        Duration half = Duration.ofMillis(jitWarmupSeconds * 500L);
        out.printf("JIT warm-up: %d s of UDP and TCP round trips, not recorded%n", jitWarmupSeconds);
        for (boolean reliable : new boolean[] {false, true}) {
            roundTrips(runtime, reliable ? tcp : udp, reliable, 1, 8, half, Duration.ofMillis(1));
        }
    }

    private Process startServer() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(
                List.of("-Xmx512m", "-Dio.netty.leakDetection.level=disabled"), List.of("load-server")));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return builder.start();
    }

    private static LatencyResult baseline(InetSocketAddress target, Duration warmup, Duration measure)
            throws IOException {
        try (DatagramChannel channel = DatagramChannel.open().connect(target)) {
            ByteBuffer send = ByteBuffer.allocateDirect(8);
            ByteBuffer receive = ByteBuffer.allocateDirect(64);
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            long warmEnd = System.nanoTime() + warmup.toNanos();
            while (System.nanoTime() < warmEnd) {
                pingPong(channel, send, receive);
            }
            long start = System.nanoTime();
            long end = start + measure.toNanos();
            long count = 0;
            long now = start;
            while (now < end) {
                pingPong(channel, send, receive);
                long after = System.nanoTime();
                histogram.recordValue(after - now);
                now = after;
                count++;
            }
            return new LatencyResult("baseline: bare DatagramChannel ping-pong, 8 B", count,
                    (now - start) / 1e9, histogram, 0);
        }
    }

    private static void pingPong(DatagramChannel channel, ByteBuffer send, ByteBuffer receive) throws IOException {
        send.clear();
        channel.write(send);
        receive.clear();
        channel.read(receive);
    }

    private static LatencyResult roundTrips(SomeIpRuntime runtime, InetSocketAddress server, boolean reliable,
                                            int outstanding, int size, Duration warmup, Duration measure)
            throws InterruptedException {
        EndpointOptions options = EndpointOptions.defaults();
        byte[] payload = new byte[size];
        try (SomeIpClient client = reliable ? SomeIpClient.tcp(runtime, server, 0x0100, options)
                : SomeIpClient.udp(runtime, server, 0x0100, options)) {
            ClosedLoop loop = new ClosedLoop(client, () -> SomeIpMessage.builder(LoadProtocol.SERVICE,
                    LoadProtocol.ECHO, MessageType.REQUEST).interfaceVersion(LoadProtocol.MAJOR_VERSION)
                    .payload(Unpooled.wrappedBuffer(payload)).build(), outstanding);
            String name = String.format("SOME/IP %s, %d outstanding, %s", reliable ? "TCP" : "UDP", outstanding,
                    size >= 1024 ? size / 1024 + " KiB" : size + " B");
            return loop.run(name, warmup, measure);
        }
    }

    private String notifications(SomeIpRuntime runtime, InetSocketAddress server, int size, long rate)
            throws Exception {
        try (SomeIpClient client = SomeIpClient.udp(runtime, server, 0x0200, EndpointOptions.defaults())) {
            AtomicLong received = new AtomicLong();
            AtomicLong firstAt = new AtomicLong();
            AtomicLong lastAt = new AtomicLong();
            client.onNotification(event -> {
                long now = System.nanoTime();
                firstAt.compareAndSet(0, now);
                lastAt.set(now);
                received.incrementAndGet();
                event.release();
            });
            var request = Unpooled.buffer(12).writeInt(events).writeShort(size).writeInt((int) rate)
                    .writeShort(client.localAddress().getPort());
            SomeIpMessage answer = client.request(SomeIpMessage.builder(LoadProtocol.SERVICE, LoadProtocol.STREAM,
                    MessageType.REQUEST).interfaceVersion(LoadProtocol.MAJOR_VERSION).payload(request).build(),
                    120_000).get(130, TimeUnit.SECONDS);
            long sent = answer.payload().getUnsignedInt(0);
            answer.release();
            // The answer can overtake the last events in the socket buffers: wait until the count settles.
            long settled = received.get();
            for (int i = 0; i < 20 && received.get() < sent; i++) {
                Thread.sleep(50);
                if (received.get() == settled) {
                    break;
                }
                settled = received.get();
            }
            long got = received.get();
            double seconds = Math.max(1e-9, (lastAt.get() - firstAt.get()) / 1e9);
            return String.format("notifications UDP %5s, %s: sent %d, received %d (%.0f/s), lost %d",
                    size >= 1024 ? size / 1024 + " KiB" : size + " B",
                    rate == 0 ? "unpaced" : "paced at " + rate + "/s", sent, got, got / seconds, sent - got);
        }
    }

    private void printRow(LatencyResult result, LatencyResult base) {
        out.println(row(result, base));
    }

    private static String row(LatencyResult r, LatencyResult base) {
        return String.format("%-48s %9.0f rt/s (%.2fx)  p50 %7.1f us  p99 %7.1f us (%.2fx)  p99.9 %8.1f us%s",
                r.scenario(), r.perSecond(), r.perSecond() / base.perSecond(), r.percentileMicros(50),
                r.percentileMicros(99), r.percentileMicros(99) / base.percentileMicros(99),
                r.percentileMicros(99.9), r.errors() > 0 ? "  errors " + r.errors() : "");
    }

    private void writeMarkdown(List<String> rows, List<String> streams) throws IOException {
        StringBuilder md = new StringBuilder("```\n");
        rows.forEach(r -> md.append(r).append('\n'));
        streams.forEach(r -> md.append(r).append('\n'));
        md.append("```\n");
        Files.writeString(markdown, md.toString());
    }
}
