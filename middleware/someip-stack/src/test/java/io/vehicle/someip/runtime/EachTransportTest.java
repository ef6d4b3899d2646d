package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Netty transport, chosen explicitly, carries requests and responses (from a user thread and
 * from the event loop, 1 and 32 outstanding) and notifications, over UDP and TCP.
 */
class EachTransportTest {

    static final int SERVICE = 0x5152;
    static final int ECHO = 0x0001;
    static final int EVENT = 0x8001;

    static void requireAvailable(NettyTransport transport) {
        if (transport.isAvailable()) {
            return;
        }
        String message = transport.configName() + " is not available here: " + transport.unavailabilityCause();
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true and " + message);
        }
        abort(message);
    }

    private static SomeIpMessage echo(int value) {
        return SomeIpMessage.builder(SERVICE, ECHO, MessageType.REQUEST).interfaceVersion(1)
                .payload(Unpooled.buffer(4).writeInt(value)).build();
    }

    private static SomeIpMessage event(int value) {
        return SomeIpMessage.builder(SERVICE, EVENT, MessageType.NOTIFICATION).interfaceVersion(1)
                .payload(Unpooled.buffer(4).writeInt(value)).build();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void requestsAndNotifications(NettyTransport transport) throws Exception {
        requireAvailable(transport);
        EndpointOptions options = EndpointOptions.defaults();
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 2);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, 0, options)) {
            assertThat(runtime.transport()).isEqualTo(transport);
            server.register(ServiceDefinition.builder(SERVICE, 1, 1).method(ECHO, request ->
                    CompletableFuture.completedFuture(request.payload().retainedDuplicate())).build());
            for (boolean reliable : new boolean[] {false, true}) {
                try (SomeIpClient client = reliable ? SomeIpClient.tcp(runtime, server.tcpAddress(), 0x21, options)
                        : SomeIpClient.udp(runtime, server.udpAddress(), 0x21, options)) {
                    String what = transport.configName() + (reliable ? " TCP" : " UDP");
                    assertThat(roundTrip(client, 7)).as(what + " from a user thread").isEqualTo(7);
                    assertThat(chainFromEventLoop(client, 200)).as(what + " from the event loop").isEqualTo(200);
                    assertThat(concurrent(client, 32)).as(what + ", 32 outstanding").isEqualTo(32);
                    assertThat(notifications(server, client, reliable, 100)).as(what + " notifications")
                            .containsExactlyElementsOf(range(100));
                }
            }
        }
    }

    private static int roundTrip(SomeIpClient client, int value) throws Exception {
        SomeIpMessage answer = client.request(echo(value)).get(10, TimeUnit.SECONDS);
        try {
            return answer.payload().getInt(answer.payload().readerIndex());
        } finally {
            answer.release();
        }
    }

    /** Each answer's callback (on the client's event loop) sends the next request; counts the answers. */
    private static int chainFromEventLoop(SomeIpClient client, int count) throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        sendNext(client, 0, count, done);
        return done.get(30, TimeUnit.SECONDS);
    }

    private static void sendNext(SomeIpClient client, int n, int count, CompletableFuture<Integer> done) {
        if (n == count) {
            done.complete(n);
            return;
        }
        client.request(echo(n)).whenComplete((answer, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            int echoed = answer.payload().getInt(answer.payload().readerIndex());
            answer.release();
            if (echoed != n) {
                done.completeExceptionally(new AssertionError("answer " + echoed + " to request " + n));
                return;
            }
            sendNext(client, n + 1, count, done);
        });
    }

    private static int concurrent(SomeIpClient client, int count) throws Exception {
        List<CompletableFuture<SomeIpMessage>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(client.request(echo(1000 + i)));
        }
        int matched = 0;
        for (int i = 0; i < count; i++) {
            SomeIpMessage answer = calls.get(i).get(10, TimeUnit.SECONDS);
            if (answer.payload().getInt(answer.payload().readerIndex()) == 1000 + i) {
                matched++;
            }
            answer.release();
        }
        return matched;
    }

    private static List<Integer> notifications(SomeIpServer server, SomeIpClient client, boolean reliable, int count)
            throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        client.onNotification(m -> {
            received.add(m.payload().getInt(m.payload().readerIndex()));
            m.release();
        });
        InetSocketAddress target = client.localAddress();
        for (int i = 0; i < count; i++) {
            if (reliable) {
                assertThat(server.sendTcpInOrder(event(i), target)).isTrue();
            } else {
                server.sendUdpInOrder(event(i), target);
            }
        }
        Await.until(count + " notifications", Duration.ofSeconds(10), () -> received.size() >= count);
        return received;
    }

    private static List<Integer> range(int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }
}
