package io.vehicle.launcher.tools.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.runtime.MalformedPayloadException;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.wire.SomeIpMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One SOME/IP node as a process: provides or consumes the built-in {@link TestService} with real
 * SD, printing what happens as JSON lines on stdout (logs go to stderr). Stops cleanly (StopOffer,
 * StopSubscribe) when stdin ends or on SIGTERM; SIGKILL stops it like a power cut.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs one SOME/IP node with SD that provides or consumes a small test service "
                + "(0x4242: event 0x8001 with a sequence number every period, field 0x8002 with getter 0x0001 "
                + "and setter 0x0002, both in eventgroup 1). Prints JSON lines: offered, available, "
                + "unavailable (with reason), notification (seq), field (value), peer-reboot, stopped.",
                "A line 'stats' on stdin prints the node's own measurements: live heap after a GC, RSS, "
                + "Netty's direct memory, subscribers and every refusal counter (docs/security.md).",
                "Stops on stdin EOF or SIGTERM (sending StopOffer); SIGKILL sends nothing."})
public final class NodeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Node configuration file (YAML or JSON, see NodeConfig); "
            + "its offered/required entries of service 0x4242 choose the role when neither --provide nor "
            + "--consume is given.")
    Path config;

    @Option(names = "--unicast", description = "Unicast address of the node (default 127.0.0.1 or the config's).")
    String unicast;

    @Option(names = "--sd-port", description = "SD port (default 30490 or the config's).")
    Integer sdPort;

    @Option(names = "--fast", description = "Fast SD timings (cyclic offers every 500 ms, TTL 2 s).")
    boolean fast;

    @Option(names = "--provide", description = "Offer the test service.")
    boolean provide;

    @Option(names = "--consume", description = "Find the test service, subscribe and print its events.")
    boolean consume;

    @Option(names = "--instance", split = ",", description = "Instance id(s) to provide or consume (default 1).")
    List<Integer> instances;

    @Option(names = "--period-ms", defaultValue = "100", description = "Event period of the provider (ms).")
    long periodMs;

    @Option(names = "--set-field", description = "Consumer: set the field to this value once the service is "
            + "first available.")
    Long setField;

    @Option(names = "--transport", description = "Netty transport: auto, io_uring, epoll or nio (default auto or "
            + "the config's someip.transport).")
    String transport;

    @Option(names = "--ignore-stdin", description = "Do not stop on stdin EOF (for running in the background).")
    boolean ignoreStdin;

    private final JsonLines lines = new JsonLines(System.out);
    private final List<ServiceSkeleton> skeletons = new CopyOnWriteArrayList<>();

    @Override
    public Integer call() throws Exception {
        NodeConfig nodeConfig = config == null ? NodeConfig.defaults() : NodeConfig.load(config);
        if (unicast != null) {
            nodeConfig = nodeConfig.withUnicast(unicast);
        }
        if (sdPort != null || fast) {
            nodeConfig = nodeConfig.withSd(sdPort != null ? sdPort : nodeConfig.sd().port(),
                    fast ? SdTimings.fast() : nodeConfig.sd().timings());
        }
        if (transport != null) {
            nodeConfig = nodeConfig.withTransport(transport);
        }
        Set<Integer> provided = new LinkedHashSet<>();
        Set<Integer> consumed = new LinkedHashSet<>();
        List<Integer> chosen = instances == null || instances.isEmpty() ? List.of(1) : instances;
        if (provide) {
            provided.addAll(chosen);
        }
        if (consume) {
            consumed.addAll(chosen);
        }
        if (!provide && !consume) {
            nodeConfig.offered().stream().filter(r -> r.service() == TestService.SERVICE)
                    .forEach(r -> provided.add(r.instance()));
            nodeConfig.required().stream().filter(r -> r.service() == TestService.SERVICE)
                    .forEach(r -> consumed.add(r.instance()));
        }
        if (provided.isEmpty() && consumed.isEmpty()) {
            System.err.println("node: nothing to do: give --provide or --consume, or offered/required entries of "
                    + "service 0x4242 in --config");
            return 2;
        }

        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        String[] reason = {"stdin closed"};
        Thread hook = new Thread(() -> {
            reason[0] = "SIGTERM";
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-ticker");
            t.setDaemon(true);
            return t;
        });
        SomeIpNode node = SomeIpNode.start(nodeConfig);
        try {
            String sd = hostPort(node.sd().address());
            node.discovery().onPeerReboot(peer -> lines.print(lines.event("peer-reboot").put("peer", hostPort(peer))));
            for (int instance : provided) {
                provide(node, instance, ticker, sd);
            }
            for (int instance : consumed) {
                consume(node, instance);
            }
            ObjectNode started = lines.event("started").put("sd", sd);
            provided.forEach(started.putArray("provide")::add);
            consumed.forEach(started.putArray("consume")::add);
            started.put("transport", node.runtime().transport().configName());
            lines.print(started);
            if (!ignoreStdin) {
                Thread stdin = new Thread(() -> {
                    try (BufferedReader input = new BufferedReader(
                            new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = input.readLine()) != null) {
                            if (line.trim().equals("stats")) {
                                printStats(node);
                            } // other input is ignored; its end stops the node
                        }
                    } catch (IOException e) {
                        // treated as the end
                    }
                    stop.countDown();
                }, "node-stdin");
                stdin.setDaemon(true);
                stdin.start();
            }
            stop.await();
        } finally {
            ticker.shutdownNow();
            node.close(); // StopOffer and StopSubscribe go out before the sockets close
            lines.print(lines.event("stopped").put("reason", reason[0]));
            stopped.countDown();
        }
        return 0;
    }

    /**
     * The node's own measurements as one JSON line: live heap after a full GC, resident set size,
     * Netty's pooled direct memory, subscribers of the test service and every refusal counter.
     */
    private void printStats(SomeIpNode node) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        ObjectNode stats = lines.event("stats");
        stats.put("heapUsedAfterGc", memory.getHeapMemoryUsage().getUsed());
        stats.put("rss", residentSetBytes());
        // The allocator's chunks, where it reports them (they are in Netty's direct count too: not both).
        stats.put("nettyDirect", ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics
                ? metrics.metric().usedDirectMemory() : PlatformDependent.usedDirectMemory());
        int subscribers = 0;
        for (ServiceSkeleton skeleton : skeletons) {
            subscribers += skeleton.subscriberCount(TestService.EVENTGROUP);
        }
        stats.put("subscribers", subscribers);
        stats.put("subscriberSockets", node.server().subscriberSockets());
        stats.put("tcpConnections", node.server().tcpConnections().size());
        stats.put("sdPeers", node.discovery().peersRemembered());
        ObjectNode refusals = stats.putObject("refusals");
        node.refusals().forEach(refusals::put);
        lines.print(stats);
    }

    /** VmRSS of /proc/self/status in bytes, or -1 where there is none. */
    private static long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    private void provide(SomeIpNode node, int instance, ScheduledExecutorService ticker, String sd) {
        ServiceSkeleton skeleton = node.skeleton(ServiceSkeleton.builder(TestService.SERVICE, instance,
                        TestService.MAJOR, TestService.MINOR)
                .event(TestService.TICK_EVENT, false, TestService.EVENTGROUP)
                .field(TestService.FIELD_NOTIFIER, TestService.FIELD_GETTER, TestService.FIELD_SETTER,
                        requested -> requested.readableBytes() == 4
                                ? CompletableFuture.completedFuture(Unpooled.copiedBuffer(requested))
                                : CompletableFuture.failedFuture(new MalformedPayloadException("4 bytes expected")),
                        Unpooled.buffer(4).writeInt(0), false, TestService.EVENTGROUP));
        skeleton.offer();
        skeletons.add(skeleton);
        AtomicLong seq = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            try {
                skeleton.publish(TestService.TICK_EVENT, Unpooled.buffer(4).writeInt((int) seq.incrementAndGet()));
            } catch (RuntimeException e) {
                System.err.println("node: publish failed: " + e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
        lines.print(lines.event("offered").put("instance", instance)
                .put("udp", hostPort(skeleton.server().udpAddress()))
                .put("tcp", hostPort(skeleton.server().tcpAddress())).put("sd", sd));
    }

    private void consume(SomeIpNode node, int instance) {
        ServiceProxy proxy = node.proxy(TestService.SERVICE, instance, TestService.MAJOR);
        proxy.subscribe(TestService.EVENTGROUP, TestService.TICK_EVENT, message ->
                lines.print(lines.event("notification").put("instance", instance).put("seq", uint32(message))));
        proxy.subscribe(TestService.EVENTGROUP, TestService.FIELD_NOTIFIER, message ->
                lines.print(lines.event("field").put("instance", instance).put("value", uint32(message))));
        if (setField != null) {
            proxy.whenAvailable().thenAccept(service -> proxy.call(TestService.FIELD_SETTER,
                    Unpooled.buffer(4).writeInt(setField.intValue()), false).whenComplete((response, error) -> {
                        if (error != null) {
                            lines.print(lines.event("set-failed").put("instance", instance)
                                    .put("error", String.valueOf(error.getMessage())));
                        } else {
                            lines.print(lines.event("set").put("instance", instance).put("value", uint32(response)));
                        }
                    }));
        }
        proxy.onAvailability(change -> {
            if (change.available()) {
                lines.print(lines.event("available").put("instance", change.instance().instanceId())
                        .put("udp", hostPort(change.service().udp())).put("sd", hostPort(change.service().sdPeer())));
            } else {
                lines.print(lines.event("unavailable").put("instance", change.instance().instanceId())
                        .put("reason", change.reason().name()));
            }
        });
    }

    private static long uint32(SomeIpMessage message) {
        try {
            ByteBuf payload = message.payload();
            return payload.readableBytes() >= 4 ? payload.getUnsignedInt(payload.readerIndex()) : -1;
        } finally {
            message.release();
        }
    }

    private static String hostPort(InetSocketAddress address) {
        return address == null ? "" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
