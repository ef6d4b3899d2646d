package io.vehicle.someip.sdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * issue #13 (vsomeip interop): vsomeip 3.6.4 marks a provider down within 14 ms when its TCP
 * connection is reset; we mark its TCP endpoint down at once, keep UDP working, and reopen TCP
 * with the provider's next offer.
 */
class TcpResetTest {

    static final int SERVICE = 0x2131;
    static final int ECHO = EachTransportNodeTest.ECHO;

    @Test
    @DisplayName("a provider's TCP reset marks TCP down at once (calls fail fast, UDP keeps working); the next offer "
            + "reopens TCP")
    void resetMarksTcpDownUntilTheNextOffer() throws Exception {
        // One offer, then cyclic offers 3 s apart: the checks between the reset and the next offer have time to run.
        SdTimings timings = new SdTimings(0, 10, 20, 0, 3000, 0, 5, 10, 10); // no Repetition Phase either
        try (SomeIpNode provider = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(TestPorts.sdPort(15), timings));
             SomeIpNode consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.2")
                     .withSd(TestPorts.sdPort(15), timings))) {
            provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0).method(ECHO, request ->
                    CompletableFuture.<ByteBuf>completedFuture(request.payload().retainedDuplicate()))).offer();
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            proxy.whenAvailable().get(10, TimeUnit.SECONDS);
            assertThat(proxy.whenAvailable().get().tcp()).as("offered over TCP").isNotNull();
            assertThat(EachTransportNodeTest.call(proxy, true, 1)).isEqualTo(1);
            assertThat(proxy.isReachable(true)).isTrue();

            List<Channel> connections = provider.server().tcpConnections();
            assertThat(connections).hasSize(1);
            Channel connection = connections.get(0);
            connection.config().setOption(ChannelOption.SO_LINGER, 0); // close with RST
            long resetAt = System.nanoTime();
            connection.close().sync();

            Await.until("TCP marked down", Duration.ofSeconds(5), () -> !proxy.isReachable(true));
            System.out.printf("TCP marked down %.1f ms after the reset%n", (System.nanoTime() - resetAt) / 1e6);
            assertThat(proxy.isAvailable()).as("still available over UDP").isTrue();
            assertThat(proxy.isReachable(false)).isTrue();
            CompletableFuture<SomeIpMessage> refused = proxy.call(ECHO, Unpooled.buffer(4).writeInt(2), true);
            try {
                Assertions.assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("reset the TCP connection");
            } finally {
                if (refused.isDone() && !refused.isCompletedExceptionally()) {
                    refused.join().release();
                }
            }
            assertThat(EachTransportNodeTest.call(proxy, false, 3)).as("UDP keeps working").isEqualTo(3);

            Await.until("TCP reopened with the next offer", Duration.ofSeconds(10), () -> proxy.isReachable(true));
            assertThat(EachTransportNodeTest.call(proxy, true, 4)).isEqualTo(4);
            assertThat(provider.server().tcpConnections()).hasSize(1);
        }
    }
}
