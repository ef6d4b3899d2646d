package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A UDP client takes answers and notifications only from the server it talks to; a host that sends
 * forged ones to the client's port gets them counted, not delivered.
 */
class ClientSourceCheckTest {

    static final int SERVICE = 0x2424;
    static final int SLOW = 0x0001;
    static final int EVENT = 0x8001;

    static byte[] message(int method, int client, int session, int type, int value) {
        return ByteBuffer.allocate(20).putShort((short) SERVICE).putShort((short) method).putInt(12)
                .putShort((short) client).putShort((short) session).put((byte) 1).put((byte) 1).put((byte) type)
                .put((byte) 0).putInt(value).array();
    }

    @Test
    @DisplayName("feat_req_someip_49, feat_req_someipsd_850: a forged response and forged notifications from "
            + "another source are dropped and counted; the server's own answer completes the call")
    void onlyTheServerIsHeard() throws Exception {
        EndpointOptions options = EndpointOptions.defaults();
        CompletableFuture<io.netty.buffer.ByteBuf> answer = new CompletableFuture<>();
        List<Integer> notified = new CopyOnWriteArrayList<>();
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, -1, options);
             SomeIpClient client = SomeIpClient.udp(runtime, server.udpAddress(), 0x0101, options);
             DatagramSocket forger = new DatagramSocket(new InetSocketAddress("127.0.0.66", 0))) {
            server.register(ServiceDefinition.builder(SERVICE, 1, 1).method(SLOW, request -> answer).build());
            client.onNotification(m -> {
                notified.add(m.payload().getInt(m.payload().readerIndex()));
                m.release();
            });
            CompletableFuture<SomeIpMessage> call = client.request(SomeIpMessage.builder(SERVICE, SLOW,
                    MessageType.REQUEST).interfaceVersion(1).payload(Unpooled.buffer(0)).build());
            // The forger guesses the request id (client 0x0101, first session) and forges the answer.
            InetSocketAddress target = client.localAddress();
            byte[] forgedAnswer = message(SLOW, 0x0101, 1, 0x80, 666);
            forger.send(new DatagramPacket(forgedAnswer, forgedAnswer.length, target));
            for (int i = 0; i < 100; i++) {
                byte[] forgedEvent = message(EVENT, 0, i + 1, 0x02, 0xF0000000 + i);
                forger.send(new DatagramPacket(forgedEvent, forgedEvent.length, target));
            }
            Await.until("101 forged messages counted", Duration.ofSeconds(10),
                    () -> options.refusals().count(EndpointRefusal.SOURCE_NOT_PEER) == 101);
            assertThat(call).isNotDone();
            answer.complete(Unpooled.buffer(4).writeInt(7));
            SomeIpMessage response = call.get(10, TimeUnit.SECONDS);
            try {
                assertThat(response.payload().getInt(response.payload().readerIndex())).isEqualTo(7);
            } finally {
                response.release();
            }
            assertThat(notified).isEmpty();
        }
    }
}
