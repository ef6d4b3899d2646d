package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A UDP server's reads on each transport ({@link io.vehicle.someip.transport.DatagramReads}: one datagram
 * per wake-up while they come one at a time, the socket drained in a burst): a burst of many more
 * datagrams than one wake-up reads is answered in full, each request with its own payload; requests one
 * at a time before and after a burst are all answered; the largest message allowed without SOME/IP-TP
 * arrives whole behind a small one, and so does a larger one when the maximum is raised. (Answers may
 * share a datagram: all are read.)
 */
class UdpBurstTest {

    static final int SERVICE = 0x5153;
    static final int ECHO = 0x0001;
    /** Answers the payload's length and CRC-32 (an echo of a 1400-byte payload would come back in TP segments). */
    static final int DIGEST = 0x0002;

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("feat_req_someip_32: a burst of 200 requests in the socket at once is answered in full, each with "
            + "its own payload")
    void burstLargerThanOneRead(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 1);
             SomeIpServer server = echoServer(runtime, EndpointOptions.defaults());
             DatagramSocket bench = bench()) {
            int burst = 200;
            for (int i = 0; i < burst; i++) {
                send(bench, server, ECHO, i + 1, ByteBuffer.allocate(8).putInt(i).putInt(~i).array());
            }
            Map<Integer, byte[]> answers = receive(bench, burst);
            for (int i = 0; i < burst; i++) {
                assertThat(ByteBuffer.wrap(answers.get(i + 1)).getInt()).as("answer to request %d", i).isEqualTo(i);
                assertThat(ByteBuffer.wrap(answers.get(i + 1)).getInt(4)).isEqualTo(~i);
            }
        }
    }

    @Test
    @DisplayName("feat_req_someip_584: 20 requests in one datagram are answered in two: the first at once, the "
            + "other 19 packed together when the read ends")
    void answersToOneReadShareADatagram() throws Exception {
        try (SomeIpRuntime runtime = new SomeIpRuntime(1);
             SomeIpServer server = echoServer(runtime, EndpointOptions.defaults());
             DatagramSocket bench = bench()) {
            int requests = 20;
            ByteBuf wire = Unpooled.buffer();
            for (int i = 0; i < requests; i++) {
                writeRequest(wire, ECHO, i + 1, new byte[] {(byte) i});
            }
            bench.send(new DatagramPacket(wire.array(), wire.readableBytes(), server.udpAddress()));
            wire.release();
            byte[] buffer = new byte[65_535];
            int[] messagesPerDatagram = new int[2];
            for (int d = 0; d < 2; d++) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                bench.receive(packet);
                ByteBuffer datagram = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
                for (int at = 0; at + 16 <= packet.getLength(); at += 8 + datagram.getInt(at + 4)) {
                    messagesPerDatagram[d]++;
                }
            }
            assertThat(messagesPerDatagram).as("answers in the first and second datagram").containsExactly(1, 19);
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("requests one at a time, then a burst, then one at a time again: every one is answered (a "
            + "datagram left in the socket after a read wakes the event loop again)")
    void oneAtATimeAroundABurst(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 1);
             SomeIpServer server = echoServer(runtime, EndpointOptions.defaults());
             DatagramSocket bench = bench()) {
            int session = 1;
            for (int i = 0; i < 50; i++, session++) {
                send(bench, server, ECHO, session, new byte[] {(byte) i});
                assertThat(receive(bench, 1)).as("answer %d, one at a time", i).containsOnlyKeys(session);
            }
            int burstStart = session;
            for (int i = 0; i < 100; i++, session++) {
                send(bench, server, ECHO, session, new byte[] {(byte) i});
            }
            assertThat(receive(bench, 100).keySet()).as("the burst")
                    .containsExactlyInAnyOrderElementsOf(range(burstStart, session));
            for (int i = 0; i < 50; i++, session++) {
                send(bench, server, ECHO, session, new byte[] {(byte) i});
                assertThat(receive(bench, 1)).as("answer %d after the burst", i).containsOnlyKeys(session);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("feat_req_someip_318: a message of the largest size without SOME/IP-TP (1416 bytes) arrives whole")
    void largestMessage(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 1);
             SomeIpServer server = echoServer(runtime, EndpointOptions.defaults());
             DatagramSocket bench = bench()) {
            byte[] payload = new byte[EndpointOptions.DEFAULT_MAX_UDP_MESSAGE - 16];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 7);
            }
            send(bench, server, ECHO, 1, new byte[] {1, 2, 3}); // first, so the big one is not first in a buffer
            send(bench, server, DIGEST, 2, payload);
            Map<Integer, byte[]> answers = receive(bench, 2);
            assertThat(answers.get(1)).containsExactly(1, 2, 3);
            CRC32 crc = new CRC32();
            crc.update(payload);
            assertThat(ByteBuffer.wrap(answers.get(2)).getInt()).as("length received").isEqualTo(payload.length);
            assertThat(ByteBuffer.wrap(answers.get(2)).getInt(4)).as("CRC-32 received").isEqualTo((int) crc.getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("with the UDP maximum raised to 9,000 bytes, a 6,000-byte message arrives whole (not cut to a "
            + "receive buffer of 2,048 bytes)")
    void raisedMaximum(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        EndpointOptions options = EndpointOptions.defaults().withMaxUdpMessageSize(9000);
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 1);
             SomeIpServer server = echoServer(runtime, options);
             DatagramSocket bench = bench()) {
            byte[] payload = new byte[6000 - 16];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 13);
            }
            send(bench, server, DIGEST, 1, payload);
            Map<Integer, byte[]> answers = receive(bench, 1);
            CRC32 crc = new CRC32();
            crc.update(payload);
            assertThat(ByteBuffer.wrap(answers.get(1)).getInt()).as("length received").isEqualTo(payload.length);
            assertThat(ByteBuffer.wrap(answers.get(1)).getInt(4)).as("CRC-32 received").isEqualTo((int) crc.getValue());
            assertThat(server.inboundErrors().total()).isZero();
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }

    private static SomeIpServer echoServer(SomeIpRuntime runtime, EndpointOptions options) {
        SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, -1, options);
        server.register(ServiceDefinition.builder(SERVICE, 1, 1)
                .method(ECHO, request -> CompletableFuture.completedFuture(request.payload().retainedDuplicate()))
                .method(DIGEST, request -> {
                    CRC32 crc = new CRC32();
                    crc.update(request.payload().nioBuffer());
                    return CompletableFuture.completedFuture(Unpooled.buffer(8)
                            .writeInt(request.payload().readableBytes()).writeInt((int) crc.getValue()));
                }).build());
        return server;
    }

    private static DatagramSocket bench() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        socket.setSoTimeout(10_000);
        socket.setReceiveBufferSize(1 << 20);
        return socket;
    }

    private static void send(DatagramSocket bench, SomeIpServer server, int method, int session, byte[] payload)
            throws Exception {
        ByteBuf wire = Unpooled.buffer(16 + payload.length);
        writeRequest(wire, method, session, payload);
        bench.send(new DatagramPacket(wire.array(), wire.readableBytes(), server.udpAddress()));
        wire.release();
    }

    private static void writeRequest(ByteBuf wire, int method, int session, byte[] payload) {
        wire.writeShort(SERVICE).writeShort(method).writeInt(8 + payload.length).writeShort(0x0042).writeShort(session)
                .writeByte(1).writeByte(1).writeByte(MessageType.REQUEST.value()).writeByte(0).writeBytes(payload);
    }

    /** The payloads of the first {@code count} answers by session, every message of every datagram read. */
    private static Map<Integer, byte[]> receive(DatagramSocket bench, int count) throws Exception {
        Map<Integer, byte[]> answers = new HashMap<>();
        byte[] buffer = new byte[65_535];
        while (answers.size() < count) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            bench.receive(packet);
            ByteBuffer datagram = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
            for (int at = 0; at + 16 <= packet.getLength(); at += 8 + datagram.getInt(at + 4)) {
                assertThat(datagram.get(at + 14)).as("message type").isEqualTo((byte) MessageType.RESPONSE.value());
                byte[] payload = new byte[datagram.getInt(at + 4) - 8];
                datagram.get(at + 16, payload);
                answers.put(datagram.getShort(at + 10) & 0xFFFF, payload);
            }
        }
        return answers;
    }
}
