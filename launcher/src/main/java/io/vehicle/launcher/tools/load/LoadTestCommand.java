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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load tool: starts {@code load-server} as a second process on loopback and compares SOME/IP
 * with bare JDK sockets doing the same work between the same two processes: round trips (UDP and
 * TCP, 1 and 32 outstanding, 8 B and 1 KiB) and a UDP notification stream. Baseline and stack run
 * in alternating rounds ({@link Rounds}); the headline of each scenario is the median of the
 * rounds' ratios, with the absolute figures beside it. With several transports, each gets its own
 * server process and rounds.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load test: SOME/IP against bare sockets, client and server as two processes on loopback.")
public final class LoadTestCommand implements Callable<Integer> {

    @Option(names = "--transports", defaultValue = "auto", split = ",",
            description = "Netty transports to measure, each with its own server process: auto, io_uring, epoll, "
                    + "nio (default ${DEFAULT-VALUE}).")
    List<String> transports;

    @Option(names = "--rounds", defaultValue = "5",
            description = "Alternating baseline/stack rounds per scenario (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--duration", defaultValue = "1",
            description = "Seconds measured per run; a round is two runs (default ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--warmup", defaultValue = "0.3",
            description = "Seconds of unrecorded warm-up per run (default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--jit-warmup", defaultValue = "12",
            description = "Seconds of unrecorded round trips of every scenario per transport before the first, so the "
                    + "JIT has compiled the paths of both processes (default ${DEFAULT-VALUE}).")
    int jitWarmupSeconds;

    @Option(names = "--settle", defaultValue = "1",
            description = "Seconds of unrecorded round trips of a scenario, stack and baseline, right before its first "
                    + "round: after the other scenarios ran, its first round otherwise ran while the JIT recompiled "
                    + "the shared paths (default ${DEFAULT-VALUE}).")
    double settleSeconds;

    @Option(names = "--events", defaultValue = "200000", description = "Notifications per stream run (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--quick", description = "Only UDP and TCP with 1 outstanding, 8 B, and the 8 B unpaced stream.")
    boolean quick;

    @Option(names = "--only", description = "Only the scenarios and streams whose label contains this text, "
            + "e.g. 'UDP, 1 outstanding' or 'stream'.")
    String only;

    @Option(names = "--baseline", defaultValue = "bare",
            description = "What the stack is compared with: bare (blocking JDK sockets, the default) or netty (plain "
                    + "Netty channels of the same transport and event loop with one echo handler and no SOME/IP: "
                    + "the floor any Netty-based stack stands on). Streams always compare with bare sockets.")
    String baseline;

    @Option(names = "--measure", defaultValue = "stack",
            description = "What is measured against the baseline: stack (the SOME/IP stack, the default) or netty "
                    + "(plain Netty channels: with --baseline bare, the floor any Netty-based stack stands on, "
                    + "against the bare socket). Streams always measure the stack.")
    String subject;

    @Option(names = "--pin", defaultValue = "none",
            description = "Where the two processes run: none (the scheduler decides), same (both on CPU 0) or split "
                    + "(this process on CPU 0, load-server on CPU 1). On a VM a wake-up across CPUs costs tens of "
                    + "microseconds, so an unpinned round trip is fast or slow by where the scheduler put the "
                    + "threads; pinning takes that choice away (uses taskset).")
    String pin;

    @Option(names = "--markdown", description = "Also write the summary as a Markdown table to this file.")
    Path markdown;

    private final PrintStream out = System.out;

    /** One scenario: what is sent how, and how many outstanding. */
    record Scenario(boolean reliable, int outstanding, int size) {
        String label() {
            return String.format("%s, %d outstanding, %s", reliable ? "TCP" : "UDP", outstanding,
                    BareClients.sizeLabel(size));
        }
    }

    /** One notification stream setting. */
    record Stream(int size, long rate) {
        String label() {
            return String.format("UDP stream, %s, %s", BareClients.sizeLabel(size),
                    rate == 0 ? "unpaced" : "paced at " + rate + "/s");
        }
    }

    /** The scenarios of a full run, or of {@code --quick}. */
    static List<Scenario> scenarios(boolean quick) {
        List<Scenario> all = new ArrayList<>();
        for (boolean reliable : new boolean[] {false, true}) {
            for (int outstanding : quick ? new int[] {1} : new int[] {1, 32}) {
                for (int size : quick ? new int[] {8} : new int[] {8, 1024}) {
                    all.add(new Scenario(reliable, outstanding, size));
                }
            }
        }
        return all;
    }

    static List<Stream> streams(boolean quick) {
        List<Stream> all = new ArrayList<>();
        for (int size : quick ? new int[] {8} : new int[] {8, 1024}) {
            for (long rate : quick ? new long[] {0} : new long[] {0, 150_000}) {
                all.add(new Stream(size, rate));
            }
        }
        return all;
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("bare", "netty").contains(baseline)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--baseline must be bare or netty, not '" + baseline + "'");
        }
        if (!List.of("stack", "netty").contains(subject) || (subject.equals("netty") && baseline.equals("netty"))) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--measure must be stack or netty, and netty only against --baseline bare, not '" + subject + "'");
        }
        if (!List.of("none", "same", "split").contains(pin)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--pin must be none, same or split, not '" + pin + "'");
        }
        // Both sides measure without Netty's leak detection: load-server is started with it disabled, and
        // this process would otherwise touch every buffer on every handler and record a stack trace for
        // one buffer in 128 (seen in its profile), costs the server side does not pay.
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        Summary summary = new Summary(subject.equals("netty") ? "plain Netty" : "stack",
                baseline.equals("netty") ? "plain Netty" : "bare socket");
        Pinning.pin(ProcessHandle.current().pid(), pin.equals("none") ? null : "0");
        out.printf("load: %d cores, load average %.2f, %d rounds per scenario, %.1f s per run%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rounds,
                durationSeconds);
        for (String transport : transports) {
            runTransport(transport.trim(), summary);
        }
        out.println();
        out.println(summary.text());
        if (markdown != null) {
            Files.writeString(markdown, summary.markdown());
        }
        return 0;
    }

    private void runTransport(String transport, Summary summary) throws Exception {
        Process server = startServer(transport);
        try (BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = serverOut.readLine();
            if (line == null) {
                throw new IllegalStateException("load-server exited before printing its ports");
            }
            JsonNode ports = new ObjectMapper().readTree(line);
            Endpoints endpoints = new Endpoints(address(ports, "udp"), address(ports, "tcp"), address(ports, "bareUdp"),
                    address(ports, "bareTcp"), address(ports, "bareStream"), address(ports, "nettyUdp"),
                    address(ports, "nettyTcp"));
            Pinning.pin(server.pid(), switch (pin) {
                case "same" -> "0";
                case "split" -> "1";
                default -> null;
            });
            try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 1)) {
                String used = runtime.transport().configName();
                out.printf("%n== transport %s: client %s; load-server pid %d: %s%n", used, runtime.transportChoice(),
                        server.pid(), ports.get("transport").asText());
                CpuWindow cpu = new CpuWindow(ProcessHandle.current().pid(), server.pid());
                jitWarmup(runtime, endpoints, cpu);
                for (Scenario scenario : scenarios(quick)) {
                    if (only != null && !scenario.label().contains(only)) {
                        continue;
                    }
                    summary.add(used, scenario.label(), roundTrips(runtime, endpoints, scenario, cpu));
                }
                for (Stream stream : streams(quick)) {
                    if (only != null && !stream.label().contains(only)) {
                        continue;
                    }
                    summary.addStream(used, stream.label(), notifications(runtime, endpoints, stream));
                }
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static InetSocketAddress address(JsonNode ports, String name) {
        return new InetSocketAddress("127.0.0.1", ports.get(name).asInt());
    }

    /** Where the stack's server and the bare sockets of {@code load-server} listen. */
    record Endpoints(InetSocketAddress udp, InetSocketAddress tcp, InetSocketAddress bareUdp,
                     InetSocketAddress bareTcp, InetSocketAddress bareStream, InetSocketAddress nettyUdp,
                     InetSocketAddress nettyTcp) {
    }

    private Rounds.Result<LatencyResult> roundTrips(SomeIpRuntime runtime, Endpoints at, Scenario scenario,
                                                    CpuWindow cpu) throws Exception {
        Duration warmup = Duration.ofMillis(Math.round(warmupSeconds * 1000));
        Duration measure = Duration.ofMillis(Math.round(durationSeconds * 1000));
        out.printf("%s%n", scenario.label());
        Duration settle = Duration.ofMillis(Math.round(settleSeconds * 1000));
        if (!settle.isZero()) {
            measuredRoundTrips(runtime, at, scenario, settle, Duration.ofMillis(1), cpu);
            baselineRoundTrips(runtime, at, scenario, settle, Duration.ofMillis(1), cpu);
        }
        return compare(baseline, subject, new Rounds<>(rounds, LatencyResult::perSecond),
                round -> baselineRoundTrips(runtime, at, scenario, warmup, measure, cpu),
                round -> measuredRoundTrips(runtime, at, scenario, warmup, measure, cpu),
                LoadTestCommand::brief);
    }

    /** The stack's round trips, or plain Netty's with {@code --measure netty}. */
    private LatencyResult measuredRoundTrips(SomeIpRuntime runtime, Endpoints at, Scenario scenario, Duration warmup,
                                             Duration measured, CpuWindow cpu) throws Exception {
        if (subject.equals("netty")) {
            return nettyRoundTrips(runtime, at, scenario, warmup, measured, cpu);
        }
        return stackRoundTrips(runtime, scenario.reliable() ? at.tcp() : at.udp(), scenario, warmup, measured, cpu);
    }

    private static LatencyResult nettyRoundTrips(SomeIpRuntime runtime, Endpoints at, Scenario scenario,
                                                 Duration warmup, Duration measured, CpuWindow cpu)
            throws InterruptedException {
        int n = scenario.outstanding();
        int size = scenario.size();
        return scenario.reliable() ? NettyClients.tcp(runtime, at.nettyTcp(), n, size, warmup, measured, cpu)
                : NettyClients.udp(runtime, at.nettyUdp(), n, size, warmup, measured, cpu);
    }

    private LatencyResult baselineRoundTrips(SomeIpRuntime runtime, Endpoints at, Scenario scenario, Duration warmup,
                                             Duration measure, CpuWindow cpu) throws Exception {
        if (baseline.equals("netty")) {
            return nettyRoundTrips(runtime, at, scenario, warmup, measure, cpu);
        }
        int n = scenario.outstanding();
        int size = scenario.size();
        return scenario.reliable() ? BareClients.tcp(at.bareTcp(), n, size, warmup, measure, cpu)
                : BareClients.udp(at.bareUdp(), n, size, warmup, measure, cpu);
    }

    /** Runs the rounds, printing each as it ends and the median after the last. */
    private <R> Rounds.Result<R> compare(String name, String measuredName, Rounds<R> comparison, Rounds.Run<R> bare,
                                         Rounds.Run<R> stack, java.util.function.Function<R, String> brief)
            throws Exception {
        Rounds.Result<R> result = comparison.compare(bare, stack,
                round -> out.printf("  round %d (%s first): %s %s | %s %s | %.2fx%n", round.index(),
                        round.baselineFirst() ? name : measuredName, name, brief.apply(round.baseline()), measuredName,
                        brief.apply(round.stack()), round.ratio()));
        out.printf("  median %.2fx (rounds %.2f-%.2f)%n", result.medianRatio(), result.minRatio(), result.maxRatio());
        return result;
    }

    private static String brief(LatencyResult r) {
        return String.format("%,.0f rt/s p50 %.1f p99 %.1f us cpu %.1f us/rt%s", r.perSecond(),
                r.percentileMicros(50), r.percentileMicros(99), r.cpuMicrosPerRoundTrip(),
                r.errors() > 0 ? " errors " + r.errors() : "");
    }

    /**
     * With 2 shared cores the C2 compiler competes with the benchmark itself: one second of warm-up
     * per scenario left the first scenario half compiled (0.10x where it runs at about 0.45x once
     * compiled), and under load the first rounds of a scenario still ran cold. So every scenario's
     * paths (stack and bare, UDP and TCP, 1 and 32 outstanding, both sizes) run first, unrecorded.
     */
    private void jitWarmup(SomeIpRuntime runtime, Endpoints at, CpuWindow cpu) throws Exception {
        if (jitWarmupSeconds <= 0) {
            return;
        }
        List<Scenario> all = scenarios(quick);
        Duration each = Duration.ofMillis(Math.max(100, jitWarmupSeconds * 1000L / (2L * all.size())));
        Duration none = Duration.ofMillis(1);
        out.printf("JIT warm-up: %d s of every scenario, stack and %s, not recorded%n", jitWarmupSeconds, baseline);
        for (Scenario scenario : all) {
            measuredRoundTrips(runtime, at, scenario, each, none, cpu);
            baselineRoundTrips(runtime, at, scenario, each, none, cpu);
        }
    }

    private Process startServer(String transport) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(
                ChildJvm.providerOptions(List.of("-Xmx512m", "-Dio.netty.leakDetection.level=disabled")),
                List.of("load-server", "--transport", transport)));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return builder.start();
    }

    private static LatencyResult stackRoundTrips(SomeIpRuntime runtime, InetSocketAddress server, Scenario scenario,
                                                 Duration warmup, Duration measure, CpuWindow cpu)
            throws InterruptedException {
        EndpointOptions options = EndpointOptions.defaults();
        byte[] payload = new byte[scenario.size()];
        try (SomeIpClient client = scenario.reliable() ? SomeIpClient.tcp(runtime, server, 0x0100, options)
                : SomeIpClient.udp(runtime, server, 0x0100, options)) {
            ClosedLoop loop = new ClosedLoop(client, () -> SomeIpMessage.builder(LoadProtocol.SERVICE,
                    LoadProtocol.ECHO, MessageType.REQUEST).interfaceVersion(LoadProtocol.MAJOR_VERSION)
                    .payload(Unpooled.wrappedBuffer(payload)).build(), scenario.outstanding());
            return loop.run("SOME/IP " + scenario.label(), warmup, measure, cpu);
        }
    }

    private Rounds.Result<StreamResult> notifications(SomeIpRuntime runtime, Endpoints at, Stream stream)
            throws Exception {
        out.printf("%s, %d notifications per run%n", stream.label(), events);
        return compare("bare", "stack", new Rounds<>(rounds, StreamResult::receivedPerSecond),
                round -> BareClients.stream(at.bareStream(), events, stream.size(), stream.rate()),
                round -> stackStream(runtime, at.udp(), stream),
                LoadTestCommand::brief);
    }

    private static String brief(StreamResult r) {
        return String.format("%,.0f/s received, lost %d of %d", r.receivedPerSecond(), r.lost(), r.sent());
    }

    private StreamResult stackStream(SomeIpRuntime runtime, InetSocketAddress server, Stream stream)
            throws Exception {
        try (SomeIpClient client = SomeIpClient.udp(runtime, server, 0x0200, EndpointOptions.defaults())) {
            StreamReceipt receipt = new StreamReceipt();
            client.onNotification(event -> {
                receipt.arrived();
                event.release();
            });
            var request = Unpooled.buffer(12).writeInt(events).writeShort(stream.size()).writeInt((int) stream.rate())
                    .writeShort(client.localAddress().getPort());
            SomeIpMessage answer = client.request(SomeIpMessage.builder(LoadProtocol.SERVICE, LoadProtocol.STREAM,
                    MessageType.REQUEST).interfaceVersion(LoadProtocol.MAJOR_VERSION).payload(request).build(),
                    120_000).get(130, TimeUnit.SECONDS);
            long sent = answer.payload().getUnsignedInt(0);
            answer.release();
            // The answer can overtake the last events in the socket buffers.
            receipt.awaitEnd(sent, 300, 10_000);
            return receipt.result("SOME/IP " + stream.label(), sent);
        }
    }
}
