package io.vehicle.someip.tp;

import io.netty.buffer.ByteBuf;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;

/**
 * The 4-byte SOME/IP-TP header that follows the SOME/IP header of every segment
 * (feat_req_someiptp_766, feat_req_someiptp_832): Offset [28 bits], Reserved [3 bits], More
 * Segments Flag [1 bit], in network byte order.
 *
 * <p>feat_req_someiptp_768: the Offset field is the upper 28 bits of a uint32 whose lower 4 bits
 * read as 0, so the byte offset is always a multiple of 16. {@link #offsetUnits()} is the field as
 * transmitted (units of 16 bytes), {@link #byteOffset()} the offset in the original payload.
 *
 * @param offsetUnits  the 28-bit Offset field, 0..0x0FFFFFFF (units of 16 bytes)
 * @param reserved     the 3 reserved bits; written as given, but the sender uses 0 and the
 *                     receiver ignores them (feat_req_someiptp_769)
 * @param moreSegments the More Segments Flag: true on every segment but the last (feat_req_someiptp_770)
 */
public record TpHeader(int offsetUnits, int reserved, boolean moreSegments) {

    /** Size of the TP header on the wire. */
    public static final int SIZE = 4;
    /** feat_req_someiptp_768: offsets and non-last segment lengths are multiples of this. */
    public static final int ALIGNMENT = 16;
    /** The largest Offset field value (28 bits). */
    public static final int MAX_OFFSET_UNITS = 0x0FFF_FFFF;

    public TpHeader {
        if (offsetUnits < 0 || offsetUnits > MAX_OFFSET_UNITS) {
            throw new IllegalArgumentException("offset field out of range 0..0x0FFFFFFF: " + offsetUnits);
        }
        if (reserved < 0 || reserved > 0b111) {
            throw new IllegalArgumentException("reserved bits out of range 0..7: " + reserved);
        }
    }

    /**
     * The header a sender writes for a segment at {@code byteOffset} of the original payload:
     * reserved bits 0 (feat_req_someiptp_769).
     *
     * @throws IllegalArgumentException if the offset is negative, not a multiple of 16
     *                                  (feat_req_someiptp_768) or beyond 28 bits
     */
    public static TpHeader forSegment(long byteOffset, boolean moreSegments) {
        if (byteOffset < 0 || byteOffset % ALIGNMENT != 0 || byteOffset / ALIGNMENT > MAX_OFFSET_UNITS) {
            throw new IllegalArgumentException("TP offset must be a multiple of 16 in 0..0xFFFFFFF0: " + byteOffset);
        }
        return new TpHeader((int) (byteOffset / ALIGNMENT), 0, moreSegments);
    }

    /** The header encoded in a 32-bit word as transmitted. */
    public static TpHeader fromWord(int word) {
        return new TpHeader(word >>> 4, (word >>> 1) & 0b111, (word & 1) != 0);
    }

    /**
     * Reads the header at the reader index of {@code in} and moves the reader index past it.
     *
     * @throws WireFormatException {@link WireError#BAD_TP_SEGMENT} if fewer than 4 bytes are readable
     */
    public static TpHeader read(ByteBuf in) throws WireFormatException {
        if (in.readableBytes() < SIZE) {
            throw new WireFormatException(WireError.BAD_TP_SEGMENT,
                    "TP segment payload of " + in.readableBytes() + " bytes is shorter than the 4-byte TP header");
        }
        return fromWord(in.readInt());
    }

    /** The 32-bit word as transmitted: offset << 4 | reserved << 1 | more. */
    public int toWord() {
        return offsetUnits << 4 | reserved << 1 | (moreSegments ? 1 : 0);
    }

    /** Appends the 4 header bytes to {@code out}. */
    public void write(ByteBuf out) {
        out.writeInt(toWord());
    }

    /** feat_req_someiptp_767: the offset of this segment in the original payload, in bytes. */
    public long byteOffset() {
        return (long) offsetUnits * ALIGNMENT;
    }
}
