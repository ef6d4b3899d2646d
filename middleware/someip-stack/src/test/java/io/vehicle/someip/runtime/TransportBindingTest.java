package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Identifier rules and TCP binding details that the end-to-end tests do not show. */
class TransportBindingTest {

    @Test
    @DisplayName("feat_req_someip_579, feat_req_someip_543: instance ids 0x0000 and 0xFFFF are refused")
    void reservedInstanceIdsAreRefused() {
        assertThatThrownBy(() -> ServiceDefinition.builder(0x1234, 0x0000, 1)).hasMessageContaining("0x0000");
        assertThatThrownBy(() -> ServiceDefinition.builder(0x1234, 0xFFFF, 1)).hasMessageContaining("0xFFFF");
        assertThatThrownBy(() -> ServiceDefinition.builder(0x1234, 0x1_0000, 1)).hasMessageContaining("instance id");
        assertThat(ServiceDefinition.builder(0x1234, 0xFFFE, 1).build().instanceId()).isEqualTo(0xFFFE);
    }

    @Test
    @DisplayName("feat_req_someip_325, feat_req_someip_644: TCP_NODELAY on both ends; one connection carries "
            + "every method of the instance")
    void tcpNoDelayAndOneConnection() throws Exception {
        try (SomeIpRuntime runtime = new SomeIpRuntime(1);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", -1, 0, EndpointOptions.defaults())) {
            server.register(ServiceDefinition.builder(0x1234, 1, 1)
                    .method(1, r -> CompletableFuture.completedFuture(Unpooled.buffer(1).writeByte(1)))
                    .method(2, r -> CompletableFuture.completedFuture(Unpooled.buffer(1).writeByte(2)))
                    .build());
            try (SomeIpClient client = SomeIpClient.tcp(runtime, server.tcpAddress(), 7, EndpointOptions.defaults())) {
                for (int method : new int[] {1, 2, 1, 2}) {
                    SomeIpMessage answer = client.request(SomeIpMessage.builder(0x1234, method, MessageType.REQUEST)
                            .interfaceVersion(1).build()).get(5, TimeUnit.SECONDS);
                    assertThat(answer.payload().getByte(0)).isEqualTo((byte) method);
                    answer.release();
                }
                assertThat(client.channelOption(ChannelOption.TCP_NODELAY)).isTrue();
                assertThat(server.tcpConnections()).hasSize(1);
                assertThat(server.tcpConnections().get(0).config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            }
        }
    }
}
