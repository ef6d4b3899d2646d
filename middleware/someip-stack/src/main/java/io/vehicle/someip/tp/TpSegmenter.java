package io.vehicle.someip.tp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an original SOME/IP message into SOME/IP-TP segments (feat_req_someiptp_764). Stateless
 * and thread-safe.
 *
 * <p>Which messages are segmented is the caller's configuration (feat_req_someiptp_788); this class
 * segments whatever it is given, so a payload that fits into one segment becomes one TP segment
 * with the More Segments Flag 0. {@link #needsSegmentation} tells whether a message needs TP at all.
 * Traffic shaping of the segments (feat_req_someiptp_801) belongs to the transport that sends them.
 */
public final class TpSegmenter {

    /**
     * feat_req_someiptp_773: the largest aligned segment that fits a 1400-byte UDP payload,
     * 87 x 16 = 1392 bytes of original payload per segment.
     */
    public static final int DEFAULT_MAX_SEGMENT_PAYLOAD = 1392;

    private TpSegmenter() {
    }

    /** Whether {@code message}'s payload is too big for one segment of {@code maxSegmentPayload} bytes. */
    public static boolean needsSegmentation(SomeIpMessage message, int maxSegmentPayload) {
        return message.payload().readableBytes() > alignedSegmentSize(maxSegmentPayload);
    }

    /** {@link #segment(SomeIpMessage, int, ByteBufAllocator)} with {@link #DEFAULT_MAX_SEGMENT_PAYLOAD}. */
    public static List<SomeIpMessage> segment(SomeIpMessage whole, ByteBufAllocator alloc) {
        return segment(whole, DEFAULT_MAX_SEGMENT_PAYLOAD, alloc);
    }

    /**
     * Cuts {@code whole} into segments in ascending order of offset (feat_req_someiptp_777), without
     * overlaps or duplicates (feat_req_someiptp_780). Every segment has:
     * <ul>
     *   <li>the Message ID, Request ID (so the Session ID, feat_req_someiptp_763), Protocol Version,
     *       Interface Version and Return Code of {@code whole} (feat_req_someiptp_774);</li>
     *   <li>the Message Type of {@code whole} with the TP flag set (feat_req_someiptp_765);</li>
     *   <li>a payload that starts with the TP header (feat_req_someiptp_766) followed by the segment's
     *       bytes; the Length field follows from it (feat_req_someiptp_771).</li>
     * </ul>
     * All segments but the last carry the same number of bytes, the largest multiple of 16 not above
     * {@code maxSegmentPayload} (feat_req_someiptp_772, feat_req_someiptp_778, feat_req_someiptp_779);
     * the last carries the rest (1 to that many bytes, or 0 for an empty payload).
     *
     * <p>Ownership: {@code whole} is neither released nor modified (its reader index is unchanged);
     * the caller still owns it and may release it at once. Each segment's payload is a composite of a
     * new 4-byte TP header and a retained slice of {@code whole}'s payload (no copy), and the caller
     * owns every returned segment and must release each one (normally the transport does after
     * writing it). If this method throws, nothing was allocated or retained.
     *
     * @param whole             the original message; its type must not have the TP flag, and its
     *                          Session ID must not be 0 because SOME/IP-TP requires session handling
     *                          (feat_req_someiptp_762)
     * @param maxSegmentPayload bytes of original payload per segment, at least 16 (TP header excluded)
     * @throws IllegalArgumentException if a precondition above does not hold, or the payload is too
     *                                  long for the 28-bit offset field
     */
    public static List<SomeIpMessage> segment(SomeIpMessage whole, int maxSegmentPayload, ByteBufAllocator alloc) {
        int segmentSize = alignedSegmentSize(maxSegmentPayload);
        if (whole.messageType().isTp()) {
            throw new IllegalArgumentException("already a TP segment: " + whole);
        }
        if (whole.sessionId() == 0) {
            throw new IllegalArgumentException("feat_req_someiptp_762: SOME/IP-TP needs session handling, "
                    + "session id 0 means it is off: " + whole);
        }
        ByteBuf source = whole.payload();
        int total = source.readableBytes();
        long lastOffset = total == 0 ? 0 : (long) (total - 1) / segmentSize * segmentSize;
        if (lastOffset / TpHeader.ALIGNMENT > TpHeader.MAX_OFFSET_UNITS) {
            throw new IllegalArgumentException("payload of " + total + " bytes exceeds the 28-bit TP offset");
        }
        List<SomeIpMessage> segments = new ArrayList<>(total / segmentSize + 1);
        try {
            int offset = 0;
            do {
                int length = Math.min(segmentSize, total - offset);
                boolean more = offset + length < total;
                segments.add(segmentAt(whole, offset, length, more, alloc));
                offset += length;
            } while (offset < total);
        } catch (RuntimeException | Error e) {
            segments.forEach(ReferenceCountUtil::safeRelease);
            throw e;
        }
        return segments;
    }

    private static SomeIpMessage segmentAt(SomeIpMessage whole, int offset, int length, boolean more,
                                           ByteBufAllocator alloc) {
        ByteBuf header = alloc.buffer(TpHeader.SIZE, TpHeader.SIZE);
        TpHeader.forSegment(offset, more).write(header);
        CompositeByteBuf payload = alloc.compositeBuffer(2);
        payload.addComponent(true, header);
        ByteBuf source = whole.payload();
        payload.addComponent(true, source.retainedSlice(source.readerIndex() + offset, length));
        return whole.withPayload(whole.messageType().withTp(), payload);
    }

    private static int alignedSegmentSize(int maxSegmentPayload) {
        if (maxSegmentPayload < TpHeader.ALIGNMENT) {
            throw new IllegalArgumentException("a segment must carry at least 16 bytes: " + maxSegmentPayload);
        }
        return maxSegmentPayload / TpHeader.ALIGNMENT * TpHeader.ALIGNMENT;
    }
}
