package io.vehicle.someip.sdk.node;

import io.vehicle.someip.sd.SdTimings;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.testing.TestPorts;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A minute of steady state on loopback: one provider node offers 20 services with 50 eventgroups
 * each, one consumer node subscribes to all of them, so the provider holds 1,000 distinct SD
 * subscriptions, renewed by every cyclic offer (feat_req_someipsd_631). Every eventgroup has its own
 * event, published every second. Sampled every few seconds: no subscription lost, every one of
 * the 1,000 keeps delivering, no peer seen as rebooted; at the end heap after GC stays near its
 * level after warm-up, and the leak extension checks every buffer was released.
 */
class SdSoakTest {

    static final int SD_PORT = TestPorts.sdPort(4);
    static final int SERVICES = 20;
    static final int GROUPS = 50;
    static final int SUBSCRIPTIONS = SERVICES * GROUPS;
    static final long SOAK_MS = 60_000;
    static final long SAMPLE_MS = 2_500;
    static final long PUBLISH_MS = 1_000;
    static final long HEAP_GROWTH_BOUND = 48L << 20;
    /**
     * Cyclic offers every 500 ms; offers and subscriptions live 5 s unless renewed, so a subscription is
     * lost only if ten renewals in a row go missing. (With 3 s it was lost twice on this 2-core machine
     * at a load average of 9 to 12 from parallel builds: the bursts of 1,000 single-entry
     * SubscribeEventgroup datagrams per offer cycle meet a starved event loop; see the issue note.)
     */
    static final SdTimings TIMINGS = new SdTimings(0, 10, 20, 2, 500, 0, 5, 5, 5);

    static int service(int s) {
        return 0x7000 + s;
    }

    static int event(int g) {
        return 0x8000 + g;
    }

    @Test
    @DisplayName("feat_req_someipsd_79, feat_req_someipsd_631, feat_req_someipsd_828, feat_req_someipsd_445, "
            + "feat_req_someipsd_109: 1,000 subscriptions across 20 services x 50 eventgroups stay in place and "
            + "deliver for a minute of cyclic offers and renewals; no spurious reboot; bounded heap")
    void thousandSubscriptionsForAMinute() throws Exception {
        NodeConfig providerConfig = NodeConfig.defaults().withUnicast("127.0.0.9").withSd(SD_PORT, TIMINGS);
        NodeConfig consumerConfig = NodeConfig.defaults().withUnicast("127.0.0.10").withSd(SD_PORT, TIMINGS);
        AtomicLongArray received = new AtomicLongArray(SUBSCRIPTIONS);
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try (SomeIpNode provider = SomeIpNode.start(providerConfig);
             SomeIpNode consumer = SomeIpNode.start(consumerConfig)) {
            List<ServiceSkeleton> skeletons = new ArrayList<>();
            for (int s = 0; s < SERVICES; s++) {
                ServiceSkeleton.Builder builder = ServiceSkeleton.builder(service(s), 1, 1, 0);
                for (int g = 1; g <= GROUPS; g++) {
                    builder.event(event(g), false, g);
                }
                ServiceSkeleton skeleton = provider.skeleton(builder);
                skeleton.offer();
                skeletons.add(skeleton);
            }
            List<ServiceProxy> proxies = new ArrayList<>();
            for (int s = 0; s < SERVICES; s++) {
                ServiceProxy proxy = consumer.proxy(service(s), 1, 1);
                for (int g = 1; g <= GROUPS; g++) {
                    int index = s * GROUPS + (g - 1);
                    proxy.subscribe(g, event(g), message -> {
                        message.release();
                        received.incrementAndGet(index);
                    });
                }
                proxies.add(proxy);
            }
            publisher.scheduleAtFixedRate(() -> {
                for (ServiceSkeleton skeleton : skeletons) {
                    for (int g = 1; g <= GROUPS; g++) {
                        skeleton.publish(event(g), Unpooled.buffer(4).writeInt(g));
                    }
                }
            }, 0, PUBLISH_MS, TimeUnit.MILLISECONDS);

            // Start-up: every subscription in place and delivering (no event tells us: poll to a deadline).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((subscribers(skeletons) != SUBSCRIPTIONS || !allAbove(received, new long[SUBSCRIPTIONS]))
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            assertThat(subscribers(skeletons)).as("subscriptions after start-up").isEqualTo(SUBSCRIPTIONS);
            assertThat(allAbove(received, new long[SUBSCRIPTIONS])).as("every subscription delivered").isTrue();
            long warmHeap = heapAfterGc();

            long start = System.nanoTime();
            long[] last = snapshot(received);
            int samples = 0;
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(SOAK_MS)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SAMPLE_MS)); // the sampling period
                samples++;
                for (int s = 0; s < SERVICES; s++) {
                    for (int g = 1; g <= GROUPS; g++) {
                        assertThat(skeletons.get(s).subscriberCount(g))
                                .as("sample %d: subscribers of service 0x%04X eventgroup %d", samples, service(s), g)
                                .isEqualTo(1);
                    }
                    assertThat(proxies.get(s).isAvailable()).as("sample %d: service %d available", samples, s).isTrue();
                }
                long[] now = snapshot(received);
                for (int i = 0; i < SUBSCRIPTIONS; i++) {
                    assertThat(now[i]).as("sample %d: events of service 0x%04X eventgroup %d since the last sample",
                            samples, service(i / GROUPS), i % GROUPS + 1).isGreaterThan(last[i]);
                }
                last = now;
            }
            assertThat(samples).isGreaterThanOrEqualTo((int) (SOAK_MS / SAMPLE_MS) - 1);
            assertThat(consumer.discovery().rebootsDetected()).as("spurious reboots seen by the consumer").isZero();
            assertThat(provider.discovery().rebootsDetected()).as("spurious reboots seen by the provider").isZero();
            assertThat(consumer.discovery().rejectedEndpoints() + provider.discovery().rejectedEndpoints()).isZero();
            assertThat(consumer.sd().malformedMessages() + provider.sd().malformedMessages()).isZero();

            publisher.shutdown();
            assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            long endHeap = heapAfterGc();
            assertThat(endHeap - warmHeap).as("heap growth after GC over the soak (warm %d MB, end %d MB)",
                    warmHeap >> 20, endHeap >> 20).isLessThan(HEAP_GROWTH_BOUND);
        } finally {
            publisher.shutdownNow();
        }
    }

    static int subscribers(List<ServiceSkeleton> skeletons) {
        int total = 0;
        for (ServiceSkeleton skeleton : skeletons) {
            for (int g = 1; g <= GROUPS; g++) {
                total += skeleton.subscriberCount(g);
            }
        }
        return total;
    }

    static long[] snapshot(AtomicLongArray counters) {
        long[] values = new long[counters.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters.get(i);
        }
        return values;
    }

    static boolean allAbove(AtomicLongArray counters, long[] floor) {
        for (int i = 0; i < floor.length; i++) {
            if (counters.get(i) <= floor[i]) {
                return false;
            }
        }
        return true;
    }

    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
