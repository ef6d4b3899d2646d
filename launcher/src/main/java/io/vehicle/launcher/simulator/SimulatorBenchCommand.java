package io.vehicle.launcher.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DynamicMessage;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.launcher.process.ChildJvm;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.serialization.SomeIpSerializer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vehicle simulator bench}: how much one simulator process serves. For each number of cars (each
 * the five ECUs and nine services of the default car, instance k on 127.0.(30+k).x) and each rate, a
 * simulator runs in a child JVM whose clock steps once per period and which forces every signal of every
 * field to a new in-range value at each step ({@code --change-every-signal}), so each ECU notifies each of
 * its fields once per period, on change; this process subscribes to every field notifier and counts the
 * notifications and those whose value differs from the field's previous one. The child's CPU time and RSS
 * are read from /proc; the same car count with the clock at 10 Hz and nothing forced is the baseline.
 * {@code --republish} measures instead the cyclic republishing of unchanged values ({@code cycleMs}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures ECUs and signals one simulator process serves with every signal changing at given "
                + "rates (CPU, RSS, loss).",
                "A rate must divide 1000 (the clock steps once per period, in whole milliseconds)."})
public final class SimulatorBenchCommand implements Callable<Integer> {

    @Option(names = "--cars", split = ",", defaultValue = "1,2,4,8", description = "Numbers of cars (default ${DEFAULT-VALUE}).")
    List<Integer> cars;

    @Option(names = "--hz", split = ",", defaultValue = "10,100",
            description = "Rates at which every signal changes (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--sd-port", defaultValue = "30491", description = "SOME/IP-SD port (default ${DEFAULT-VALUE}).")
    int sdPort;

    @Option(names = "--republish",
            description = "Leave the values alone and republish every field cyclically at the rate instead (cycleMs).")
    boolean republish;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    private static final SignalRegistry REGISTRY = SignalRegistry.catalog();

    private record Sample(double cpuPercent, long rssKb, double receivedPerSecond, double changedPerSecond) {
    }

    @Override
    public Integer call() throws Exception {
        for (int hz : rates) {
            if (hz < 1 || hz > 1000 || 1000 % hz != 0) {
                throw new ParameterException(spec.commandLine(), "--hz " + hz + ": a rate must divide 1000 "
                        + "(the clock steps once per period, in whole milliseconds)");
            }
        }
        long fields = 0;
        for (var service : VehicleCatalog.services()) {
            ServiceBinding binding = ServiceBinding.of(service);
            fields += binding.fields().values().stream().filter(f -> measured(binding, f)).count();
        }
        long signals = REGISTRY.all().stream().filter(s -> s.field() != null).count();
        out.printf("one car: 5 ECUs, 9 services, %d notified fields with signals, %d signals; %s; %d s per run on %d "
                        + "cores%n",
                fields, signals, republish ? "unchanged values republished cyclically" : "every signal changing",
                seconds, Runtime.getRuntime().availableProcessors());
        out.println("| cars | ECUs | signals | rate | signal updates/s sent | notifications/s received (expected) "
                + "| changed values/s received (expected) | simulator CPU (% of one core) | CPU over idle | RSS MB |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int n : cars) {
            Sample idle = run(n, 0);
            out.printf("| %d | %d | %d | idle | 0 | %.0f | %.0f | %.1f | 1.0x | %d |%n", n, 5 * n, signals * n,
                    idle.receivedPerSecond(), idle.changedPerSecond(), idle.cpuPercent(), idle.rssKb() / 1024);
            for (int hz : rates) {
                Sample busy = run(n, hz);
                long expected = fields * n * hz;
                out.printf("| %d | %d | %d | %d Hz | %d | %.0f (%d) | %.0f (%d) | %.1f | %.1fx | %d |%n", n, 5 * n,
                        signals * n, hz, signals * n * hz, busy.receivedPerSecond(), expected,
                        busy.changedPerSecond(), republish ? 0 : expected, busy.cpuPercent(),
                        busy.cpuPercent() / Math.max(0.1, idle.cpuPercent()), busy.rssKb() / 1024);
            }
            out.flush();
        }
        return 0;
    }

    private Sample run(int carCount, int hz) throws Exception {
        Path config = Files.createTempFile("simulator-bench", ".yaml");
        try {
            Files.writeString(config, config(carCount, hz));
            List<String> args = new ArrayList<>(List.of("simulator", "--config", config.toString(), "--no-control",
                    "--progress-interval", "0"));
            if (hz > 0 && !republish) {
                args.add("--change-every-signal");
            }
            List<String> command = ChildJvm.command(List.of("-Xmx512m"), args);
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null && !line.startsWith("running"); line = lines.readLine()) {
                    // the ECU list
                }
                return measure(child, carCount);
            } finally {
                child.destroy();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private Sample measure(Process child, int carCount) throws Exception {
        LongAdder received = new LongAdder();
        LongAdder changed = new LongAdder();
        try (SomeIpNode node = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.29.1")
                .withSd(sdPort, SdTimings.fast()))) {
            List<DescriptorProxy> proxies = new ArrayList<>();
            List<CompletableFuture<?>> ready = new ArrayList<>();
            for (int k = 0; k < carCount; k++) {
                for (var service : VehicleCatalog.services()) {
                    ServiceBinding binding = ServiceBinding.of(service);
                    DescriptorProxy proxy = new DescriptorProxy(node, binding, SomeIpSerializer.shared(), k + 1);
                    proxies.add(proxy);
                    for (FieldBinding field : binding.fields().values()) {
                        if (!measured(binding, field)) {
                            continue;
                        }
                        RpcBinding notifier = field.notifier();
                        // the value this field last notified, to count the notifications that carry a change
                        AtomicReference<DynamicMessage> previous = new AtomicReference<>();
                        ready.add(proxy.subscribe(notifier.name(), DynamicMessage.getDefaultInstance(notifier.output()),
                                m -> {
                                    received.increment();
                                    DynamicMessage before = previous.getAndSet(m);
                                    if (before != null && !before.equals(m)) {
                                        changed.increment();
                                    }
                                }).acknowledged());
                    }
                }
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Thread.sleep(2000); // warm-up of the child before measuring a steady state
            long cpu0 = cpuTicks(child.pid());
            long count0 = received.sum();
            long changed0 = changed.sum();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = cpuTicks(child.pid());
            long count1 = received.sum();
            long changed1 = changed.sum();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpu1 - cpu0) / (double) CLOCK_TICKS / elapsed * 100;
            long rss = rssKb(child.pid());
            proxies.forEach(DescriptorProxy::close);
            return new Sample(cpu, rss, (count1 - count0) / elapsed, (changed1 - changed0) / elapsed);
        }
    }

    /**
     * A field with a notifier and at least one signal: what the load changes. (SeatService.Presets carries
     * none: only StorePreset changes it.)
     */
    private static boolean measured(ServiceBinding service, FieldBinding field) {
        return field.notifier() != null && REGISTRY.all().stream()
                .anyMatch(s -> s.field() != null && s.service().serviceId() == service.serviceId()
                        && s.field().name().equals(field.name()));
    }

    private String config(int carCount, int hz) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        // changing values: one clock step per period; republishing: the plant at 10 Hz or at the rate if faster
        int stepMs = hz == 0 ? 100 : republish ? Math.min(100, 1000 / hz) : 1000 / hz;
        root.putObject("clock").put("rate", "1").put("stepMs", stepMs);
        ObjectNode sd = root.putObject("sd").put("port", sdPort);
        sd.set("timings", json.valueToTree(SdTimings.fast()));
        root.put("someipPort", 0);
        ArrayNode ecus = root.putArray("ecus");
        for (int k = 0; k < carCount; k++) {
            int index = 1;
            for (var ecu : SimulatorConfig.defaultEcus()) {
                ObjectNode e = ecus.addObject().put("name", ecu.name() + "-" + (k + 1))
                        .put("unicast", "127.0." + (30 + k) + "." + index++);
                ArrayNode services = e.putArray("services");
                for (var s : ecu.services()) {
                    services.addObject().put("name", s.name()).put("instance", k + 1)
                            .put("cycleMs", republish && hz > 0 ? 1000 / hz : 0);
                }
            }
        }
        root.putObject("control").put("enabled", false);
        return json.writeValueAsString(root); // JSON is YAML
    }

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
