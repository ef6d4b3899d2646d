package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TcpSomeIpEncoder with an injected clock: when Magic Cookies are written. */
class TcpSomeIpEncoderTest {

    static final String CLIENT_COOKIE = "ffff000000000008deadbeef01010100";
    static final String SERVER_COOKIE = "ffff800000000008deadbeef01010200";

    final AtomicLong now = new AtomicLong(1_000);

    static SomeIpMessage message(int session) {
        return SomeIpMessage.builder(0x1234, 0x0001, MessageType.REQUEST).clientId(0x42).sessionId(session)
                .payload(Unpooled.wrappedBuffer(new byte[] {(byte) session})).build();
    }

    static String messageHex(int session) {
        // service, method, length 9, client, session, protocol 1, interface 0, REQUEST, E_OK, payload
        return String.format("1234" + "0001" + "00000009" + "0042" + "%04x" + "01" + "00" + "00" + "00" + "%02x",
                session, session & 0xFF);
    }

    /** Writes one message and returns the bytes written for it. */
    static String send(EmbeddedChannel channel, int session) {
        channel.writeAndFlush(message(session));
        ByteBuf out = channel.readOutbound();
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    @Test
    @DisplayName("feat_req_someip_593/594: a cookie before the first message, then once per interval while messages flow")
    void cookieFirstThenPerInterval() {
        EmbeddedChannel channel = new EmbeddedChannel(new TcpSomeIpEncoder(false, 10_000, now::get));
        assertThat(send(channel, 1)).isEqualTo(CLIENT_COOKIE + messageHex(1));
        now.addAndGet(9_999);
        assertThat(send(channel, 2)).isEqualTo(messageHex(2));
        now.addAndGet(1);
        assertThat(send(channel, 3)).isEqualTo(CLIENT_COOKIE + messageHex(3));
        now.addAndGet(5_000);
        assertThat(send(channel, 4)).isEqualTo(messageHex(4));
        now.addAndGet(50_000);
        assertThat(send(channel, 5)).isEqualTo(CLIENT_COOKIE + messageHex(5));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    @DisplayName("feat_req_someip_609: a server writes the server-to-client cookie")
    void serverWritesServerCookie() {
        EmbeddedChannel channel = new EmbeddedChannel(new TcpSomeIpEncoder(true, 10_000, now::get));
        assertThat(send(channel, 1)).isEqualTo(SERVER_COOKIE + messageHex(1));
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("feat_req_someip_591: interval 0 puts a cookie before every message")
    void intervalZeroCookieEveryMessage() {
        EmbeddedChannel channel = new EmbeddedChannel(new TcpSomeIpEncoder(true, 0, now::get));
        for (int session = 1; session <= 3; session++) {
            assertThat(send(channel, session)).isEqualTo(SERVER_COOKIE + messageHex(session));
        }
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("feat_req_someip_586: a negative interval disables cookies")
    void negativeIntervalNeverSendsCookies() {
        EmbeddedChannel channel = new EmbeddedChannel(new TcpSomeIpEncoder(false, -1, now::get));
        for (int session = 1; session <= 3; session++) {
            now.addAndGet(Long.MAX_VALUE / 8);
            assertThat(send(channel, session)).isEqualTo(messageHex(session));
        }
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("feat_req_someip_594: the default interval is 10 seconds")
    void defaultIntervalIsTenSeconds() {
        assertThat(TcpSomeIpEncoder.DEFAULT_COOKIE_INTERVAL_NANOS).isEqualTo(10_000_000_000L);
    }

    @Test
    @DisplayName("feat_req_someip_586/585: what the encoder writes, the frame decoder reads back without the cookies")
    void roundTripThroughFrameDecoder() {
        EmbeddedChannel writer = new EmbeddedChannel(new TcpSomeIpEncoder(true, 0, now::get));
        InboundErrors errors = new InboundErrors();
        EmbeddedChannel reader = new EmbeddedChannel(new TcpSomeIpFrameDecoder(1024, errors));
        for (int session = 1; session <= 3; session++) {
            writer.writeAndFlush(message(session));
        }
        ByteBuf out;
        while ((out = writer.readOutbound()) != null) {
            assertThat(MagicCookie.isAt(out, out.readerIndex())).isTrue();
            reader.writeInbound(out);
        }
        for (int session = 1; session <= 3; session++) {
            SomeIpMessage m = reader.readInbound();
            try {
                assertThat(m.sessionId()).isEqualTo(session);
                assertThat(m.payload().readableBytes()).isEqualTo(1);
            } finally {
                m.release();
            }
        }
        assertThat((Object) reader.readInbound()).isNull();
        assertThat(errors.total()).isZero();
        writer.finishAndReleaseAll();
        reader.finishAndReleaseAll();
    }
}
