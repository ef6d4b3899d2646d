package io.vehicle.someip.tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TpHeaderTest {

    static Stream<Arguments> vectors() {
        return TpFixtures.resource("tp-headers.txt").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\\|"))
                .map(f -> Arguments.of(f[0].trim(), Long.parseLong(f[1].trim()), Integer.parseInt(f[2].trim()),
                        f[3].trim().equals("1"), f[4].trim()));
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("vectors")
    @DisplayName("feat_req_someiptp_766/768/769/770/832: TP header hex decodes to its fields")
    void decodesVector(String hex, long byteOffset, int reserved, boolean more, String what) throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            TpHeader header = TpHeader.read(in);
            assertThat(header.byteOffset()).isEqualTo(byteOffset);
            assertThat(header.reserved()).isEqualTo(reserved);
            assertThat(header.moreSegments()).isEqualTo(more);
            assertThat(in.readableBytes()).isZero();
        } finally {
            in.release();
        }
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("vectors")
    @DisplayName("feat_req_someiptp_766/767/832: TP header fields encode to their hex")
    void encodesVector(String hex, long byteOffset, int reserved, boolean more, String what) {
        TpHeader header = new TpHeader((int) (byteOffset / 16), reserved, more);
        ByteBuf out = Unpooled.buffer();
        try {
            header.write(out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex);
        } finally {
            out.release();
        }
    }

    @Test
    @DisplayName("feat_req_someiptp_769: a sender's header has the reserved bits 0")
    void senderWritesReservedZero() {
        assertThat(TpHeader.forSegment(1392, true).toWord()).isEqualTo(0x00000571);
        assertThat(TpHeader.forSegment(1392, true).reserved()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_768: a sender cannot express an offset that is not a multiple of 16")
    void rejectsUnalignedOffset() {
        assertThatThrownBy(() -> TpHeader.forSegment(1391, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> TpHeader.forSegment(0x1_0000_0000L, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TpHeader.forSegment(-16, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("feat_req_someiptp_766: fewer than 4 bytes are not a TP header")
    void rejectsTruncatedHeader() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {0, 0, 5});
        try {
            assertThatThrownBy(() -> TpHeader.read(in)).isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("shorter than the 4-byte TP header")
                    .extracting(e -> ((WireFormatException) e).error()).isEqualTo(WireError.BAD_TP_SEGMENT);
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
    }
}
