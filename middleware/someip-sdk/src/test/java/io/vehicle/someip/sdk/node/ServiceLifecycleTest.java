package io.vehicle.someip.sdk.node;

import io.vehicle.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sdk.service.Availability;
import io.vehicle.someip.sdk.service.FieldSetter;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider node and a consumer node on two loopback addresses with real SD: methods, fields
 * with getter, setter and notifier, events, and recovery after the provider restarts or crashes.
 */
class ServiceLifecycleTest {

    static final int SERVICE = 0x1001;
    static final int SET_MODE = 0x0001;
    static final int TEMPERATURE_GET = 0x0010;
    static final int TEMPERATURE_SET = 0x0011;
    static final int TEMPERATURE_CHANGED = 0x8010;
    static final int CABIN_TEMPERATURE = 0x8001;
    static final int GROUP = 0x0001;

    static int sdPort(boolean reliable) {
        return TestPorts.sdPort(reliable ? 6 : 5);
    }

    static NodeConfig node(String address, int port) {
        return NodeConfig.defaults().withUnicast(address).withSd(port, SdTimings.fast());
    }

    static ServiceSkeleton provide(SomeIpNode node) {
        FieldSetter setter = requested -> {
            if (requested.readableBytes() != 2) {
                return CompletableFuture.failedFuture(new io.vehicle.someip.runtime.MalformedPayloadException("2 bytes"));
            }
            int value = requested.getShort(requested.readerIndex());
            if (value < 160 || value > 300) {
                return CompletableFuture.failedFuture(new SomeIpErrorException(0x20, "out of range"));
            }
            return CompletableFuture.completedFuture(Unpooled.buffer(2).writeShort(value));
        };
        ServiceSkeleton skeleton = node.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                .method(SET_MODE, request -> CompletableFuture.completedFuture(Unpooled.buffer(1).writeByte(1)))
                .field(TEMPERATURE_CHANGED, TEMPERATURE_GET, TEMPERATURE_SET, setter,
                        Unpooled.buffer(2).writeShort(215), false, GROUP)
                .event(CABIN_TEMPERATURE, false, GROUP));
        skeleton.offer();
        return skeleton;
    }

    static int shortOf(SomeIpMessage message) {
        try {
            return message.payload().getShort(message.payload().readerIndex());
        } finally {
            message.release();
        }
    }

    @ParameterizedTest(name = "reliable={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("feat_req_someip_631..635, feat_req_someipsd_428, feat_req_someipsd_691, feat_req_someipsd_831, "
            + "feat_req_someipsd_871: call, field get/set/notify, events; after a restart the proxy comes back and "
            + "events resume by themselves")
    void methodsFieldsEventsAndRestart(boolean reliable) throws Exception {
        int port = sdPort(reliable);
        BlockingQueue<Integer> notified = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> cabin = new LinkedBlockingQueue<>();
        BlockingQueue<Availability> availability = new LinkedBlockingQueue<>();
        try (SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", port))) {
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            proxy.onAvailability(availability::add);
            proxy.subscribe(GROUP, TEMPERATURE_CHANGED, m -> notified.add(shortOf(m)));
            proxy.subscribe(GROUP, CABIN_TEMPERATURE, m -> cabin.add(shortOf(m)));
            assertThatThrownBy(() -> proxy.call(SET_MODE, Unpooled.EMPTY_BUFFER, reliable).get())
                    .hasCauseInstanceOf(ServiceUnavailableException.class);

            SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", port));
            try {
                ServiceSkeleton skeleton = provide(provider);
                proxy.whenAvailable().get(10, TimeUnit.SECONDS);
                Availability up = availability.poll(10, TimeUnit.SECONDS);
                assertThat(up.available()).isTrue();
                assertThat(up.reason()).isEqualTo(AvailabilityReason.OFFERED);
                assertThat(up.service().udp().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                // Initial event: the field's current value arrives on subscription.
                assertThat(notified.poll(10, TimeUnit.SECONDS)).isEqualTo(215);

                SomeIpMessage mode = proxy.call(SET_MODE, Unpooled.EMPTY_BUFFER, reliable).get(5, TimeUnit.SECONDS);
                assertThat(mode.payload().readableBytes()).isEqualTo(1);
                mode.release();
                assertThat(shortOf(proxy.call(TEMPERATURE_SET, Unpooled.buffer(2).writeShort(225), reliable)
                        .get(5, TimeUnit.SECONDS))).isEqualTo(225);
                assertThat(notified.poll(10, TimeUnit.SECONDS)).isEqualTo(225);
                assertThat(shortOf(proxy.call(TEMPERATURE_GET, Unpooled.EMPTY_BUFFER, reliable)
                        .get(5, TimeUnit.SECONDS))).isEqualTo(225);
                assertThatThrownBy(() -> proxy.call(TEMPERATURE_SET, Unpooled.buffer(2).writeShort(450), reliable)
                        .get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("0x20");

                waitForSubscriber(skeleton);
                skeleton.publish(CABIN_TEMPERATURE, Unpooled.buffer(2).writeShort(190));
                assertThat(cabin.poll(10, TimeUnit.SECONDS)).isEqualTo(190);
            } finally {
                provider.close(); // StopOffer goes out
            }
            Availability down = availability.poll(10, TimeUnit.SECONDS);
            assertThat(down.available()).isFalse();
            assertThat(down.reason()).isEqualTo(AvailabilityReason.STOP_OFFER);
            assertThat(down.service()).isNull();
            assertThatThrownBy(() -> proxy.call(SET_MODE, Unpooled.EMPTY_BUFFER, reliable).get())
                    .hasCauseInstanceOf(ServiceUnavailableException.class);

            SomeIpNode restarted = SomeIpNode.start(node("127.0.0.1", port));
            try {
                ServiceSkeleton skeleton = provide(restarted);
                assertThat(availability.poll(10, TimeUnit.SECONDS).available()).isTrue();
                assertThat(notified.poll(10, TimeUnit.SECONDS)).isEqualTo(215); // fresh initial value
                waitForSubscriber(skeleton);
                skeleton.publish(CABIN_TEMPERATURE, Unpooled.buffer(2).writeShort(201));
                assertThat(cabin.poll(10, TimeUnit.SECONDS)).isEqualTo(201);
                // A crash sends nothing; the comeback is seen as a reboot (feat_req_someipsd_871).
                restarted.crash();
                restarted = SomeIpNode.start(node("127.0.0.1", port));
                skeleton = provide(restarted);
                // feat_req_someipsd_871: the comeback is seen as a reboot, and said so.
                assertThat(availability.poll(10, TimeUnit.SECONDS).reason()).isEqualTo(AvailabilityReason.PEER_REBOOT);
                assertThat(availability.poll(10, TimeUnit.SECONDS).available()).isTrue();
                assertThat(consumer.discovery().rebootsDetected()).isGreaterThanOrEqualTo(1);
                waitForSubscriber(skeleton);
                skeleton.publish(CABIN_TEMPERATURE, Unpooled.buffer(2).writeShort(202));
                Integer value;
                do {
                    value = cabin.poll(10, TimeUnit.SECONDS);
                } while (value != null && value != 202);
                assertThat(value).isEqualTo(202);
            } finally {
                restarted.close();
            }
        }
    }

    @Test
    @DisplayName("feat_req_someip_812, feat_req_someipsd_614, feat_req_someipsd_725: a multicast eventgroup's Ack "
            + "names the group; one publish reaches every subscriber through it")
    void multicastEventgroup() throws Exception {
        int port = TestPorts.sdPort(7);
        java.net.InetSocketAddress group = new java.net.InetSocketAddress("239.255.42.1", port);
        BlockingQueue<Integer> first = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> second = new LinkedBlockingQueue<>();
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", port));
             SomeIpNode consumerA = SomeIpNode.start(node("127.0.0.2", port));
             SomeIpNode consumerB = SomeIpNode.start(node("127.0.0.3", port))) {
            ServiceSkeleton skeleton = provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                    .event(CABIN_TEMPERATURE, false, 2).multicast(2, group));
            skeleton.offer();
            ServiceProxy a = consumerA.proxy(SERVICE, 1, 1);
            ServiceProxy b = consumerB.proxy(SERVICE, 1, 1);
            a.subscribe(2, CABIN_TEMPERATURE, m -> first.add(shortOf(m)));
            b.subscribe(2, CABIN_TEMPERATURE, m -> second.add(shortOf(m)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // Probe until both joined the group: joining follows the Ack, asynchronously.
            boolean firstJoined = false;
            boolean secondJoined = false;
            while (!(firstJoined && secondJoined) && System.nanoTime() < deadline) {
                skeleton.publish(CABIN_TEMPERATURE, Unpooled.buffer(2).writeShort(100));
                firstJoined |= first.poll(50, TimeUnit.MILLISECONDS) != null;
                secondJoined |= second.poll(50, TimeUnit.MILLISECONDS) != null;
            }
            assertThat(firstJoined).isTrue();
            assertThat(secondJoined).isTrue();
            skeleton.publish(CABIN_TEMPERATURE, Unpooled.buffer(2).writeShort(777));
            assertThat(nextOtherThan(100, first)).isEqualTo(777);
            assertThat(nextOtherThan(100, second)).isEqualTo(777);
        }
    }

    /** The next value that is not a (late) probe. */
    static Integer nextOtherThan(int probe, BlockingQueue<Integer> queue) throws InterruptedException {
        Integer value;
        do {
            value = queue.poll(5, TimeUnit.SECONDS);
        } while (value != null && value == probe);
        return value;
    }

    /** Subscriptions are asynchronous; events published before one is in place go nowhere by design. */
    static void waitForSubscriber(ServiceSkeleton skeleton) throws Exception {
        skeleton.whenSubscribed(GROUP).get(10, TimeUnit.SECONDS);
        assertThat(skeleton.subscriberCount(GROUP)).isPositive();
    }
}
