package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TcpSomeIpFrameDecoder in an EmbeddedChannel: framing, Magic Cookies, resynchronisation. */
class TcpSomeIpFrameDecoderTest {

    static final int MAX = 4096;

    InboundErrors errors;
    EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        errors = new InboundErrors();
        channel = new EmbeddedChannel(new TcpSomeIpFrameDecoder(MAX, errors));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    static byte[] encoded(int method, int payloadSize) {
        byte[] payload = new byte[payloadSize];
        for (int i = 0; i < payloadSize; i++) {
            payload[i] = (byte) (method * 16 + i);
        }
        SomeIpMessage m = SomeIpMessage.builder(0x1234, method, MessageType.RESPONSE).clientId(0x42)
                .sessionId(method).payload(Unpooled.wrappedBuffer(payload)).build();
        ByteBuf out = Unpooled.buffer();
        SomeIpCodec.encode(m, out);
        m.release();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    static byte[] cookie(boolean fromServer) {
        return ByteBufUtil.getBytes(MagicCookie.of(fromServer));
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.buffer();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        byte[] bytes = ByteBufUtil.getBytes(all);
        all.release();
        return bytes;
    }

    void feed(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.checkException();
    }

    void feedByteByByte(byte[] bytes) {
        for (byte b : bytes) {
            feed(new byte[] {b});
        }
    }

    List<SomeIpMessage> delivered() {
        List<SomeIpMessage> out = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            out.add((SomeIpMessage) o);
        }
        return out;
    }

    /** Method ids of the delivered messages, which are checked against their payload and released. */
    List<Integer> deliveredMethods() {
        List<Integer> ids = new ArrayList<>();
        for (SomeIpMessage m : delivered()) {
            try {
                ids.add(m.methodId());
                assertThat(m.payload().readableBytes() == 0 || m.payload().getByte(m.payload().readerIndex())
                        == (byte) (m.methodId() * 16)).as("payload of %s intact", m).isTrue();
            } finally {
                m.release();
            }
        }
        return ids;
    }

    @Test
    @DisplayName("feat_req_someip_585/325: a message fed one byte at a time is delivered once, whole")
    void framesAcrossPartialReads() {
        byte[] bytes = concat(encoded(1, 7), encoded(2, 0));
        for (int i = 0; i < bytes.length - 1; i++) {
            feed(new byte[] {bytes[i]});
            if (i < 22) {
                assertThat(delivered()).as("nothing before byte 23").isEmpty();
            }
        }
        assertThat(deliveredMethods()).containsExactly(1);
        feed(new byte[] {bytes[bytes.length - 1]});
        assertThat(deliveredMethods()).containsExactly(2);
        assertThat(errors.total()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_702: several messages in one read are all delivered, in order")
    void severalMessagesPerRead() {
        feed(concat(encoded(1, 3), encoded(2, 0), encoded(3, 100), encoded(4, 1)));
        assertThat(deliveredMethods()).containsExactly(1, 2, 3, 4);
    }

    @Test
    @DisplayName("feat_req_someip_702: a read ending mid-message keeps the rest for the next read")
    void readsSplitMidMessage() {
        byte[] bytes = concat(encoded(1, 3), encoded(2, 40));
        feed(java.util.Arrays.copyOfRange(bytes, 0, 30));
        assertThat(deliveredMethods()).containsExactly(1);
        feed(java.util.Arrays.copyOfRange(bytes, 30, bytes.length));
        assertThat(deliveredMethods()).containsExactly(2);
    }

    @Test
    @DisplayName("maximum message size: a message exactly at the maximum is delivered")
    void messageAtMaximumIsDelivered() {
        feed(encoded(1, MAX - 16));
        assertThat(deliveredMethods()).containsExactly(1);
        assertThat(errors.total()).isZero();
    }

    @Test
    @DisplayName("maximum message size: a length over the maximum is counted as LENGTH_OVER_MAXIMUM and its bytes skipped")
    void lengthOverMaximumIsCountedAndSkipped() {
        byte[] tooBig = encoded(1, MAX - 15);
        feed(tooBig);
        assertThat(delivered()).isEmpty();
        assertThat(errors.count(WireError.LENGTH_OVER_MAXIMUM)).isEqualTo(1);
        assertThat(errors.count(WireError.STREAM_GARBAGE)).isPositive();
        // feat_req_someip_586: the stream recovers at the next cookie.
        feed(concat(cookie(true), encoded(2, 1)));
        assertThat(deliveredMethods()).containsExactly(2);
    }

    @Test
    @DisplayName("feat_req_someip_586/609: cookies of both directions are recognised and dropped, not delivered")
    void cookiesOfBothDirectionsAreDropped() {
        feed(concat(cookie(false), encoded(1, 2), cookie(true), encoded(2, 0), cookie(false)));
        assertThat(deliveredMethods()).containsExactly(1, 2);
        assertThat(errors.total()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_586: a cookie fed one byte at a time is still recognised")
    void cookieByteByByte() {
        feedByteByByte(concat(cookie(false), encoded(1, 0)));
        assertThat(deliveredMethods()).containsExactly(1);
        assertThat(errors.total()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_586: garbage, then a cookie, then a message: the message is delivered, garbage counted")
    void resynchronisesAfterGarbage() {
        byte[] garbage = new byte[37];
        java.util.Arrays.fill(garbage, (byte) 0xA5); // length field 0xA5A5A5A5: over the maximum
        feed(concat(garbage, cookie(true), encoded(1, 4), encoded(2, 0)));
        assertThat(deliveredMethods()).containsExactly(1, 2);
        assertThat(errors.count(WireError.LENGTH_OVER_MAXIMUM)).isEqualTo(1);
        assertThat(errors.count(WireError.STREAM_GARBAGE)).isPositive();
    }

    @Test
    @DisplayName("feat_req_someip_798/586: a length below 8 loses the framing; decoding resumes at the next cookie")
    void lengthBelowEightResynchronises() {
        byte[] bad = encoded(1, 4);
        bad[7] = 4; // length 4
        feed(concat(bad, encoded(2, 0)));
        assertThat(delivered()).as("the message after the bad length cannot be trusted").isEmpty();
        assertThat(errors.count(WireError.LENGTH_TOO_SMALL)).isEqualTo(1);
        feed(concat(cookie(false), encoded(3, 0)));
        assertThat(deliveredMethods()).containsExactly(3);
    }

    @Test
    @DisplayName("feat_req_someip_586: garbage without a cookie delivers nothing and is counted as STREAM_GARBAGE")
    void garbageWithoutCookieDeliversNothing() {
        byte[] garbage = new byte[200];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        feed(garbage);
        feed(garbage);
        feed(encoded(1, 0)); // a message without a preceding cookie is not trusted while resynchronising
        assertThat(delivered()).isEmpty();
        assertThat(errors.count(WireError.STREAM_GARBAGE)).isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("feat_req_someip_586: a cookie split across reads while resynchronising is found")
    void cookieSplitAcrossReadsDuringResync() {
        byte[] garbage = new byte[50];
        java.util.Arrays.fill(garbage, (byte) 0xEE);
        byte[] c = cookie(true);
        feed(concat(garbage, java.util.Arrays.copyOfRange(c, 0, 9)));
        assertThat(delivered()).isEmpty();
        feed(concat(java.util.Arrays.copyOfRange(c, 9, 16), encoded(1, 2)));
        assertThat(deliveredMethods()).containsExactly(1);
        assertThat(errors.count(WireError.STREAM_GARBAGE)).isPositive();
    }

    @Test
    @DisplayName("feat_req_someip_95: a message of unknown type is skipped by its length without losing the framing")
    void unknownTypeSkippedByLength() {
        byte[] unknown = encoded(1, 6);
        unknown[SomeIpCodec.MESSAGE_TYPE_OFFSET] = 0x40;
        feed(concat(unknown, encoded(2, 1)));
        assertThat(deliveredMethods()).containsExactly(2);
        assertThat(errors.count(WireError.UNKNOWN_MESSAGE_TYPE)).isEqualTo(1);
        assertThat(errors.count(WireError.STREAM_GARBAGE)).isZero();
    }

    @Test
    @DisplayName("a connection holding a partial message past the frame timeout is closed and counted; "
            + "one whose messages keep completing is not")
    void partialFrameTimesOut() {
        RefusalCounter<EndpointRefusal> refusals = RefusalCounter.of(EndpointRefusal.class,
                org.slf4j.LoggerFactory.getLogger(TcpSomeIpFrameDecoderTest.class));
        EmbeddedChannel timed = new EmbeddedChannel(new TcpSomeIpFrameDecoder(MAX, errors, 1_000, refusals, null));
        try {
            byte[] first = encoded(1, 40);
            byte[] second = encoded(2, 40);
            timed.writeInbound(Unpooled.wrappedBuffer(first, 0, 30));
            timed.advanceTimeBy(900, java.util.concurrent.TimeUnit.MILLISECONDS);
            timed.runScheduledPendingTasks();
            // The first message completes and the second starts: the deadline starts afresh.
            timed.writeInbound(Unpooled.wrappedBuffer(concat(java.util.Arrays.copyOfRange(first, 30, first.length),
                    java.util.Arrays.copyOfRange(second, 0, 10))));
            timed.advanceTimeBy(900, java.util.concurrent.TimeUnit.MILLISECONDS);
            timed.runScheduledPendingTasks();
            assertThat(timed.isOpen()).isTrue();
            assertThat(refusals.total()).isZero();
            timed.advanceTimeBy(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            timed.runScheduledPendingTasks();
            assertThat(timed.isOpen()).as("closed one second after the second message started").isFalse();
            assertThat(refusals.count(EndpointRefusal.TCP_FRAME_TIMEOUT)).isEqualTo(1);
            SomeIpMessage got = timed.readInbound();
            assertThat(got.methodId()).isEqualTo(1);
            got.release();
        } finally {
            timed.finishAndReleaseAll();
        }
    }
}
