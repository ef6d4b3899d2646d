package io.vehicle.someip.tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Segmenter output fed to the reassembler, in the orders and with the faults a UDP network produces. */
class TpRoundTripTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.3", 30509);
    private static final int MAX = 70_000;

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
    private final TpReassembler reassembler =
            new TpReassembler(TpReassemblerConfig.defaults().withMaxMessageSize(MAX), alloc);

    @AfterEach
    void nothingLeftAllocated() {
        assertThat(reassembler.bufferedBytes()).isZero();
        reassembler.close();
        assertThat(alloc.metric().usedHeapMemory()).isZero();
    }

    /** Boundaries of 16 and of the 1392-byte segment, and a seeded spread up to 70000. */
    static IntStream sizes() {
        IntStream edges = IntStream.of(0, 1, 15, 16, 17, 31, 32, 33, 1391, 1392, 1393, 2783, 2784, 2785, 5880,
                65535, 65536, MAX);
        return IntStream.concat(edges, new Random(42).ints(12, 0, MAX + 1));
    }

    /** The sizes that take more than one segment when cut into 16-byte segments: one can be lost. */
    static IntStream severalSegmentSizes() {
        return sizes().filter(size -> size > 16);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    @DisplayName("feat_req_someiptp_789/785/783: in-order segments reassemble to the original")
    void inOrder(int size) throws Exception {
        roundTrip(size, 1392, segments -> { });
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    @DisplayName("feat_req_someiptp_820: descending segments reassemble to the original")
    void descending(int size) throws Exception {
        roundTrip(size, 1392, Collections::reverse);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    @DisplayName("feat_req_someiptp_790/796: shuffled segments (seeded) reassemble to the original")
    void shuffled(int size) throws Exception {
        roundTrip(size, 1392, segments -> Collections.shuffle(segments, new Random(size)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    @DisplayName("feat_req_someiptp_797: duplicated segments are ignored")
    void duplicated(int size) throws Exception {
        roundTrip(size, 1392, segments -> {
            Random random = new Random(size + 1);
            int originals = segments.size();
            for (int i = 0; i < originals; i++) {
                SomeIpMessage copy = segments.get(random.nextInt(originals));
                // Insert before the last position so the message completes only at the end.
                segments.add(random.nextInt(segments.size()), copy.retainedDuplicate());
            }
            Collections.shuffle(segments, random);
        });
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    @DisplayName("feat_req_someiptp_772/779: 16-byte segments, the smallest allowed, reassemble too")
    void smallSegments(int size) throws Exception {
        roundTrip(size, 16, segments -> Collections.shuffle(segments, new Random(-size)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("severalSegmentSizes")
    @DisplayName("feat_req_someiptp_783/796: with one segment lost the message is never delivered and is freed at timeout")
    void lostSegment(int size) throws Exception {
        // 1392-byte segments where the size allows two of them, else the smallest, 16 bytes.
        int segmentSize = size > 1392 ? 1392 : 16;
        SomeIpMessage whole = TpFixtures.original(size, 9);
        List<SomeIpMessage> segments = new ArrayList<>(TpSegmenter.segment(whole, segmentSize, alloc));
        whole.release();
        assertSegmentation(segments, size, segmentSize, TpFixtures.content(size, 9));
        assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
        SomeIpMessage lost = segments.remove(new Random(size).nextInt(segments.size()));
        lost.release();
        for (SomeIpMessage segment : segments) {
            assertThat(reassembler.offer(PEER, segment, 100)).isNull();
            assertThat(segment.refCnt()).isZero();
        }
        assertThat(reassembler.activeReassemblies()).isEqualTo(1);
        assertThat(reassembler.bufferedBytes()).isPositive();
        long timeout = reassembler.config().timeout().toNanos();
        assertThat(reassembler.expire(100 + timeout - 1)).isZero();
        assertThat(reassembler.expire(100 + timeout)).isEqualTo(1);
        assertThat(reassembler.activeReassemblies()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    private void roundTrip(int size, int segmentSize, java.util.function.Consumer<List<SomeIpMessage>> network)
            throws Exception {
        SomeIpMessage whole = TpFixtures.original(size, 0x4242);
        List<SomeIpMessage> segments = new ArrayList<>(TpSegmenter.segment(whole, segmentSize, alloc));
        whole.release();
        assertSegmentation(segments, size, segmentSize, TpFixtures.content(size, 0x4242));
        network.accept(segments);

        List<SomeIpMessage> delivered = new ArrayList<>();
        try {
            for (SomeIpMessage segment : segments) {
                SomeIpMessage result = reassembler.offer(PEER, segment, 0);
                if (result != null) {
                    delivered.add(result);
                }
            }
            assertThat(segments).allSatisfy(s -> assertThat(s.refCnt()).isZero());
            assertThat(delivered).hasSize(1);
            SomeIpMessage result = delivered.get(0);
            assertThat(result.messageType()).isEqualTo(MessageType.NOTIFICATION);
            assertThat(result.messageId()).isEqualTo(TpFixtures.SERVICE << 16 | TpFixtures.METHOD);
            assertThat(result.requestId()).isEqualTo(TpFixtures.CLIENT << 16 | 0x4242);
            assertThat(result.interfaceVersion()).isEqualTo(2);
            assertThat(TpFixtures.bytes(result)).isEqualTo(TpFixtures.content(size, 0x4242));
            assertThat(reassembler.activeReassemblies()).isZero();
        } finally {
            TpFixtures.releaseAll(delivered);
        }
    }

    /**
     * What the segmenter made, before the network touches it: ceil(size / segmentSize) segments (one for
     * an empty payload), TP segments at offsets 0, segmentSize, 2 x segmentSize ..., More Segments on all
     * but the last, full segments but the last, and their data in order is the original payload.
     */
    private static void assertSegmentation(List<SomeIpMessage> segments, int size, int segmentSize, byte[] content)
            throws Exception {
        int count = Math.max(1, (size + segmentSize - 1) / segmentSize);
        assertThat(segments).as("segments of %d bytes in %d-byte pieces", size, segmentSize).hasSize(count);
        ByteArrayOutputStream data = new ByteArrayOutputStream(size);
        for (int i = 0; i < count; i++) {
            SomeIpMessage segment = segments.get(i);
            ByteBuf payload = segment.payload().duplicate();
            TpHeader header = TpHeader.read(payload);
            assertThat(segment.messageType()).isEqualTo(MessageType.TP_NOTIFICATION);
            assertThat(header.byteOffset()).as("offset of segment %d", i).isEqualTo((long) i * segmentSize);
            assertThat(header.moreSegments()).as("More Segments of segment %d", i).isEqualTo(i < count - 1);
            assertThat(payload.readableBytes()).as("length of segment %d", i)
                    .isEqualTo(Math.min(segmentSize, size - i * segmentSize));
            data.write(ByteBufUtil.getBytes(payload));
        }
        assertThat(data.toByteArray()).isEqualTo(content);
    }
}
