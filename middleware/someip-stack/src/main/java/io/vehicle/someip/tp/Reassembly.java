package io.vehicle.someip.tp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import java.util.BitSet;

/**
 * One original message being reassembled in one buffer. Since every segment starts at a multiple of
 * 16 and every non-last segment has a length that is a multiple of 16 (feat_req_someiptp_768,
 * feat_req_someiptp_772), what has been received is tracked per 16-byte block: counting the covered
 * blocks is the check of feat_req_someiptp_783 that every byte delivered was received.
 *
 * <p>Not thread-safe; owned by a {@link TpReassembler}.
 */
final class Reassembly {

    private static final int BLOCK = TpHeader.ALIGNMENT;

    private final ReassemblyKey key;
    private final int sessionId;
    private final int protocolVersion;
    private final int interfaceVersion;
    private final long startNanos;
    private int returnCode;
    /** Null until the first byte arrives; capacity grows with the highest segment end, up to the maximum. */
    private ByteBuf buffer;
    private final BitSet covered = new BitSet();
    private int coveredBlocks;
    /** The original payload length, known once the last segment (More Segments Flag 0) arrived; else -1. */
    private long total = -1;
    /** The highest end of any accepted segment. */
    private long maxEnd;
    /** Set once the message was handed out; the entry then only remembers its Session ID. */
    private boolean delivered;

    Reassembly(ReassemblyKey key, SomeIpMessage first, long startNanos) {
        this.key = key;
        this.sessionId = first.sessionId();
        this.protocolVersion = first.protocolVersion();
        this.interfaceVersion = first.interfaceVersion();
        this.returnCode = first.returnCode();
        this.startNanos = startNanos;
    }

    /**
     * The checks that need no state (feat_req_someiptp_792), made before a segment may start a new
     * reassembly, so that a malformed segment cannot evict a sound one.
     */
    static void checkAlone(TpHeader header, int length, int maxMessageSize) throws WireFormatException {
        if (header.moreSegments() && length % BLOCK != 0) {
            throw bad("feat_req_someiptp_772: segment at offset " + header.byteOffset() + " has More Segments set "
                    + "but a length of " + length + " bytes, not a multiple of 16");
        }
        long end = header.byteOffset() + length;
        if (end > maxMessageSize) {
            throw bad("feat_req_someiptp_782: segment [" + header.byteOffset() + ", " + end + ") reaches past the "
                    + "maximum message size of " + maxMessageSize + " bytes");
        }
    }

    ReassemblyKey key() {
        return key;
    }

    int sessionId() {
        return sessionId;
    }

    boolean delivered() {
        return delivered;
    }

    boolean expired(long nowNanos, long timeoutNanos) {
        return nowNanos - startNanos >= timeoutNanos;
    }

    /** Bytes of memory this reassembly holds. */
    int capacity() {
        return buffer == null ? 0 : buffer.capacity();
    }

    /**
     * Adds the bytes of one segment (the TP header already read from {@code data}).
     *
     * @return whether the message is now complete
     * @throws WireFormatException if the segment cannot belong to this message; the caller then
     *                             cancels the reassembly (feat_req_someiptp_792)
     */
    boolean add(SomeIpMessage segment, TpHeader header, ByteBuf data, TpReassemblerConfig config,
                ByteBufAllocator alloc) throws WireFormatException {
        int length = data.readableBytes();
        checkAlone(header, length, config.maxMessageSize());
        checkSameHeader(segment);
        // Both fit in an int: checkAlone bounded them by maxMessageSize.
        int offset = (int) header.byteOffset();
        int end = offset + length;
        boolean settlesTotal = checkBounds(header, offset, end);

        int firstBlock = offset / BLOCK;
        int endBlock = (end + BLOCK - 1) / BLOCK;
        int alreadyCovered = covered.get(firstBlock, endBlock).cardinality();
        if (alreadyCovered > 0) {
            // feat_req_someiptp_797 / _810: overlapping or duplicated segment.
            boolean conflicting = conflicts(data, offset, end);
            if (conflicting && config.rejectConflictingOverlap()) {
                throw bad("feat_req_someiptp_810: segment [" + offset + ", " + end + ") of session " + sessionId
                        + " changes bytes already received");
            }
        }
        if (alreadyCovered == endBlock - firstBlock && !settlesTotal) {
            return false; // an identical (or, with first-wins, ignored) duplicate: nothing used from it
        }
        if (alreadyCovered < endBlock - firstBlock) {
            ensureCapacity(end, config.maxMessageSize(), alloc);
            writeUncovered(data, offset, end, firstBlock, endBlock);
        }
        if (settlesTotal) {
            total = end;
        }
        maxEnd = Math.max(maxEnd, end);
        returnCode = segment.returnCode(); // feat_req_someiptp_784: the last segment used decides
        return total >= 0 && coveredBlocks == (total + BLOCK - 1) / BLOCK;
    }

    /**
     * The complete message; ownership of the buffer passes to it. Message Type without the TP flag
     * (feat_req_someiptp_785), Return Code of the last segment used (feat_req_someiptp_784).
     */
    SomeIpMessage toMessage() {
        ByteBuf payload = buffer == null ? Unpooled.EMPTY_BUFFER : buffer.setIndex(0, (int) total);
        buffer = null;
        delivered = true;
        return new SomeIpMessage(key.messageId() >>> 16, key.messageId() & 0xFFFF, key.clientId(), sessionId,
                protocolVersion, interfaceVersion, key.baseType(), returnCode, payload);
    }

    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    /** feat_req_someiptp_774: these are the same in all segments of one original message. */
    private void checkSameHeader(SomeIpMessage segment) throws WireFormatException {
        if (segment.protocolVersion() != protocolVersion) {
            throw bad("feat_req_someiptp_774: protocol version changed from " + protocolVersion + " to "
                    + segment.protocolVersion() + " within session " + sessionId);
        }
        if (segment.interfaceVersion() != interfaceVersion) {
            throw bad("feat_req_someiptp_774: interface version changed from " + interfaceVersion + " to "
                    + segment.interfaceVersion() + " within session " + sessionId);
        }
    }

    /** @return whether this segment is the first last segment, which fixes the total length */
    private boolean checkBounds(TpHeader header, int offset, int end) throws WireFormatException {
        if (header.moreSegments()) {
            if (total >= 0 && (offset >= total || end > total)) {
                throw bad("segment [" + offset + ", " + end + ") with More Segments set lies after the last "
                        + "segment, which ended the message at " + total);
            }
            return false;
        }
        if (total >= 0) {
            if (end != total) {
                throw bad("last segment ends the message at " + end + " but an earlier last segment ended it at "
                        + total);
            }
            return false;
        }
        if (end < maxEnd) {
            throw bad("last segment ends the message at " + end + " but an earlier segment reached " + maxEnd);
        }
        return true;
    }

    private boolean conflicts(ByteBuf data, int offset, int end) {
        int block = covered.nextSetBit(offset / BLOCK);
        while (block >= 0 && block * BLOCK < end) {
            int from = block * BLOCK;
            int to = Math.min(from + BLOCK, end);
            if (!ByteBufUtil.equals(data, data.readerIndex() + from - offset, buffer, from, to - from)) {
                return true;
            }
            block = covered.nextSetBit(block + 1);
        }
        return false;
    }

    private void writeUncovered(ByteBuf data, int offset, int end, int firstBlock, int endBlock) {
        int block = covered.nextClearBit(firstBlock);
        while (block < endBlock) {
            int runEnd = Math.min(covered.nextSetBit(block) < 0 ? endBlock : covered.nextSetBit(block), endBlock);
            int from = block * BLOCK;
            int to = Math.min(runEnd * BLOCK, end);
            buffer.setBytes(from, data, data.readerIndex() + from - offset, to - from);
            // Bytes up to the writer index count as content: capacity changes keep them, and
            // ByteBufUtil.equals compares only there. Gaps below it are never delivered (blocks).
            buffer.writerIndex(Math.max(buffer.writerIndex(), to));
            covered.set(block, runEnd);
            coveredBlocks += runEnd - block;
            block = covered.nextClearBit(runEnd);
        }
    }

    /**
     * Grows the buffer to hold {@code end} bytes. {@code end} was checked against the configured
     * maximum before, so no size taken from the wire is allocated unchecked.
     */
    private void ensureCapacity(int end, int maxMessageSize, ByteBufAllocator alloc) {
        int limit = total >= 0 ? (int) total : maxMessageSize;
        if (buffer == null) {
            buffer = alloc.buffer(end, maxMessageSize);
        } else if (buffer.capacity() < end) {
            buffer.capacity((int) Math.min(limit, Math.max(end, 2L * buffer.capacity())));
        }
    }

    private static WireFormatException bad(String reason) {
        return new WireFormatException(WireError.BAD_TP_SEGMENT, reason);
    }
}
