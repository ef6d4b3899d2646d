package io.vehicle.someip.tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Vectors cut by scapy's SOMEIP.fragment() (an independent SOME/IP-TP implementation), regenerated
 * by make_scapy_vectors.py next to them. The open specification has no worked segmentation example.
 */
class TpGoldenVectorTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 30501);

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
    private final List<SomeIpMessage> held = new ArrayList<>();

    @AfterEach
    void releaseHeld() {
        TpFixtures.releaseAll(held);
        assertThat(alloc.metric().usedHeapMemory()).as("bytes left allocated").isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_773/772/770/774/765/771: a 5880-byte notification segments byte for byte as scapy does")
    void segmentsLikeScapy() throws Exception {
        Vector vector = Vector.load("scapy-notification-5880.vec");
        SomeIpMessage whole = held(decode(vector.whole));
        List<SomeIpMessage> segments = held(TpSegmenter.segment(whole, alloc));

        assertThat(segments).hasSize(5);
        List<String> ours = segments.stream().map(this::encodeHex).toList();
        assertThat(ours).containsExactlyElementsOf(vector.segments);
        assertThat(segments).extracting(s -> s.payload().readableBytes() - TpHeader.SIZE)
                .containsExactly(1392, 1392, 1392, 1392, 312);
    }

    @Test
    @DisplayName("feat_req_someiptp_789/785/783: scapy's 5880-byte segments reassemble to the original message")
    void reassemblesScapySegments() throws Exception {
        Vector vector = Vector.load("scapy-notification-5880.vec");
        assertThat(reassemble(vector.segments)).isEqualTo(vector.whole);
    }

    @Test
    @DisplayName("feat_req_someiptp_792: scapy's empty last segment (2 x 1392 bytes, MS=0 at 2784) is accepted")
    void acceptsScapyEmptyLastSegment() throws Exception {
        Vector vector = Vector.load("scapy-request-2784.vec");
        assertThat(vector.segments).hasSize(3);
        assertThat(reassemble(vector.segments)).isEqualTo(vector.whole);

        // We cut the same message into two segments: no empty tail (feat_req_someiptp_779).
        SomeIpMessage whole = held(decode(vector.whole));
        List<SomeIpMessage> ours = held(TpSegmenter.segment(whole, alloc));
        assertThat(ours.stream().map(this::encodeHex).toList())
                .containsExactly(vector.segments.get(0), lastOf(vector.segments.get(1)));
    }

    /** Scapy's second segment has MS=1 (an empty one follows); ours is the last, with MS=0. */
    private static String lastOf(String hex) {
        int word = 32; // hex digits 32..39 hold the TP header word after the 16-byte SOME/IP header
        int value = Integer.parseUnsignedInt(hex.substring(word, word + 8), 16) & ~1;
        return hex.substring(0, word) + String.format("%08x", value) + hex.substring(word + 8);
    }

    private String reassemble(List<String> segmentHex) throws Exception {
        try (TpReassembler reassembler = new TpReassembler(TpReassemblerConfig.defaults(), alloc)) {
            SomeIpMessage result = null;
            for (String hex : segmentHex) {
                assertThat(result).as("complete before the last segment").isNull();
                result = reassembler.offer(PEER, decode(hex), 0);
            }
            assertThat(result).isNotNull();
            held.add(result);
            assertThat(result.messageType().isTp()).isFalse();
            assertThat(reassembler.bufferedBytes()).isZero();
            return encodeHex(result);
        }
    }

    private SomeIpMessage decode(String hex) throws Exception {
        ByteBuf wire = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            return SomeIpCodec.decode(wire);
        } finally {
            wire.release();
        }
    }

    private String encodeHex(SomeIpMessage message) {
        ByteBuf out = SomeIpCodec.encode(message, alloc);
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private SomeIpMessage held(SomeIpMessage message) {
        held.add(message);
        return message;
    }

    private List<SomeIpMessage> held(List<SomeIpMessage> messages) {
        held.addAll(messages);
        return messages;
    }

    private record Vector(String whole, List<String> segments) {
        static Vector load(String name) {
            String whole = null;
            List<String> segments = new ArrayList<>();
            for (String line : TpFixtures.resource(name).lines().toList()) {
                if (line.startsWith("whole ")) {
                    whole = line.substring(6).trim();
                } else if (line.startsWith("segment ")) {
                    segments.add(line.substring(8).trim());
                }
            }
            return new Vector(whole, segments);
        }
    }
}
