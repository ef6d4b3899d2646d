package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.RequestTimeoutException;
import io.vehicle.someip.runtime.ServiceDefinition;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.runtime.SomeIpServer;
import io.vehicle.someip.transport.TrafficTap.Direction;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The traffic tap sees the bytes of the wire with both addresses; the outbound filter drops and delays. */
class TrafficHooksTest {

    static final int SERVICE = 0x4711;
    static final int ECHO = 0x0001;

    record Seen(Direction direction, InetSocketAddress local, InetSocketAddress remote, String hex, boolean udp) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final List<String> connections = new CopyOnWriteArrayList<>();
    final AtomicLong verdict = new AtomicLong(OutboundFilter.PASS);
    final SomeIpRuntime runtime = new SomeIpRuntime(1);

    final TrafficTap tap = new TrafficTap() {
        @Override
        public void datagram(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf payload) {
            seen.add(new Seen(direction, local, remote, ByteBufUtil.hexDump(payload), true));
        }

        @Override
        public void stream(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf bytes) {
            seen.add(new Seen(direction, local, remote, ByteBufUtil.hexDump(bytes), false));
        }

        @Override
        public void connected(InetSocketAddress local, InetSocketAddress remote, boolean outgoing) {
            connections.add("up " + remote + " outgoing=" + outgoing);
        }
    };

    @AfterEach
    void stop() {
        runtime.close();
    }

    SomeIpServer server() {
        EndpointOptions options = EndpointOptions.defaults()
                .withTraffic(new TrafficHooks(tap, (service, remote) -> verdict.get()));
        SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, 0, options);
        server.register(ServiceDefinition.builder(SERVICE, 1, 1)
                .method(ECHO, request -> CompletableFuture.completedFuture(request.payload().retainedDuplicate()))
                .build());
        return server;
    }

    static SomeIpMessage request(String text) {
        return SomeIpMessage.builder(SERVICE, ECHO, MessageType.REQUEST).interfaceVersion(1)
                .payload(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).build();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("the tap sees the request in and the answer out, as wire bytes with the real addresses")
    void tapSeesBothDirections(boolean tcp) throws Exception {
        try (SomeIpServer server = server();
             SomeIpClient client = tcp ? SomeIpClient.tcp(runtime, server.tcpAddress(), 0x42, EndpointOptions.defaults())
                     : SomeIpClient.udp(runtime, server.udpAddress(), 0x42, EndpointOptions.defaults())) {
            SomeIpMessage answer = client.request(request("ping")).get(5, TimeUnit.SECONDS);
            answer.release();
            InetSocketAddress serverAddress = tcp ? server.tcpAddress() : server.udpAddress();
            // "ping" in the payload of the request (type 0x00) and of the response (type 0x80)
            assertThat(seen).anySatisfy(s -> {
                assertThat(s.direction()).isEqualTo(Direction.IN);
                assertThat(s.local()).isEqualTo(serverAddress);
                assertThat(s.remote()).isEqualTo(client.localAddress());
                assertThat(s.hex()).contains("471100010000000c").contains("01010000").endsWith("70696e67");
                assertThat(s.udp()).isEqualTo(!tcp);
            }).anySatisfy(s -> {
                assertThat(s.direction()).isEqualTo(Direction.OUT);
                assertThat(s.remote()).isEqualTo(client.localAddress());
                assertThat(s.hex()).contains("47110001").contains("01018000").endsWith("70696e67");
            });
            if (tcp) {
                assertThat(connections).containsExactly("up " + client.localAddress() + " outgoing=false");
            }
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a dropped answer never reaches the client (it times out); a delayed one arrives")
    void filterDropsAndDelays(boolean tcp) throws Exception {
        try (SomeIpServer server = server();
             SomeIpClient client = tcp ? SomeIpClient.tcp(runtime, server.tcpAddress(), 0x42, EndpointOptions.defaults())
                     : SomeIpClient.udp(runtime, server.udpAddress(), 0x42, EndpointOptions.defaults())) {
            verdict.set(OutboundFilter.DROP);
            CompletableFuture<SomeIpMessage> lost = client.request(request("lost"), 300);
            assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RequestTimeoutException.class);
            assertThat(seen).noneMatch(s -> s.direction() == Direction.OUT && s.hex().endsWith("6c6f7374"));

            verdict.set(TimeUnit.MILLISECONDS.toNanos(50));
            SomeIpMessage late = client.request(request("late")).get(5, TimeUnit.SECONDS);
            assertThat(late.payload().toString(StandardCharsets.UTF_8)).isEqualTo("late");
            late.release();
        }
    }
}
