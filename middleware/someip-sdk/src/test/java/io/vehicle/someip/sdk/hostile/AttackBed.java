package io.vehicle.someip.sdk.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.sd.AvailabilityListener;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.Subscriber;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * The scene of an attack, in one JVM on loopback: a provider node (127.0.0.1) publishing numbered
 * events every 20 ms and answering a getter, a legitimate consumer node (127.0.0.2) subscribed to
 * them, and a prober (127.0.0.3) calling the getter over UDP and TCP one call after another. A test
 * runs an attack from 127.0.0.66 between {@link #startProbing()} and {@link #stopProbing()}, then
 * checks what every attack test checks ({@link #assertHeldItsGround}) and the refusal counters
 * ({@link #refusalsSince}).
 */
final class AttackBed implements AutoCloseable {

    static final int SERVICE = 0x4343;
    static final int INSTANCE = 1;
    static final int EVENT = 0x8001;
    static final int GETTER = 0x0001;
    static final int ECHO = 0x0002;
    static final int EVENTGROUP = 1;
    /** An eventgroup whose events go to a multicast group (feat_req_someip_812), and its event. */
    static final int MULTICAST_EVENTGROUP = 2;
    static final int MULTICAST_EVENT = 0x8002;
    /** Forged events carry sequence numbers from here on, so one delivered would show. */
    static final long FORGED_SEQ = 0xF000_0000L;
    static final String ATTACKER = "127.0.0.66";
    /** Live heap may grow this much over an attack: generous, far below what the unbounded stack took. */
    static final long HEAP_GROWTH_BOUND = 48L << 20;
    /**
     * The test JVM's resident set may grow this much over an attack: generous, since it also holds
     * heap the JVM commits for garbage (up to -Xmx); the unbounded stack grew by 1.9 GB in a minute.
     */
    static final long RSS_GROWTH_BOUND = 256L << 20;

    final int sdPort = TestPorts.sdPort(12);
    final SomeIpNode provider;
    final SomeIpNode consumer;
    final ServiceSkeleton skeleton;
    final ServiceProxy proxy;
    /** Sequence numbers of every event the consumer's application got, in order. */
    final List<Long> received = new CopyOnWriteArrayList<>();
    /** The same for the multicast eventgroup's event. */
    final List<Long> receivedMulticast = new CopyOnWriteArrayList<>();
    final InetSocketAddress multicastGroup;
    /** Availability changes the consumer's SD reported for the service. */
    final List<String> availability = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicInteger probesAnswered = new AtomicInteger();
    private final List<Throwable> probeFailures = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> prober;
    private Map<String, Long> providerBefore;
    private Map<String, Long> consumerBefore;
    private long heapBefore;
    private long rssBefore;
    private long seqBefore;

    AttackBed() {
        this(null);
    }

    /** With these bounds for both nodes (null: the defaults). */
    AttackBed(NodeConfig.Limits limits) {
        this(limits, UnaryOperator.identity());
    }

    /** With these bounds for both nodes, and the consumer's configuration changed by {@code consumerConfig}. */
    AttackBed(NodeConfig.Limits limits, UnaryOperator<NodeConfig> consumerConfig) {
        this(limits, consumerConfig, false);
    }

    /** A bed whose provider also publishes {@link #MULTICAST_EVENT} to a multicast group the consumer joins. */
    static AttackBed withMulticastEvents() {
        return new AttackBed(null, UnaryOperator.identity(), true);
    }

    private AttackBed(NodeConfig.Limits limits, UnaryOperator<NodeConfig> consumerConfig, boolean multicast) {
        multicastGroup = multicast ? new InetSocketAddress("239.255.66.1", sdPort) : null;
        NodeConfig base = NodeConfig.defaults().withLimits(limits);
        provider = SomeIpNode.start(base.withUnicast("127.0.0.1").withSd(sdPort, SdTimings.fast()));
        consumer = SomeIpNode.start(consumerConfig.apply(base.withUnicast("127.0.0.2").withSd(sdPort,
                SdTimings.fast())));
        ServiceSkeleton.Builder service = ServiceSkeleton.builder(SERVICE, INSTANCE, 1, 0)
                .event(EVENT, false, EVENTGROUP)
                .method(GETTER, request -> CompletableFuture.completedFuture(Unpooled.buffer(8).writeLong(seq.get())))
                .method(ECHO, request -> CompletableFuture.completedFuture(request.payload().retainedDuplicate()));
        if (multicast) {
            service.event(MULTICAST_EVENT, false, MULTICAST_EVENTGROUP).multicast(MULTICAST_EVENTGROUP, multicastGroup);
        }
        skeleton = provider.skeleton(service);
        skeleton.offer();
        ticker.scheduleAtFixedRate(() -> {
            int next = (int) seq.incrementAndGet();
            skeleton.publish(EVENT, Unpooled.buffer(4).writeInt(next));
            if (multicast) {
                skeleton.publish(MULTICAST_EVENT, Unpooled.buffer(4).writeInt(next));
            }
        }, 20, 20, TimeUnit.MILLISECONDS);
        consumer.discovery().find(SERVICE, INSTANCE, 1, new AvailabilityListener() {
            @Override
            public void available(RemoteService service) {
                availability.add("up " + service.sdPeer());
            }

            @Override
            public void unavailable(RemoteService service, AvailabilityReason reason) {
                availability.add("down " + reason);
            }
        });
        proxy = consumer.proxy(SERVICE, INSTANCE, 1);
        proxy.subscribe(EVENTGROUP, EVENT, message -> {
            received.add(message.payload().getUnsignedInt(message.payload().readerIndex()));
            message.release();
        });
        if (multicast) {
            proxy.subscribe(MULTICAST_EVENTGROUP, MULTICAST_EVENT, message -> {
                receivedMulticast.add(message.payload().getUnsignedInt(message.payload().readerIndex()));
                message.release();
            });
        }
    }

    /** Waits until events flow to the consumer, then notes the counters, the heap and where the stream is. */
    void awaitFlowing() {
        Await.until("events flowing to the consumer", Duration.ofSeconds(30), () -> received.size() >= 5);
        providerBefore = provider.refusals();
        consumerBefore = consumer.refusals();
        heapBefore = liveHeap();
        rssBefore = residentSet();
        seqBefore = lastReceived();
    }

    InetSocketAddress providerUdp() {
        return provider.server().udpAddress();
    }

    /** The consumer's event endpoint, as the provider's subscriber table has it. */
    InetSocketAddress consumerEvents() {
        Await.until("the consumer subscribed", Duration.ofSeconds(10), () -> skeleton.subscriberCount(EVENTGROUP) == 1);
        Subscriber subscriber = skeleton.subscribers(EVENTGROUP).iterator().next();
        return subscriber.udp();
    }

    long lastReceived() {
        return received.isEmpty() ? 0 : received.get(received.size() - 1);
    }

    /** Calls the getter over UDP and TCP, one call after the other, until {@link #stopProbing()}. */
    void startProbing() {
        probing.set(true);
        prober = CompletableFuture.runAsync(() -> {
            try (SomeIpClient udp = SomeIpClient.connect(provider.runtime(), providerUdp(),
                    InetAddress.getByName("127.0.0.3"), false, 0x0303, EndpointOptions.defaults());
                 SomeIpClient tcp = SomeIpClient.connect(provider.runtime(), provider.server().tcpAddress(),
                         InetAddress.getByName("127.0.0.3"), true, 0x0304, EndpointOptions.defaults())) {
                for (int i = 0; probing.get() || i < 2; i++) {
                    SomeIpClient client = i % 2 == 0 ? udp : tcp;
                    try {
                        client.request(SomeIpMessage.builder(SERVICE, GETTER, MessageType.REQUEST).interfaceVersion(1)
                                .payload(Unpooled.EMPTY_BUFFER).build()).get(5, TimeUnit.SECONDS).release();
                        probesAnswered.incrementAndGet();
                    } catch (Exception e) {
                        probeFailures.add(e);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a probe every 10 ms: pacing only
                }
            } catch (Exception e) {
                probeFailures.add(e);
            }
        });
    }

    /** Stops the prober; returns how many probes were answered. */
    int stopProbing() throws Exception {
        probing.set(false);
        prober.get(30, TimeUnit.SECONDS);
        return probesAnswered.get();
    }

    /**
     * What every attack must leave intact: every probe answered, the event stream continuous from
     * before the attack to well after it (no sequence gap, no forged event), the provider still
     * sending to the consumer, the live heap within {@link #HEAP_GROWTH_BOUND} of where it was and
     * the process's resident set within {@link #RSS_GROWTH_BOUND}.
     */
    void assertHeldItsGround() throws Exception {
        int answered = stopProbing();
        assertThat(probeFailures).as("probes that failed during the attack").isEmpty();
        assertThat(answered).as("probes answered").isGreaterThanOrEqualTo(4);
        long target = seq.get() + 10;
        Await.until("events after the attack", Duration.ofSeconds(30), () -> lastReceived() >= target);
        List<Long> stream = new ArrayList<>(received);
        assertThat(stream).as("forged events delivered").allMatch(s -> s < FORGED_SEQ);
        int from = stream.indexOf(seqBefore);
        assertThat(from).as("the stream before the attack").isGreaterThanOrEqualTo(0);
        for (int i = from + 1; i < stream.size(); i++) {
            assertThat(stream.get(i)).as("event after %d (no gap, no duplicate)", stream.get(i - 1))
                    .isEqualTo(stream.get(i - 1) + 1);
        }
        assertThat(availability).as("the consumer's view of the provider").containsExactly("up " + provider.sd().address());
        long heapGrowth = liveHeap() - heapBefore;
        assertThat(heapGrowth).as("live heap growth over the attack (%d MB)", heapGrowth >> 20)
                .isLessThan(HEAP_GROWTH_BOUND);
        long rssGrowth = residentSet() - rssBefore;
        System.out.printf("over the attack: live heap %+d MB, resident set %+d MB%n", heapGrowth >> 20,
                rssGrowth >> 20);
        assertThat(rssGrowth).as("resident set growth over the attack (%d MB, from %d MB)", rssGrowth >> 20,
                rssBefore >> 20).isLessThan(RSS_GROWTH_BOUND);
    }

    /** How much each of a node's refusal counters grew since {@link #awaitFlowing()}; only the ones that did. */
    Map<String, Long> refusalsSince(SomeIpNode node) {
        Map<String, Long> before = node == provider ? providerBefore : consumerBefore;
        Map<String, Long> grown = new java.util.TreeMap<>();
        node.refusals().forEach((name, n) -> {
            long delta = n - before.getOrDefault(name, 0L);
            if (delta != 0) {
                grown.put(name, delta);
            }
        });
        return grown;
    }

    /**
     * Netty's buffer memory: what its allocator holds, or, where the allocator says nothing, the
     * direct memory Netty allocated (the allocator's chunks are counted there too: not both).
     */
    static long nettyMemory() {
        if (io.netty.buffer.ByteBufAllocator.DEFAULT instanceof io.netty.buffer.ByteBufAllocatorMetricProvider provider) {
            return provider.metric().usedDirectMemory() + provider.metric().usedHeapMemory();
        }
        return io.netty.util.internal.PlatformDependent.usedDirectMemory();
    }

    /** Used heap after a full collection. */
    static long liveHeap() {
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of this process (Linux, where these tests run), in bytes. */
    static long residentSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resident set", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Runs {@code attack} over and over for {@code duration}; returns how often it ran. */
    static int attackFor(Duration duration, Attack attack) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        int rounds = 0;
        while (System.nanoTime() - end < 0) {
            attack.round(rounds++);
        }
        return rounds;
    }

    /** One round of an attack. */
    @FunctionalInterface
    interface Attack {
        void round(int round) throws Exception;
    }

    @Override
    public void close() {
        probing.set(false);
        ticker.shutdownNow();
        consumer.close();
        provider.close();
    }
}
