package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import java.util.List;

/**
 * Frames SOME/IP messages on a TCP stream (feat_req_someip_325, feat_req_someip_585): across
 * partial reads and several messages per read. Magic Cookies are recognised and dropped
 * (feat_req_someip_586). A length below 8 or above the configured maximum means the stream lost
 * its framing: bytes are skipped, and counted, until the next Magic Cookie, where decoding resumes.
 */
public final class TcpSomeIpFrameDecoder extends ByteToMessageDecoder {

    private final int maxMessageSize;
    private final InboundErrors errors;
    private boolean resynchronising;

    public TcpSomeIpFrameDecoder(int maxMessageSize, InboundErrors errors) {
        this.maxMessageSize = maxMessageSize;
        this.errors = errors;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (resynchronising && !skipToCookie(ctx, in)) {
                return;
            }
            if (in.readableBytes() < 8) {
                return;
            }
            int start = in.readerIndex();
            long total = SomeIpCodec.announcedSize(in, start);
            if (total < SomeIpCodec.HEADER_SIZE || total > maxMessageSize) {
                errors.record(ctx.channel().remoteAddress(),
                        total < SomeIpCodec.HEADER_SIZE ? WireError.LENGTH_TOO_SMALL : WireError.LENGTH_OVER_MAXIMUM,
                        "TCP frame announcing " + total + " bytes (maximum " + maxMessageSize
                                + "); skipping to the next Magic Cookie");
                resynchronising = true;
                in.skipBytes(1);
                continue;
            }
            if (in.readableBytes() < total) {
                return;
            }
            if (MagicCookie.isAt(in, start)) {
                in.skipBytes(MagicCookie.SIZE);
                continue;
            }
            ByteBuf frame = in.readSlice((int) total);
            try {
                SomeIpMessage message = SomeIpCodec.decode(frame);
                out.add(message);
            } catch (WireFormatException e) {
                errors.record(ctx.channel().remoteAddress(), e); // unknown type: skipped by its length
            }
        }
    }

    /** Drops bytes up to the next cookie; false while none has arrived yet. */
    private boolean skipToCookie(ChannelHandlerContext ctx, ByteBuf in) {
        int found = MagicCookie.find(in, in.readerIndex());
        if (found < 0) {
            // Keep the last 15 bytes: a cookie may be split across reads.
            int keep = Math.min(in.readableBytes(), MagicCookie.SIZE - 1);
            int skipped = in.readableBytes() - keep;
            if (skipped > 0) {
                in.skipBytes(skipped);
                errors.record(ctx.channel().remoteAddress(), WireError.STREAM_GARBAGE,
                        skipped + " bytes skipped while looking for a Magic Cookie");
            }
            return false;
        }
        if (found > in.readerIndex()) {
            errors.record(ctx.channel().remoteAddress(), WireError.STREAM_GARBAGE,
                    (found - in.readerIndex()) + " bytes skipped before a Magic Cookie");
        }
        in.readerIndex(found);
        resynchronising = false;
        return true;
    }
}
