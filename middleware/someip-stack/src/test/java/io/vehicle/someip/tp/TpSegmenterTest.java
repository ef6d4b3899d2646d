package io.vehicle.someip.tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TpSegmenterTest {

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);

    @AfterEach
    void nothingLeftAllocated() {
        assertThat(alloc.metric().usedHeapMemory()).isZero();
    }

    @ParameterizedTest(name = "{0} bytes in segments of at most {1}")
    @CsvSource({"0,1392", "1,1392", "16,1392", "1391,1392", "1392,1392", "1393,1392", "5880,1392", "70000,1392",
            "100,16", "33,32", "5000,1400", "5000,17"})
    @DisplayName("feat_req_someiptp_765/770/771/772/774/777/778/779/780/763: segments follow the sender rules")
    void segmentsFollowSenderRules(int size, int maxSegment) {
        SomeIpMessage whole = TpFixtures.original(size, 0x77);
        List<SomeIpMessage> segments = TpSegmenter.segment(whole, maxSegment, alloc);
        try {
            int aligned = maxSegment / 16 * 16;
            assertThat(segments).hasSize(size == 0 ? 1 : (size + aligned - 1) / aligned);
            long expectedOffset = 0;
            byte[] joined = new byte[size];
            for (int i = 0; i < segments.size(); i++) {
                SomeIpMessage segment = segments.get(i);
                boolean last = i == segments.size() - 1;
                TpHeader header = TpHeader.fromWord(segment.payload().getInt(segment.payload().readerIndex()));
                int length = segment.payload().readableBytes() - TpHeader.SIZE;

                assertThat(segment.messageType()).isEqualTo(MessageType.TP_NOTIFICATION);
                assertThat(segment.messageId()).isEqualTo(whole.messageId());
                assertThat(segment.requestId()).isEqualTo(whole.requestId());
                assertThat(segment.protocolVersion()).isEqualTo(whole.protocolVersion());
                assertThat(segment.interfaceVersion()).isEqualTo(whole.interfaceVersion());
                assertThat(segment.returnCode()).isEqualTo(whole.returnCode());
                assertThat(segment.length()).isEqualTo(8 + 4 + length);
                assertThat(header.byteOffset()).as("ascending, gapless, no overlap").isEqualTo(expectedOffset);
                assertThat(header.moreSegments()).isEqualTo(!last);
                assertThat(header.reserved()).isZero();
                if (!last) {
                    assertThat(length).as("every non-last segment has the maximal aligned size").isEqualTo(aligned);
                } else {
                    assertThat(length).isBetween(size == 0 ? 0 : 1, aligned);
                }
                segment.payload().getBytes(segment.payload().readerIndex() + 4, joined, (int) expectedOffset, length);
                expectedOffset += length;
            }
            assertThat(expectedOffset).isEqualTo(size);
            assertThat(joined).isEqualTo(TpFixtures.content(size, 0x77));
        } finally {
            TpFixtures.releaseAll(segments);
            whole.release();
        }
    }

    @Test
    @DisplayName("feat_req_someiptp_764: the original message is neither released nor consumed; segments outlive it")
    void leavesOriginalToCaller() {
        SomeIpMessage whole = TpFixtures.original(3000, 5);
        List<SomeIpMessage> segments = TpSegmenter.segment(whole, alloc);
        assertThat(whole.refCnt()).as("one reference of the caller plus a retained slice per segment")
                .isEqualTo(1 + segments.size());
        assertThat(whole.payload().readerIndex()).isZero();
        assertThat(whole.payload().readableBytes()).isEqualTo(3000);

        io.netty.buffer.ByteBuf payload = whole.payload();
        whole.release();
        assertThat(payload.refCnt()).as("the slices keep the payload alive").isEqualTo(segments.size());
        byte[] last = ByteBufUtil.getBytes(segments.get(2).payload(), segments.get(2).payload().readerIndex() + 4,
                3000 - 2 * 1392);
        assertThat(last).isEqualTo(TpFixtures.slice(TpFixtures.content(3000, 5), 2784, 3000));
        TpFixtures.releaseAll(segments);
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_788: only messages bigger than one segment need segmentation")
    void needsSegmentation() {
        SomeIpMessage fits = TpFixtures.original(1392, 1);
        SomeIpMessage big = TpFixtures.original(1393, 1);
        try {
            assertThat(TpSegmenter.needsSegmentation(fits, TpSegmenter.DEFAULT_MAX_SEGMENT_PAYLOAD)).isFalse();
            assertThat(TpSegmenter.needsSegmentation(big, TpSegmenter.DEFAULT_MAX_SEGMENT_PAYLOAD)).isTrue();
            assertThat(TpSegmenter.needsSegmentation(fits, 1400)).as("1400 rounds down to 1392").isFalse();
        } finally {
            fits.release();
            big.release();
        }
    }

    @Test
    @DisplayName("feat_req_someiptp_762: a message without session handling (session id 0) is refused")
    void refusesSessionZero() {
        SomeIpMessage whole = TpFixtures.original(2000, 0);
        try {
            assertThatThrownBy(() -> TpSegmenter.segment(whole, alloc)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feat_req_someiptp_762");
            assertThat(whole.refCnt()).isEqualTo(1);
        } finally {
            whole.release();
        }
    }

    @Test
    @DisplayName("feat_req_someiptp_765/772: a TP segment or a segment size under 16 bytes is refused")
    void refusesBadArguments() {
        SomeIpMessage whole = TpFixtures.original(100, 3);
        SomeIpMessage tp = whole.withPayload(MessageType.TP_NOTIFICATION, whole.payload().retain());
        try {
            assertThatThrownBy(() -> TpSegmenter.segment(tp, alloc)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already a TP segment");
            assertThatThrownBy(() -> TpSegmenter.segment(whole, 15, alloc))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16");
        } finally {
            tp.release();
            whole.release();
        }
    }
}
