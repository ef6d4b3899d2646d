package io.vehicle.someip.tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TpHeader beyond the golden vectors (TpGoldenVectorTest): what a sender may write, and truncated input. */
class TpHeaderTest {

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
