package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Events for a TCP subscriber sent before the server has accepted its connection (the server's SD can
 * take the Subscribe first, and a field's initial value leaves right after the Ack): they wait for the
 * connection and arrive first, in order; for a connection that never comes they are dropped and counted.
 */
class TcpEventsBeforeAcceptTest {

    static final int SERVICE = 0x3232;
    static final int EVENT = 0x8001;

    static SomeIpMessage event(int value) {
        return SomeIpMessage.builder(SERVICE, EVENT, MessageType.NOTIFICATION).interfaceVersion(1)
                .payload(Unpooled.buffer(4).writeInt(value)).build();
    }

    @Test
    @DisplayName("feat_req_someipsd_691: events sent to a TCP subscriber before its connection is accepted arrive "
            + "when it comes, before later ones and in order")
    void eventsWaitForTheConnection() throws Exception {
        try (SomeIpRuntime runtime = new SomeIpRuntime(1);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", -1, 0, EndpointOptions.defaults());
             Socket subscriber = new Socket()) {
            subscriber.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress peer = (InetSocketAddress) subscriber.getLocalSocketAddress();
            for (int value = 1; value <= 3; value++) {
                assertThat(server.sendTcpInOrder(event(value), peer)).isTrue();
            }
            subscriber.setSoTimeout(10_000);
            subscriber.connect(server.tcpAddress());
            Await.until("the connection is accepted", Duration.ofSeconds(10), () -> server.tcpConnections().size() == 1);
            assertThat(server.sendTcpInOrder(event(4), peer)).isTrue();
            assertThat(readEvents(subscriber, 4)).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    @DisplayName("events for a TCP subscriber whose connection never comes are dropped after the wait and counted")
    void noConnectionDropsAndCounts() throws Exception {
        EndpointOptions options = EndpointOptions.defaults();
        try (SomeIpRuntime runtime = new SomeIpRuntime(1);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", -1, 0, options)) {
            InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", 9);
            server.sendTcpInOrder(event(1), nobody);
            server.sendTcpInOrder(event(2), nobody);
            Await.until("the events are given up", Duration.ofSeconds(20),
                    () -> options.refusals().count(EndpointRefusal.EVENT_DROPPED_NO_CONNECTION) == 1);
        }
    }

    /** The payloads of the next {@code count} notifications on the connection, Magic Cookies skipped. */
    private static List<Integer> readEvents(Socket socket, int count) throws Exception {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<Integer> values = new ArrayList<>();
        while (values.size() < count) {
            byte[] header = new byte[16];
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header);
            byte[] payload = new byte[h.getInt(4) - 8];
            in.readFully(payload);
            if ((h.getShort(0) & 0xFFFF) == 0xFFFF) {
                continue; // a Magic Cookie
            }
            assertThat(h.getShort(0) & 0xFFFF).isEqualTo(SERVICE);
            assertThat(h.getShort(2) & 0xFFFF).isEqualTo(EVENT);
            values.add(ByteBuffer.wrap(payload).getInt());
        }
        return values;
    }
}
