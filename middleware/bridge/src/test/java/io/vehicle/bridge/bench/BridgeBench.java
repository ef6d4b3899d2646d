package io.vehicle.bridge.bench;

import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.fixture.TestKeys;
import io.vehicle.bridge.server.Bridge;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalClient;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.service.Subscription;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The bridge's benchmarks (docs/performance.md), one JVM: a bench ECU (100 uint64 signals) on 127.0.0.1,
 * the bridge on 127.0.0.2 with authorization on, a Java gRPC subscriber of the bridge, and, as the
 * same-run baseline, a plain SOME/IP subscriber (SignalClient on 127.0.0.3) of the same ECU events.
 * Optionally a Python (grpcio) subscriber in its own process. Every update carries its send time
 * (System.nanoTime, CLOCK_MONOTONIC), so every subscriber on this host measures ECU-event-to-client latency.
 *
 * <p>Run with {@code bench/bridge [--quick] [--python]}.
 */
public final class BridgeBench {

    static final String[] PATTERN = {"Bench"};

    private final boolean quick;
    private final Path dir;
    private BenchEcu ecu;
    private Bridge bridge;
    private SomeIpNode directNode;
    private SignalClient direct;
    private final List<Subscription> directSubscriptions = new ArrayList<>();
    private Vertx vertx;
    private BridgeClient client;
    private String token;
    private final AtomicReference<LatencyRecorder> viaBridge = new AtomicReference<>(new LatencyRecorder(Long.MAX_VALUE));
    private final AtomicReference<LatencyRecorder> viaSomeIp = new AtomicReference<>(new LatencyRecorder(Long.MAX_VALUE));

    BridgeBench(boolean quick, Path dir) {
        this.quick = quick;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean python = List.of(args).contains("--python");
        boolean eventsOnly = List.of(args).contains("--events-only");
        Path dir = Files.createTempDirectory("bridge-bench");
        BridgeBench bench = new BridgeBench(quick, dir);
        try {
            bench.start();
            if (List.of(args).contains("--tail")) {
                bench.tail();
            } else {
                bench.events();
            }
            if (python) {
                bench.python();
            }
            if (!eventsOnly) {
                bench.writes();
            }
        } finally {
            bench.stop();
        }
        System.exit(0);
    }

    void start() throws Exception {
        int sdPort;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            sdPort = probe.getLocalPort();
        }
        ecu = new BenchEcu("127.0.0.1", sdPort);
        TestKeys keys = TestKeys.create(dir, "ec");
        Files.writeString(dir.resolve("policy.yaml"), """
                rules:
                  - id: bench
                    signals: [Bench]
                    writers: [bench]
                """);
        SignalRegistry registry = SignalRegistry.of(List.of(BenchEcu.SERVICE));
        bridge = Bridge.start(BridgeConfig.defaults()
                .withNode(NodeConfig.defaults().withUnicast("127.0.0.2").withSd(sdPort, SdTimings.fast()))
                .withGrpc(new BridgeConfig.Grpc("127.0.0.1", 0, null, null, null))
                .withHttp(new BridgeConfig.Http("127.0.0.1", 0))
                .withAuth(new BridgeConfig.Auth(true, keys.publicKey().toString(), null, null, null))
                .withPolicy(new BridgeConfig.PolicySettings(dir.resolve("policy.yaml").toString(), null, null, null))
                .withAudit(new BridgeConfig.Audit(dir.resolve("audit.jsonl").toString()))
                .withLimits(new BridgeConfig.Limits(null, 4_000_000, 1000)), registry, Clock.systemUTC());
        directNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.3").withSd(sdPort, SdTimings.fast()));
        direct = new SignalClient(directNode, registry);
        direct.proxy(BenchEcu.SERVICE).whenAvailable().get(30, TimeUnit.SECONDS);
        for (int g = 0; g < BenchEcu.GROUPS; g++) {
            directSubscriptions.add(direct.subscribeField(BenchEcu.SERVICE, "Group" + g, message -> {
                // Only the signal that changed carries the newest send time of its group.
                long newest = 0;
                for (var field : message.getDescriptorForType().getFields()) {
                    newest = Math.max(newest, (Long) message.getField(field));
                }
                viaSomeIp.get().arrived(newest);
            }));
        }
        for (Subscription subscription : directSubscriptions) {
            subscription.acknowledged().get(30, TimeUnit.SECONDS);
        }
        waitFor(() -> bridge.availability().isAvailable(BenchEcu.SERVICE), "the bridge finds the bench ECU");
        token = keys.token("bench", "read actuate");
        vertx = Vertx.vertx();
        client = BridgeClient.connect(vertx, "127.0.0.1", bridge.grpcPort(), token);
        var stream = client.stream(GatewayGrpcClient.Subscribe, SubscribeRequest.newBuilder().addPatterns(PATTERN[0])
                .build()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        stream.handler(response -> {
            LatencyRecorder recorder = viaBridge.get();
            for (var update : response.getUpdatesList()) {
                recorder.arrived(update.getValue().getUint64());
            }
        });
        stream.endHandler(v -> System.err.println("bench subscription ended: " + stream.status() + " "
                + BridgeClient.statusMessage(stream)));
        stream.resume();
        waitFor(() -> bridge.subscriptions().openSubscriptions() == 1, "the Java subscriber");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", load "
                + loadAverage());
    }

    /** ECU events to the Java gRPC subscriber through the bridge, and to the plain SOME/IP subscriber. */
    void events() throws Exception {
        System.out.println("warm-up ...");
        phase("warm-up", 200_000, 0, false);
        int seconds = quick ? 3 : 10;
        phase("paced 1,000/s", 1_000 * seconds, 1_000, true);
        phase("paced 10,000/s", 10_000 * seconds, 10_000, true);
        phase("paced 100,000/s", 100_000 * seconds, 100_000, true);
        phase("unpaced", quick ? 300_000 : 1_000_000, 0, true);
        // Throughput of each path alone: the other subscriber's decoding no longer shares the two cores.
        directSubscriptions.forEach(Subscription::close);
        phase("unpaced, bridge path alone", quick ? 300_000 : 1_000_000, 0, true);
        fieldPhase("unpaced, 10 signals per notification, bridge path alone", quick ? 50_000 : 150_000);
    }

    /** Only the paced phases whose tail the goal is about, three rounds, for before/after comparisons. */
    void tail() throws Exception {
        System.out.println("warm-up ...");
        phase("warm-up", 200_000, 0, false);
        int seconds = quick ? 3 : 10;
        for (int round = 1; round <= 3; round++) {
            phase("round " + round + ", paced 1,000/s", 1_000 * seconds, 1_000, true);
            phase("round " + round + ", paced 10,000/s", 10_000 * seconds, 10_000, true);
        }
    }

    /** Every notification changes the 10 signals of a field: signal updates per second at the subscriber. */
    private void fieldPhase(String name, int notifications) throws Exception {
        long start = System.nanoTime();
        LatencyRecorder bridged = new LatencyRecorder(start);
        viaBridge.set(bridged);
        long took = ecu.runFields(notifications);
        settle(bridged, notifications * 10);
        System.out.printf("%s: ECU sent %,d notifications (%,d signal updates) in %.2f s%n", name, notifications,
                notifications * 10, took / 1e9);
        System.out.println("  " + bridged.summary("ECU -> bridge -> Java gRPC subscriber", notifications * 10));
    }

    private void phase(String name, int count, int rate, boolean print) throws Exception {
        long start = System.nanoTime();
        LatencyRecorder bridged = new LatencyRecorder(start);
        LatencyRecorder plain = new LatencyRecorder(start);
        viaBridge.set(bridged);
        viaSomeIp.set(plain);
        long ingestBefore = bridge.values().changes();
        ProcessCost costBefore = ProcessCost.now();
        ThreadCpu threadCpu = new ThreadCpu();
        long took = ecu.run(count, rate);
        settle(bridged, count);
        settle(plain, count);
        ProcessCost cost = ProcessCost.now();
        long ingested = bridge.values().changes() - ingestBefore;
        if (print) {
            System.out.printf("%s: ECU sent %,d in %.2f s (%,.0f/s); bridge took in %,d; load %s%n", name, count,
                    took / 1e9, count / (took / 1e9), ingested, loadAverage());
            System.out.println("  " + bridged.summary("ECU -> bridge -> Java gRPC subscriber", count));
            System.out.println("  " + plain.summary("ECU -> SOME/IP subscriber (baseline)", count));
            System.out.printf("  ratio to baseline: rate %.2f, p50 %.2f, p99 %.2f%n", bridged.rate() / plain.rate(),
                    bridged.p50Micros() / plain.p50Micros(), bridged.p99Micros() / plain.p99Micros());
            System.out.println("  " + cost.perUpdateSince(costBefore, count));
            System.out.print(threadCpu.busiest(count));
        }
    }

    /** Waits until every update arrived, or nothing more arrives for two seconds (losses are reported). */
    private static void settle(LatencyRecorder recorder, int expected) throws InterruptedException {
        long seen = -1;
        long idleSince = System.nanoTime();
        while (recorder.count() < expected) {
            if (recorder.count() != seen) {
                seen = recorder.count();
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > 2_000_000_000L) {
                return;
            }
            Thread.sleep(5); // a measuring loop's poll, not synchronisation of a test
        }
    }

    /** The same ECU events to a Python grpcio subscriber in its own process. */
    void python() throws Exception {
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        Path proto = Path.of("idl/src/main/proto").toAbsolutePath();
        Process protoc = new ProcessBuilder("/usr/bin/python3", "-m", "grpc_tools.protoc", "-I" + proto,
                "--python_out=" + stubs, "--grpc_python_out=" + stubs, "kuksa/val/v2/types.proto",
                "vehicle/gateway/v1/gateway.proto", "vehicle/signal/v1/signal_options.proto").inheritIO().start();
        if (protoc.waitFor() != 0) {
            throw new IllegalStateException("grpc_tools.protoc failed");
        }
        int seconds = quick ? 3 : 10;
        for (int rate : new int[] {1_000, 10_000}) {
            int count = rate * seconds;
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3",
                    Path.of("middleware/bridge/src/test/python/bench_subscriber.py").toAbsolutePath().toString(),
                    Integer.toString(bridge.grpcPort()), token, Integer.toString(count)).redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", stubs.toString());
            Process subscriber = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(subscriber.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.equals("ready")) {
                throw new IllegalStateException("python subscriber: " + line);
            }
            long took = ecu.run(count, rate);
            String result = out.readLine();
            subscriber.waitFor(60, TimeUnit.SECONDS);
            System.out.printf("python paced %,d/s: ECU sent %,d in %.2f s%n  ECU -> bridge -> Python gRPC subscriber  %s%n",
                    rate, count, took / 1e9, result);
        }
    }

    /** gRPC Write to CONFIRMED, against a plain SOME/IP read-modify-write of the same signal. */
    void writes() throws Exception {
        int count = quick ? 500 : 3_000;
        Histogram gateway = new Histogram(60_000_000_000L, 3);
        Histogram plain = new Histogram(60_000_000_000L, 3);
        for (int round = 0; round < 2; round++) { // the first round warms up
            gateway.reset();
            plain.reset();
            for (int i = 0; i < count; i++) {
                String path = "Bench.Group" + (i % 10) + ".Signal" + (i % 7);
                long value = 1_000_000L * round + i + 1;
                long t0 = System.nanoTime();
                WriteResponse response = client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                        .addWrites(SignalWrite.newBuilder().setPath(path).setValue(Value.newBuilder().setUint64(value)))
                        .build()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                gateway.recordValue(System.nanoTime() - t0);
                if (response.getResults(0).getStatus() != WriteStatus.WRITE_STATUS_CONFIRMED) {
                    throw new IllegalStateException("not confirmed: " + response);
                }
                long t1 = System.nanoTime();
                direct.set(path, value + 500_000).get(30, TimeUnit.SECONDS);
                plain.recordValue(System.nanoTime() - t1);
            }
        }
        System.out.printf("set -> CONFIRMED, %,d sequential writes of one signal each:%n", count);
        System.out.printf("  gRPC Write -> bridge -> ECU -> CONFIRMED          p50 %8.1f µs  p99 %8.1f µs  max %9.1f µs%n",
                gateway.getValueAtPercentile(50) / 1e3, gateway.getValueAtPercentile(99) / 1e3,
                gateway.getMaxValue() / 1e3);
        System.out.printf("  SOME/IP read-modify-write, SignalClient (baseline) p50 %8.1f µs  p99 %8.1f µs  max %9.1f µs%n",
                plain.getValueAtPercentile(50) / 1e3, plain.getValueAtPercentile(99) / 1e3, plain.getMaxValue() / 1e3);
        System.out.printf("  ratio to baseline: p50 %.2f, p99 %.2f%n", gateway.getValueAtPercentile(50)
                / (double) plain.getValueAtPercentile(50), gateway.getValueAtPercentile(99)
                / (double) plain.getValueAtPercentile(99));
    }

    /** The 1, 5 and 15 minute load averages: every figure of a run on a shared machine needs them beside it. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    void stop() {
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> client.close());
        steps.add(() -> vertx.close());
        steps.add(() -> direct.close());
        steps.add(() -> directNode.close());
        steps.add(() -> bridge.close());
        steps.add(() -> ecu.close());
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                // closing what is there
            }
        }
    }
}
