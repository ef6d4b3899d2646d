package io.vehicle.someip.sdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes configured for each Netty transport (someip.transport): SD multicast finds the
 * service, calls over UDP and TCP answer, events of a UDP and of a TCP eventgroup arrive.
 */
class EachTransportNodeTest {

    static final int SERVICE = 0x2141;
    static final int ECHO = 0x0001;
    static final int UDP_GROUP = 0x0001;
    static final int TCP_GROUP = 0x0002;
    static final int UDP_EVENT = 0x8001;
    static final int TCP_EVENT = 0x8002;

    /** Calls the echo method and returns the echoed int. */
    static int call(ServiceProxy proxy, boolean reliable, int value) throws Exception {
        SomeIpMessage answer = proxy.call(ECHO, Unpooled.buffer(4).writeInt(value), reliable).get(10, TimeUnit.SECONDS);
        try {
            return answer.payload().getInt(answer.payload().readerIndex());
        } finally {
            answer.release();
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void sdCallsAndEvents(NettyTransport transport) throws Exception {
        if (!transport.isAvailable()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true and " + transport.configName() + " is not available here");
            }
            Assumptions.abort(transport.configName() + " is not available here");
        }
        NodeConfig base = NodeConfig.defaults().withSd(TestPorts.sdPort(8), SdTimings.fast())
                .withTransport(transport.configName());
        try (SomeIpNode provider = SomeIpNode.start(base.withUnicast("127.0.0.1"));
             SomeIpNode consumer = SomeIpNode.start(base.withUnicast("127.0.0.2"))) {
            assertThat(provider.runtime().transport()).isEqualTo(transport);
            assertThat(consumer.runtime().transport()).isEqualTo(transport);
            ServiceSkeleton skeleton = provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                    .method(ECHO, request -> CompletableFuture.<ByteBuf>completedFuture(
                            request.payload().retainedDuplicate()))
                    .event(UDP_EVENT, false, UDP_GROUP)
                    .event(TCP_EVENT, true, TCP_GROUP));
            skeleton.offer();
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            proxy.whenAvailable().get(10, TimeUnit.SECONDS);
            assertThat(call(proxy, false, 1)).isEqualTo(1);
            assertThat(call(proxy, true, 2)).isEqualTo(2);
            List<Integer> udpEvents = new CopyOnWriteArrayList<>();
            List<Integer> tcpEvents = new CopyOnWriteArrayList<>();
            Subscription udp = proxy.subscribe(UDP_GROUP, UDP_EVENT, m -> {
                udpEvents.add(m.payload().getInt(m.payload().readerIndex()));
                m.release();
            });
            Subscription tcp = proxy.subscribe(TCP_GROUP, TCP_EVENT, m -> {
                tcpEvents.add(m.payload().getInt(m.payload().readerIndex()));
                m.release();
            });
            udp.acknowledged().get(10, TimeUnit.SECONDS);
            tcp.acknowledged().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 20; i++) {
                skeleton.publish(UDP_EVENT, Unpooled.buffer(4).writeInt(i));
                skeleton.publish(TCP_EVENT, Unpooled.buffer(4).writeInt(100 + i));
            }
            Await.until("20 events of each", Duration.ofSeconds(10),
                    () -> udpEvents.size() >= 20 && tcpEvents.size() >= 20);
            assertThat(tcpEvents).as("in order over TCP").containsExactlyElementsOf(
                    java.util.stream.IntStream.range(100, 120).boxed().toList());
            assertThat(udpEvents).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, 20).boxed().toList());
        }
    }

    @Test
    void configuredTransportReachesTheRuntime() {
        assertThat(NodeConfig.defaults().someip().transport()).isEqualTo("auto");
        assertThat(NodeConfig.defaults().withTransport("nio").someip().transport()).isEqualTo("nio");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NodeConfig.defaults().withTransport("kqueue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown transport 'kqueue'");
    }
}
