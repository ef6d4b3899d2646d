package io.vehicle.someip.tp;

import static io.vehicle.someip.tp.TpFixtures.content;
import static io.vehicle.someip.tp.TpFixtures.segment;
import static io.vehicle.someip.tp.TpFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TpReassemblerTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 30501);
    private static final InetSocketAddress OTHER_PEER = new InetSocketAddress("127.0.0.2", 30502);
    private static final long T0 = 1_000_000_000L;

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
    private final TpReassemblerConfig config = TpReassemblerConfig.defaults().withMaxMessageSize(4096)
            .withMaxReassemblies(2, 3).withTimeout(Duration.ofMillis(500));
    private final TpReassembler reassembler = new TpReassembler(config, alloc);
    private final List<SomeIpMessage> delivered = new ArrayList<>();
    private final byte[] data = content(4096, 1);

    @AfterEach
    void nothingLeaks() {
        TpFixtures.releaseAll(delivered);
        reassembler.close();
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(alloc.metric().usedHeapMemory()).isZero();
    }

    private SomeIpMessage offer(SomeIpMessage segment) throws WireFormatException {
        return offer(PEER, segment, T0);
    }

    private SomeIpMessage offer(Object peer, SomeIpMessage segment, long now) throws WireFormatException {
        SomeIpMessage result = reassembler.offer(peer, segment, now);
        assertThat(segment.refCnt()).as("the reassembler releases every segment").isZero();
        if (result != null) {
            delivered.add(result);
        }
        return result;
    }

    private SomeIpMessage part(int session, int from, int to, boolean more) {
        return segment(session, from, more, slice(data, from, to));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(SomeIpMessage segment, String reason) {
        return assertThatThrownBy(() -> offer(segment)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((WireFormatException) e).error()).isEqualTo(WireError.BAD_TP_SEGMENT))
                .satisfies(e -> assertThat(segment.refCnt()).isZero());
    }

    @Test
    @DisplayName("feat_req_someiptp_792: a segment too short for a TP header is rejected")
    void rejectsMissingTpHeader() {
        SomeIpMessage bare = SomeIpMessage.builder(TpFixtures.SERVICE, TpFixtures.METHOD, MessageType.TP_NOTIFICATION)
                .sessionId(1).payload(Unpooled.wrappedBuffer(new byte[3])).build();
        assertRejected(bare, "shorter than the 4-byte TP header");
        assertThat(reassembler.activeReassemblies()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_772/792: a non-last segment whose length is not a multiple of 16 is rejected")
    void rejectsUnalignedNonLastLength() throws Exception {
        assertThat(offer(part(1, 0, 32, true))).isNull();
        assertRejected(part(2, 0, 40, true), "not a multiple of 16");
        assertThat(reassembler.activeReassemblies()).as("a malformed segment evicts nothing").isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someiptp_768/769: offsets are aligned by construction; reserved bits are ignored")
    void reservedBitsIgnored() throws Exception {
        TpHeader withReserved = new TpHeader(1, 0b101, false);
        assertThat(offer(segment(MessageType.TP_NOTIFICATION, 1, 1, 2, 0, new TpHeader(0, 0b111, true),
                slice(data, 0, 16)))).isNull();
        SomeIpMessage result = offer(segment(MessageType.TP_NOTIFICATION, 1, 1, 2, 0, withReserved,
                slice(data, 16, 20)));
        assertThat(TpFixtures.bytes(result)).isEqualTo(slice(data, 0, 20));
    }

    @Test
    @DisplayName("feat_req_someiptp_782/783: a segment reaching past the maximum message size is rejected before any allocation")
    void rejectsOverMaximum() throws Exception {
        assertThat(offer(part(1, 4096 - 16, 4096, true))).as("ends exactly at the maximum").isNull();
        assertRejected(segment(2, 4096, true, new byte[16]), "segment [4096, 4112) reaches past the maximum");
        assertThat(reassembler.activeReassemblies()).as("a malformed segment evicts nothing").isEqualTo(1);
        reassembler.close();
        SomeIpMessage huge = segment(MessageType.TP_NOTIFICATION, 1, 1, 2, 0,
                new TpHeader(TpHeader.MAX_OFFSET_UNITS, 0, false), new byte[1]);
        TpReassembler fresh = new TpReassembler(config, alloc);
        assertThatThrownBy(() -> fresh.offer(PEER, huge, T0)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("maximum message size of 4096");
        assertThat(huge.refCnt()).isZero();
        assertThat(fresh.bufferedBytes()).isZero();
        assertThat(alloc.metric().usedHeapMemory()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_792: a segment after the last segment is rejected and cancels the reassembly")
    void rejectsSegmentAfterLast() throws Exception {
        assertThat(offer(part(1, 32, 40, false))).isNull();
        assertRejected(part(1, 48, 64, true), "lies after the last segment, which ended the message at 40");
        assertThat(reassembler.activeReassemblies()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_792: a second last segment ending elsewhere is rejected")
    void rejectsDisagreeingLast() throws Exception {
        assertThat(offer(part(1, 32, 40, false))).isNull();
        assertRejected(part(1, 32, 45, false), "earlier last segment ended it at 40");
        assertThat(reassembler.activeReassemblies()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_792: a last segment ending before data already received is rejected")
    void rejectsLastBeforeReceivedData() throws Exception {
        assertThat(offer(part(1, 64, 96, true))).isNull();
        assertRejected(part(1, 32, 40, false), "an earlier segment reached 96");
    }

    @Test
    @DisplayName("feat_req_someiptp_810: an overlapping segment that changes received bytes is rejected")
    void rejectsConflictingOverlap() throws Exception {
        assertThat(offer(part(1, 0, 32, true))).isNull();
        byte[] changed = slice(data, 16, 48);
        changed[3] ^= 1;
        assertRejected(segment(1, 16, true, changed), "changes bytes already received");
        assertThat(reassembler.activeReassemblies()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_797/810: with rejection turned off the first content received wins")
    void firstContentWinsWhenConfigured() throws Exception {
        try (TpReassembler lenient = new TpReassembler(config.withRejectConflictingOverlap(false), alloc)) {
            byte[] ones = new byte[32];
            java.util.Arrays.fill(ones, (byte) 1);
            byte[] twos = new byte[32];
            java.util.Arrays.fill(twos, (byte) 2);
            assertThat(lenient.offer(PEER, segment(1, 0, true, ones), T0)).isNull();
            SomeIpMessage result = lenient.offer(PEER, segment(1, 16, false, twos), T0);
            delivered.add(result);
            byte[] expected = new byte[48];
            java.util.Arrays.fill(expected, 0, 32, (byte) 1);
            java.util.Arrays.fill(expected, 32, 48, (byte) 2);
            assertThat(TpFixtures.bytes(result)).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("feat_req_someiptp_774/792: a protocol or interface version change within one message is rejected")
    void rejectsChangingHeaderFields() throws Exception {
        assertThat(offer(part(1, 0, 16, true))).isNull();
        assertRejected(segment(MessageType.TP_NOTIFICATION, 1, 1, 3, 0, TpHeader.forSegment(16, false),
                slice(data, 16, 20)), "interface version changed from 2 to 3");
        assertThat(offer(part(1, 0, 16, true))).isNull();
        assertRejected(segment(MessageType.TP_NOTIFICATION, 1, 2, 2, 0, TpHeader.forSegment(16, false),
                slice(data, 16, 20)), "protocol version changed from 1 to 2");
    }

    @Test
    @DisplayName("feat_req_someiptp_793/795/802: a new session id discards the incomplete message and starts the next")
    void newSessionReplacesIncomplete() throws Exception {
        assertThat(offer(part(7, 0, 1392, true))).isNull();
        long held = reassembler.bufferedBytes();
        assertThat(held).isPositive();
        assertThat(offer(part(8, 0, 16, true))).isNull();
        assertThat(reassembler.activeReassemblies()).isEqualTo(1);
        assertThat(reassembler.bufferedBytes()).isLessThan(held);
        // The rest of session 7 can no longer complete it: it would restart session 7 instead.
        assertThat(offer(part(8, 16, 20, false))).isNotNull().extracting(SomeIpMessage::sessionId).isEqualTo(8);
        assertThat(offer(part(7, 1392, 1400, false))).isNull();
        assertThat(delivered).hasSize(1);
    }

    @Test
    @DisplayName("feat_req_someiptp_797: a duplicate segment arriving after delivery is not delivered again")
    void duplicateAfterDeliveryIgnored() throws Exception {
        assertThat(offer(part(3, 0, 10, false))).isNotNull();
        assertThat(offer(part(3, 0, 10, false))).isNull();
        assertThat(delivered).hasSize(1);
        assertThat(reassembler.activeReassemblies()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_784/785: the reassembled message has the last segment's return code and no TP flag")
    void returnCodeOfLastSegmentUsed() throws Exception {
        assertThat(offer(segment(MessageType.TP_ERROR, 5, 1, 2, 0x01, TpHeader.forSegment(16, false),
                slice(data, 16, 20)))).isNull();
        SomeIpMessage result = offer(segment(MessageType.TP_ERROR, 5, 1, 2, 0x22, TpHeader.forSegment(0, true),
                slice(data, 0, 16)));
        assertThat(result.messageType()).isEqualTo(MessageType.ERROR);
        assertThat(result.returnCode()).isEqualTo(0x22);
        assertThat(result.sessionId()).isEqualTo(5);
        assertThat(result.protocolVersion()).isEqualTo(1);
        assertThat(result.interfaceVersion()).isEqualTo(2);
    }

    @Test
    @DisplayName("feat_req_someiptp_787: the same message from different peers (ports) is reassembled in parallel")
    void parallelPeers() throws Exception {
        assertThat(offer(PEER, part(1, 0, 16, true), T0)).isNull();
        assertThat(offer(OTHER_PEER, part(1, 0, 16, true), T0)).isNull();
        assertThat(reassembler.activeReassemblies()).isEqualTo(2);
        assertThat(offer(OTHER_PEER, part(1, 16, 18, false), T0)).isNotNull();
        assertThat(offer(PEER, part(1, 16, 18, false), T0)).isNotNull();
        assertThat(delivered).extracting(TpFixtures::bytes).containsOnly(slice(data, 0, 18));
    }

    @Test
    @DisplayName("feat_req_someiptp_787/796: beyond the per-peer bound the peer's oldest incomplete message is evicted")
    void perPeerBoundEvictsOldest() throws Exception {
        offer(PEER, segment(MessageType.TP_NOTIFICATION, 1, 1, 2, 0, TpHeader.forSegment(0, true), slice(data, 0, 16)), T0);
        offer(PEER, segment(MessageType.TP_REQUEST, 1, 1, 2, 0, TpHeader.forSegment(0, true), slice(data, 0, 16)), T0 + 1);
        offer(OTHER_PEER, part(1, 0, 16, true), T0 + 2);
        assertThat(reassembler.activeReassemblies()).isEqualTo(3);
        // A third message from PEER: its oldest (the notification) goes, OTHER_PEER keeps its own.
        offer(PEER, segment(MessageType.TP_RESPONSE, 1, 1, 2, 0, TpHeader.forSegment(0, true), slice(data, 0, 16)), T0 + 3);
        assertThat(reassembler.activeReassemblies()).isEqualTo(3);
        assertThat(offer(PEER, part(1, 16, 20, false), T0 + 4)).as("notification was evicted").isNull();
        assertThat(offer(PEER, segment(MessageType.TP_RESPONSE, 1, 1, 2, 0, TpHeader.forSegment(16, false),
                slice(data, 16, 20)), T0 + 5)).as("newest survives").isNotNull();
        assertThat(offer(OTHER_PEER, part(1, 16, 20, false), T0 + 6)).isNotNull();
    }

    @Test
    @DisplayName("feat_req_someiptp_796: beyond the total bound the oldest incomplete message of any peer is evicted")
    void totalBoundEvictsOldest() throws Exception {
        for (int port = 1; port <= 4; port++) {
            offer(new InetSocketAddress("127.0.0.9", port), part(1, 0, 1024, true), T0 + port);
        }
        assertThat(reassembler.activeReassemblies()).isEqualTo(3);
        assertThat(reassembler.bufferedBytes()).isLessThanOrEqualTo(config.maxBufferedBytes());
        assertThat(offer(new InetSocketAddress("127.0.0.9", 1), part(1, 1024, 1030, false), T0 + 5)).isNull();
        assertThat(offer(new InetSocketAddress("127.0.0.9", 4), part(1, 1024, 1030, false), T0 + 6)).isNotNull();
    }

    @Test
    @DisplayName("feat_req_someiptp_796: an incomplete message is freed at its timeout, counted from its first segment")
    void timeoutFreesMemory() throws Exception {
        assertThat(offer(PEER, part(1, 0, 2048, true), T0)).isNull();
        assertThat(offer(PEER, part(1, 2048, 3072, true), T0 + 400_000_000L)).isNull();
        assertThat(reassembler.bufferedBytes()).isGreaterThanOrEqualTo(3072);
        assertThat(reassembler.expire(T0 + 499_999_999L)).isZero();
        assertThat(reassembler.expire(T0 + 500_000_000L)).isEqualTo(1);
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.activeReassemblies()).isZero();
        assertThat(alloc.metric().usedHeapMemory()).isZero();
        // A late segment starts afresh and cannot complete the expired message.
        assertThat(offer(PEER, part(1, 3072, 3080, false), T0 + 600_000_000L)).isNull();
    }

    @Test
    @DisplayName("feat_req_someiptp_783: close() releases every buffer and refuses further segments")
    void closeReleasesEverything() throws Exception {
        offer(PEER, part(1, 0, 2048, true), T0);
        offer(OTHER_PEER, part(2, 0, 1024, true), T0);
        assertThat(alloc.metric().usedHeapMemory()).isPositive();
        reassembler.close();
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.activeReassemblies()).isZero();
        assertThat(alloc.metric().usedHeapMemory()).isZero();
        SomeIpMessage late = part(1, 2048, 2050, false);
        assertThatThrownBy(() -> reassembler.offer(PEER, late, T0)).isInstanceOf(IllegalStateException.class);
        assertThat(late.refCnt()).isZero();
    }

    @Test
    @DisplayName("feat_req_someiptp_765: a message without the TP flag is a caller error")
    void refusesNonTpMessage() {
        SomeIpMessage whole = TpFixtures.original(10, 1);
        assertThatThrownBy(() -> reassembler.offer(PEER, whole, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(whole.refCnt()).isZero();
    }

    /** A reassembler with a bound per host, fed and checked like the fixture's, closed by the test. */
    private SomeIpMessage offerTo(TpReassembler target, Object peer, SomeIpMessage segment, long now)
            throws WireFormatException {
        SomeIpMessage result = target.offer(peer, segment, now);
        if (result != null) {
            delivered.add(result);
        }
        return result;
    }

    @Test
    @DisplayName("feat_req_someiptp_787, feat_req_someiptp_796: one host starting messages from 100 ports evicts only "
            + "its own; another host's message completes")
    void oneHostCannotEvictOthers() throws Exception {
        TpReassemblerConfig bounded = TpReassemblerConfig.defaults().withMaxMessageSize(4096)
                .withMaxReassemblies(2, 4, 8).withTimeout(Duration.ofMillis(500));
        try (TpReassembler fair = new TpReassembler(bounded, alloc)) {
            assertThat(offerTo(fair, PEER, part(1, 0, 16, true), T0)).isNull();
            for (int port = 1; port <= 100; port++) {
                offerTo(fair, new InetSocketAddress("127.0.0.66", port), part(1, 0, 16, true), T0 + port);
            }
            assertThat(fair.activeReassemblies()).as("the flooding host holds its 4, PEER its 1").isEqualTo(5);
            assertThat(fair.evictions()).isEqualTo(96);
            assertThat(offerTo(fair, PEER, part(1, 16, 18, false), T0 + 200)).isNotNull();
        }
    }

    @Test
    @DisplayName("feat_req_someiptp_796: beyond the total bound the oldest message of the host holding the most "
            + "is evicted, not the oldest of all")
    void totalBoundEvictsFromTheLargestHost() throws Exception {
        TpReassemblerConfig bounded = TpReassemblerConfig.defaults().withMaxMessageSize(4096)
                .withMaxReassemblies(1, 4, 6).withTimeout(Duration.ofMillis(500));
        try (TpReassembler fair = new TpReassembler(bounded, alloc)) {
            offerTo(fair, PEER, part(1, 0, 16, true), T0); // the oldest of all, alone on its host
            for (int port = 1; port <= 3; port++) {
                offerTo(fair, new InetSocketAddress("127.0.0.66", port), part(1, 0, 16, true), T0 + port);
            }
            offerTo(fair, new InetSocketAddress("127.0.0.77", 1), part(1, 0, 16, true), T0 + 10);
            offerTo(fair, new InetSocketAddress("127.0.0.77", 2), part(1, 0, 16, true), T0 + 11);
            // Full (6): a third message from 127.0.0.77 evicts 127.0.0.66's oldest, which holds the most.
            offerTo(fair, new InetSocketAddress("127.0.0.77", 3), part(1, 0, 16, true), T0 + 12);
            assertThat(fair.evictions()).isEqualTo(1);
            assertThat(offerTo(fair, PEER, part(1, 16, 18, false), T0 + 20)).isNotNull();
            assertThat(offerTo(fair, new InetSocketAddress("127.0.0.77", 1), part(1, 16, 18, false), T0 + 21))
                    .isNotNull();
            assertThat(offerTo(fair, new InetSocketAddress("127.0.0.66", 2), part(1, 16, 18, false), T0 + 22))
                    .isNotNull();
            assertThat(offerTo(fair, new InetSocketAddress("127.0.0.66", 1), part(1, 16, 18, false), T0 + 23))
                    .as("127.0.0.66's oldest was evicted").isNull();
        }
    }
}
