package io.vehicle.someip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SOME/IP header as SomeIpCodec writes and reads it, field by field, and its length rules. */
class WireHeaderLayoutTest {

    private static SomeIpMessage distinctFields(ByteBuf payload) {
        return SomeIpMessage.builder(0x0102, 0x0304, MessageType.ERROR).clientId(0x0506).sessionId(0x0708)
                .protocolVersion(0x01).interfaceVersion(0x0B).returnCode(0x0C).payload(payload).build();
    }

    @Test
    @DisplayName("feat_req_someip_45/44/42/675: every header field at its offset, big endian, in transmission order")
    void headerLayoutIsBigEndianInTransmissionOrder() {
        SomeIpMessage message = distinctFields(Unpooled.wrappedBuffer(new byte[] {0x0D, 0x0E}));
        ByteBuf out = Unpooled.buffer();
        try {
            SomeIpCodec.encode(message, out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(
                    "0102" + "0304" + "0000000a" + "0506" + "0708" + "01" + "0b" + "81" + "0c" + "0d0e");
        } finally {
            out.release();
            message.release();
        }
    }

    @Test
    @DisplayName("feat_req_someip_60/56/83: Message ID = Service ID << 16 | Method ID; Request ID = Client ID << 16 | Session ID")
    void messageIdAndRequestIdAreComposed() {
        SomeIpMessage message = distinctFields(Unpooled.EMPTY_BUFFER);
        assertThat(message.messageId()).isEqualTo(0x01020304);
        assertThat(message.requestId()).isEqualTo(0x05060708);
        SomeIpMessage max = SomeIpMessage.builder(0xFFFF, 0xFFFF, MessageType.NOTIFICATION).clientId(0xFFFF)
                .sessionId(0xFFFF).build();
        assertThat(max.messageId()).isEqualTo(0xFFFFFFFF);
        assertThat(max.requestId()).isEqualTo(0xFFFFFFFF);
    }

    @Test
    @DisplayName("feat_req_someip_67/625: method ids with the top bit set are event ids")
    void topBitMarksEvents() {
        assertThat(SomeIpMessage.builder(1, 0x7FFF, MessageType.REQUEST).build().isEventId()).isFalse();
        assertThat(SomeIpMessage.builder(1, 0x8000, MessageType.NOTIFICATION).build().isEventId()).isTrue();
    }

    @Test
    @DisplayName("feat_req_someip_539/543/546/92/90: ids are uint16 and versions uint8; out-of-range values are refused")
    void fieldRangesAreChecked() {
        assertThatThrownBy(() -> SomeIpMessage.builder(0x10000, 1, MessageType.REQUEST).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SomeIpMessage.builder(1, -1, MessageType.REQUEST).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SomeIpMessage.builder(1, 1, MessageType.REQUEST).sessionId(0x10000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SomeIpMessage.builder(1, 1, MessageType.REQUEST).interfaceVersion(0x100).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SomeIpMessage.builder(1, 1, MessageType.REQUEST).returnCode(0x100).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("feat_req_someip_90: a new message carries protocol version 0x01")
    void protocolVersionIsOne() {
        assertThat(SomeIpMessage.PROTOCOL_VERSION).isEqualTo(0x01);
        assertThat(SomeIpMessage.builder(1, 1, MessageType.REQUEST).build().protocolVersion()).isEqualTo(0x01);
    }

    @Test
    @DisplayName("feat_req_someip_77: Length covers Request ID to the end of the payload (8 + payload)")
    void lengthCoversRequestIdToEndOfPayload() {
        for (int size : new int[] {0, 1, 1400, 70_000}) {
            SomeIpMessage message = distinctFields(Unpooled.wrappedBuffer(new byte[size]));
            ByteBuf out = Unpooled.buffer();
            try {
                SomeIpCodec.encode(message, out);
                assertThat(out.getUnsignedInt(4)).isEqualTo(8L + size);
                assertThat(out.readableBytes()).isEqualTo(16 + size);
                assertThat(SomeIpCodec.announcedSize(out, 0)).isEqualTo(16L + size);
            } finally {
                out.release();
                message.release();
            }
        }
    }

    @Test
    @DisplayName("feat_req_someip_798: a length below 8 is refused (LENGTH_TOO_SMALL), nothing consumed")
    void lengthBelowEightIsRefused() {
        for (int length = 0; length < 8; length++) {
            ByteBuf in = header(length, 0x00, 32);
            try {
                assertThatThrownBy(() -> SomeIpCodec.decode(in)).isInstanceOf(WireFormatException.class)
                        .extracting(e -> ((WireFormatException) e).error()).isEqualTo(WireError.LENGTH_TOO_SMALL);
                assertThat(in.readerIndex()).isZero();
            } finally {
                in.release();
            }
        }
    }

    @Test
    @DisplayName("feat_req_someip_319/77: a length beyond the available bytes is refused (LENGTH_BEYOND_DATAGRAM)")
    void lengthBeyondAvailableBytesIsRefused() {
        ByteBuf in = header(8 + 5, 0x00, 4);
        try {
            assertThatThrownBy(() -> SomeIpCodec.decode(in))
                    .extracting(e -> ((WireFormatException) e).error()).isEqualTo(WireError.LENGTH_BEYOND_DATAGRAM);
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
        ByteBuf huge = header(0xFFFFFFFF, 0x00, 0);
        try {
            assertThatThrownBy(() -> SomeIpCodec.decode(huge))
                    .extracting(e -> ((WireFormatException) e).error()).isEqualTo(WireError.LENGTH_BEYOND_DATAGRAM);
        } finally {
            huge.release();
        }
    }

    @Test
    @DisplayName("feat_req_someip_718: fewer than 16 bytes is an incomplete header (TRUNCATED_HEADER)")
    void shortInputIsATruncatedHeader() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[15]);
        try {
            assertThatThrownBy(() -> SomeIpCodec.decode(in))
                    .extracting(e -> ((WireFormatException) e).error()).isEqualTo(WireError.TRUNCATED_HEADER);
        } finally {
            in.release();
        }
    }

    @Test
    @DisplayName("feat_req_someip_95: every byte that is not a message type is refused and skipped by its length")
    void unknownMessageTypesAreSkippedByLength() {
        EnumSet<MessageType> seen = EnumSet.noneOf(MessageType.class);
        for (int value = 0; value < 256; value++) {
            ByteBuf in = header(8 + 3, value, 3);
            try {
                MessageType type = MessageType.fromValue(value);
                if (type == null) {
                    assertThatThrownBy(() -> SomeIpCodec.decode(in)).extracting(e -> ((WireFormatException) e).error())
                            .isEqualTo(WireError.UNKNOWN_MESSAGE_TYPE);
                    assertThat(in.readerIndex()).as("skipped by length, type 0x%02X", value).isEqualTo(19);
                } else {
                    seen.add(type);
                    SomeIpMessage message = SomeIpCodec.decode(in);
                    assertThat(message.messageType()).isEqualTo(type);
                    assertThat(in.readerIndex()).isEqualTo(19);
                    message.release();
                }
            } catch (WireFormatException e) {
                throw new AssertionError(e);
            } finally {
                in.release();
            }
        }
        assertThat(seen).isEqualTo(EnumSet.allOf(MessageType.class));
    }

    @Test
    @DisplayName("feat_req_someip_761: the TP flag 0x20 marks segments; removing it gives the type of the whole")
    void tpFlag() {
        for (MessageType type : MessageType.values()) {
            assertThat(type.isTp()).isEqualTo((type.value() & 0x20) != 0);
            assertThat(type.withoutTp().value()).isEqualTo(type.value() & ~0x20);
            assertThat(type.withTp().value()).isEqualTo(type.value() | 0x20);
            assertThat(type.withTp().isRequest()).isEqualTo(type.isRequest());
        }
        assertThat(MessageType.TP_ERROR.isResponse()).isTrue();
        assertThat(MessageType.TP_REQUEST_NO_RETURN.expectsNoAnswer()).isTrue();
        assertThat(MessageType.TP_REQUEST.expectsNoAnswer()).isFalse();
    }

    @Test
    @DisplayName("feat_req_someip_144/371: standard return codes 0x00-0x0F, 0x20-0x5E service specific, others reserved")
    void returnCodeRanges() {
        for (ReturnCode code : ReturnCode.values()) {
            assertThat(ReturnCode.fromValue(code.value())).isSameAs(code);
            assertThat(ReturnCode.describe(code.value())).isEqualTo(code.name());
        }
        assertThat(ReturnCode.values()).hasSize(16);
        assertThat(ReturnCode.E_MALFORMED_MESSAGE.value()).isEqualTo(0x09);
        assertThat(ReturnCode.E_WRONG_MESSAGE_TYPE.value()).isEqualTo(0x0A);
        assertThat(ReturnCode.fromValue(0x10)).isNull();
        assertThat(ReturnCode.describe(0x20)).contains("service-specific");
        assertThat(ReturnCode.describe(0x5E)).contains("service-specific");
        assertThat(ReturnCode.describe(0x5F)).contains("reserved");
        assertThat(ReturnCode.describe(0x1F)).contains("reserved");
    }

    @Test
    @DisplayName("feat_req_someip_609/607/589: Magic Cookie layout of both directions")
    void magicCookieLayout() {
        assertThat(ByteBufUtil.hexDump(MagicCookie.of(false))).isEqualTo("ffff000000000008deadbeef01010100");
        assertThat(ByteBufUtil.hexDump(MagicCookie.of(true))).isEqualTo("ffff800000000008deadbeef01010200");
        ByteBuf both = Unpooled.wrappedBuffer(new byte[3], ByteBufUtil.getBytes(MagicCookie.of(true)));
        try {
            assertThat(MagicCookie.find(both, 0)).isEqualTo(3);
            assertThat(MagicCookie.isAt(both, 3)).isTrue();
            assertThat(MagicCookie.isAt(both, 2)).isFalse();
            assertThat(MagicCookie.isAt(both, 4)).as("too few bytes left").isFalse();
        } finally {
            both.release();
        }
    }

    @Test
    @DisplayName("feat_req_someip_664: a message that starts at an odd offset decodes; its payload is a slice")
    void unalignedMessageDecodes() throws WireFormatException {
        ByteBuf in = Unpooled.buffer();
        in.writeByte(0x77);
        ByteBuf framed = header(8 + 2, 0x02, 2);
        in.writeBytes(framed);
        framed.release();
        in.skipBytes(1);
        SomeIpMessage message = SomeIpCodec.decode(in);
        try {
            assertThat(message.payload().readableBytes()).isEqualTo(2);
            assertThat(in.isReadable()).isFalse();
        } finally {
            message.release();
            in.release();
        }
        assertThat(in.refCnt()).as("payload slice released with the message").isZero();
    }

    /** A header for service 0x1234 method 1 with the given Length and type, and {@code body} zero bytes. */
    static ByteBuf header(long length, int type, int body) {
        ByteBuf buf = Unpooled.buffer(16 + body);
        buf.writeShort(0x1234).writeShort(0x0001).writeInt((int) length).writeShort(0x0042).writeShort(1)
                .writeByte(1).writeByte(1).writeByte(type).writeByte(0).writeZero(body);
        return buf;
    }
}
