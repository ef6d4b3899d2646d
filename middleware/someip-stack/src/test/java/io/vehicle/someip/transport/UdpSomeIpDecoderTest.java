package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** UdpSomeIpDecoder in an EmbeddedChannel: datagrams in, addressed SOME/IP messages out. */
class UdpSomeIpDecoderTest {

    static final InetSocketAddress SENDER = new InetSocketAddress("192.0.2.1", 30501);
    static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.2", 30509);

    InboundErrors errors;
    EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        errors = new InboundErrors();
        channel = new EmbeddedChannel(new UdpSomeIpDecoder(errors));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    static SomeIpMessage message(int method, int session, int payloadSize) {
        byte[] payload = new byte[payloadSize];
        for (int i = 0; i < payloadSize; i++) {
            payload[i] = (byte) (session + i);
        }
        return SomeIpMessage.builder(0x1234, method, MessageType.REQUEST).clientId(0x0042).sessionId(session)
                .interfaceVersion(1).payload(Unpooled.wrappedBuffer(payload)).build();
    }

    /** The encoded bytes of the messages, which are released. */
    static ByteBuf bytes(SomeIpMessage... messages) {
        ByteBuf out = Unpooled.buffer();
        for (SomeIpMessage m : messages) {
            SomeIpCodec.encode(m, out);
            m.release();
        }
        return out;
    }

    void receive(ByteBuf datagram) {
        channel.writeInbound(new DatagramPacket(datagram, LOCAL, SENDER));
        channel.checkException();
    }

    List<SomeIpMessage> delivered() {
        List<SomeIpMessage> out = new ArrayList<>();
        Object read;
        while ((read = channel.readInbound()) != null) {
            @SuppressWarnings("unchecked")
            AddressedEnvelope<SomeIpMessage, InetSocketAddress> envelope =
                    (AddressedEnvelope<SomeIpMessage, InetSocketAddress>) read;
            assertThat(envelope.sender()).isEqualTo(SENDER);
            assertThat(envelope.recipient()).isEqualTo(LOCAL);
            out.add(envelope.content());
        }
        return out;
    }

    static void releaseAll(List<SomeIpMessage> messages) {
        messages.forEach(SomeIpMessage::release);
    }

    @Test
    @DisplayName("feat_req_someip_319/702/584: several messages in one datagram are split by their length fields")
    void splitsSeveralMessagesPerDatagram() {
        receive(bytes(message(1, 1, 0), message(2, 2, 3), message(3, 3, 1400)));
        List<SomeIpMessage> got = delivered();
        try {
            assertThat(got).extracting(SomeIpMessage::methodId).containsExactly(1, 2, 3);
            assertThat(got).extracting(m -> m.payload().readableBytes()).containsExactly(0, 3, 1400);
            assertThat(ByteBufUtil.hexDump(got.get(1).payload())).isEqualTo("020304");
            assertThat(errors.total()).isZero();
        } finally {
            releaseAll(got);
        }
    }

    @Test
    @DisplayName("feat_req_someip_798: a length below 8 is counted as LENGTH_TOO_SMALL and ends the datagram; nothing thrown")
    void lengthBelowEightIsCountedAndDropped() {
        ByteBuf datagram = bytes(message(1, 1, 2));
        ByteBuf bad = bytes(message(2, 2, 4));
        bad.setInt(4, 7);
        datagram.writeBytes(bad);
        bad.release();
        datagram.writeBytes(bytes(message(3, 3, 0)));
        receive(datagram);
        List<SomeIpMessage> got = delivered();
        try {
            assertThat(got).extracting(SomeIpMessage::methodId).containsExactly(1);
            assertThat(errors.count(WireError.LENGTH_TOO_SMALL)).isEqualTo(1);
            assertThat(errors.total()).isEqualTo(1);
        } finally {
            releaseAll(got);
        }
    }

    @Test
    @DisplayName("feat_req_someip_319: a length beyond the datagram is counted as LENGTH_BEYOND_DATAGRAM; earlier messages kept")
    void lengthBeyondDatagramIsCounted() {
        ByteBuf datagram = bytes(message(1, 1, 2), message(2, 2, 4));
        datagram.setInt(18 + 4, 8 + 5); // second message claims one byte more than the datagram has
        receive(datagram);
        List<SomeIpMessage> got = delivered();
        try {
            assertThat(got).extracting(SomeIpMessage::methodId).containsExactly(1);
            assertThat(errors.count(WireError.LENGTH_BEYOND_DATAGRAM)).isEqualTo(1);
            assertThat(errors.total()).isEqualTo(1);
        } finally {
            releaseAll(got);
        }
    }

    @Test
    @DisplayName("feat_req_someip_718: trailing bytes too short for a header are counted as TRUNCATED_HEADER")
    void trailingBytesAreATruncatedHeader() {
        ByteBuf datagram = bytes(message(1, 1, 0));
        datagram.writeZero(9);
        receive(datagram);
        List<SomeIpMessage> got = delivered();
        try {
            assertThat(got).hasSize(1);
            assertThat(errors.count(WireError.TRUNCATED_HEADER)).isEqualTo(1);
        } finally {
            releaseAll(got);
        }
    }

    @Test
    @DisplayName("feat_req_someip_95: a message of unknown type is skipped by its length; the next one is delivered")
    void unknownMessageTypeIsSkipped() {
        ByteBuf datagram = bytes(message(1, 1, 2), message(2, 2, 5), message(3, 3, 1));
        datagram.setByte(18 + SomeIpCodec.MESSAGE_TYPE_OFFSET, 0x03);
        receive(datagram);
        List<SomeIpMessage> got = delivered();
        try {
            assertThat(got).extracting(SomeIpMessage::methodId).containsExactly(1, 3);
            assertThat(errors.count(WireError.UNKNOWN_MESSAGE_TYPE)).isEqualTo(1);
        } finally {
            releaseAll(got);
        }
    }

    @Test
    @DisplayName("feat_req_someip_798: a datagram of garbage delivers nothing, is counted, and releases its buffer")
    void garbageDatagramIsCountedAndReleased() {
        ByteBuf garbage = Unpooled.buffer().writeZero(40);
        receive(garbage);
        assertThat(delivered()).isEmpty();
        assertThat(errors.count(WireError.LENGTH_TOO_SMALL)).isEqualTo(1);
        assertThat(garbage.refCnt()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_318: a message without SOME/IP-TP over the maximum size is counted and skipped; "
            + "the messages around it and a TP segment of any announced size are not")
    void oversizedNonTpMessageIsCounted() {
        EmbeddedChannel bounded = new EmbeddedChannel(new UdpSomeIpDecoder(errors, 1416));
        try {
            ByteBuf datagram = bytes(message(1, 1, 8), message(2, 2, 1401), message(3, 3, 8));
            bounded.writeInbound(new DatagramPacket(datagram, LOCAL, SENDER));
            // A datagram cut short by the receive buffer: the header still says how large the message was.
            ByteBuf cut = bytes(message(4, 4, 4000)).capacity(2048);
            bounded.writeInbound(new DatagramPacket(cut, LOCAL, SENDER));
            SomeIpMessage segment = SomeIpMessage.builder(0x1234, 5, MessageType.TP_REQUEST).clientId(0x42)
                    .sessionId(5).interfaceVersion(1).payload(Unpooled.wrappedBuffer(new byte[1404])).build();
            bounded.writeInbound(new DatagramPacket(bytes(segment), LOCAL, SENDER));
            List<Integer> methods = new ArrayList<>();
            Object read;
            while ((read = bounded.readInbound()) != null) {
                @SuppressWarnings("unchecked")
                SomeIpMessage m = ((AddressedEnvelope<SomeIpMessage, InetSocketAddress>) read).content();
                methods.add(m.methodId());
                m.release();
            }
            assertThat(methods).containsExactly(1, 3, 5);
            assertThat(errors.count(WireError.LENGTH_OVER_MAXIMUM)).isEqualTo(2);
            assertThat(errors.total()).isEqualTo(2);
        } finally {
            bounded.finishAndReleaseAll();
        }
    }
}
