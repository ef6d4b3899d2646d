package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** UdpSomeIpEncoder in an EmbeddedChannel: packing of writes between flushes into datagrams. */
class UdpSomeIpEncoderTest {

    static final InetSocketAddress PEER_A = new InetSocketAddress("192.0.2.10", 30501);
    static final InetSocketAddress PEER_B = new InetSocketAddress("192.0.2.11", 30501);

    static DefaultAddressedEnvelope<SomeIpMessage, InetSocketAddress> to(InetSocketAddress peer, int method,
                                                                         int payloadSize) {
        SomeIpMessage message = SomeIpMessage.builder(0x1234, method, MessageType.NOTIFICATION).sessionId(method)
                .payload(Unpooled.wrappedBuffer(new byte[payloadSize])).build();
        return new DefaultAddressedEnvelope<>(message, peer);
    }

    static List<DatagramPacket> written(EmbeddedChannel channel) {
        List<DatagramPacket> out = new ArrayList<>();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            out.add((DatagramPacket) o);
        }
        return out;
    }

    /** Method ids of the messages in a datagram, decoded with the codec (the datagram is not released). */
    static List<Integer> methods(DatagramPacket packet) throws WireFormatException {
        ByteBuf in = packet.content().duplicate();
        List<Integer> ids = new ArrayList<>();
        while (in.isReadable()) {
            SomeIpMessage m = SomeIpCodec.decode(in);
            ids.add(m.methodId());
            m.release();
        }
        return ids;
    }

    static void release(List<DatagramPacket> packets) {
        packets.forEach(DatagramPacket::release);
    }

    @Test
    @DisplayName("feat_req_someip_702/741: messages written to one peer between flushes leave in one datagram")
    void packsWritesBetweenFlushes() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpEncoder(1416));
        ChannelFuture first = channel.write(to(PEER_A, 1, 10));
        ChannelFuture second = channel.write(to(PEER_A, 2, 0));
        ChannelFuture third = channel.write(to(PEER_A, 3, 5));
        assertThat(channel.outboundMessages()).as("nothing leaves before the flush").isEmpty();
        channel.flush();
        List<DatagramPacket> out = written(channel);
        try {
            assertThat(out).hasSize(1);
            assertThat(out.get(0).recipient()).isEqualTo(PEER_A);
            assertThat(methods(out.get(0))).containsExactly(1, 2, 3);
            assertThat(out.get(0).content().readableBytes()).isEqualTo(16 * 3 + 15);
            assertThat(first.isSuccess() && second.isSuccess() && third.isSuccess()).isTrue();
        } finally {
            release(out);
            channel.finishAndReleaseAll();
        }
    }

    @Test
    @DisplayName("feat_req_someip_584: each message keeps its own header; a flush per write gives a datagram per message")
    void flushPerWriteGivesDatagramPerMessage() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpEncoder(1416));
        channel.writeAndFlush(to(PEER_A, 1, 4));
        channel.writeAndFlush(to(PEER_A, 2, 4));
        List<DatagramPacket> out = written(channel);
        try {
            assertThat(out).hasSize(2);
            assertThat(methods(out.get(0))).containsExactly(1);
            assertThat(methods(out.get(1))).containsExactly(2);
        } finally {
            release(out);
            channel.finishAndReleaseAll();
        }
    }

    @Test
    @DisplayName("feat_req_someip_702: writes to different peers are packed per peer")
    void packsPerRecipient() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpEncoder(1416));
        channel.write(to(PEER_A, 1, 0));
        channel.write(to(PEER_B, 2, 0));
        channel.write(to(PEER_A, 3, 0));
        channel.flush();
        List<DatagramPacket> out = written(channel);
        try {
            assertThat(out).hasSize(2);
            assertThat(out).extracting(DatagramPacket::recipient).containsExactly(PEER_A, PEER_B);
            assertThat(methods(out.get(0))).containsExactly(1, 3);
            assertThat(methods(out.get(1))).containsExactly(2);
        } finally {
            release(out);
            channel.finishAndReleaseAll();
        }
    }

    @Test
    @DisplayName("feat_req_someip_318: a message that would pass the size bound starts a new datagram")
    void startsNewDatagramAtSizeBound() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpEncoder(60));
        channel.write(to(PEER_A, 1, 14)); // 30 bytes
        channel.write(to(PEER_A, 2, 14)); // 60: exactly the bound
        channel.write(to(PEER_A, 3, 0));  // 16: would pass it
        channel.write(to(PEER_A, 4, 100)); // 116: alone, over the bound, still sent
        channel.flush();
        List<DatagramPacket> out = written(channel);
        try {
            assertThat(out).hasSize(3);
            assertThat(methods(out.get(0))).containsExactly(1, 2);
            assertThat(out.get(0).content().readableBytes()).isEqualTo(60);
            assertThat(methods(out.get(1))).containsExactly(3);
            assertThat(methods(out.get(2))).containsExactly(4);
        } finally {
            release(out);
            channel.finishAndReleaseAll();
        }
    }

    @Test
    @DisplayName("feat_req_someip_702: the default bound is 1400 bytes of payload plus the header; other writes pass through")
    void defaultBoundAndPassThrough() {
        assertThat(UdpSomeIpEncoder.DEFAULT_MAX_DATAGRAM).isEqualTo(1416);
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpEncoder(1416));
        ByteBuf other = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        channel.writeAndFlush(other);
        Object out = channel.readOutbound();
        try {
            assertThat(out).isSameAs(other);
        } finally {
            other.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    @DisplayName("feat_req_someip_702: removing the encoder before a flush releases what it holds and fails the writes")
    void removalReleasesPendingWrites() {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpEncoder(1416));
        DefaultAddressedEnvelope<SomeIpMessage, InetSocketAddress> envelope = to(PEER_A, 1, 8);
        SomeIpMessage message = envelope.content();
        ChannelFuture write = channel.write(envelope);
        assertThat(message.refCnt()).as("the encoder copied and released the message").isZero();
        channel.pipeline().removeFirst();
        assertThat(write.isDone()).isTrue();
        assertThat(write.isSuccess()).isFalse();
        assertThat(write.cause()).isInstanceOf(IllegalStateException.class);
        channel.finishAndReleaseAll();
    }
}
