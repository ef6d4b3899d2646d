package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Frames SOME/IP messages on a TCP stream (feat_req_someip_325, feat_req_someip_585): across
 * partial reads and several messages per read. Magic Cookies are recognised and dropped
 * (feat_req_someip_586). A length below 8 or above the configured maximum means the stream lost
 * its framing: bytes are skipped, and counted, until the next Magic Cookie, where decoding resumes.
 *
 * <p>What it buffers is bounded by the maximum message size (a partial message waits for its end,
 * nothing larger is kept). With a frame timeout, a connection whose partial message does not
 * complete within it is closed and counted as {@link EndpointRefusal#TCP_FRAME_TIMEOUT}: a peer
 * trickling a frame byte by byte holds neither the buffer nor the connection for long. With a
 * {@link TcpBufferBudget}, what it buffers counts against the budget of all connections.
 */
public final class TcpSomeIpFrameDecoder extends ByteToMessageDecoder {

    private final int maxMessageSize;
    private final InboundErrors errors;
    private final long frameTimeoutMillis;
    private final RefusalCounter<EndpointRefusal> refusals;
    private final TcpBufferBudget budget;
    private boolean resynchronising;
    /** Closes the connection when the partial message buffered now is not complete in time; null when none. */
    private ScheduledFuture<?> frameDeadline;

    /** Without a frame timeout or a shared budget. */
    public TcpSomeIpFrameDecoder(int maxMessageSize, InboundErrors errors) {
        this(maxMessageSize, errors, 0, null, null);
    }

    /**
     * @param frameTimeoutMillis how long a partial message may stay incomplete; 0 for ever
     * @param budget             the budget this connection's partial messages count against, or null
     */
    public TcpSomeIpFrameDecoder(int maxMessageSize, InboundErrors errors, long frameTimeoutMillis,
                                 RefusalCounter<EndpointRefusal> refusals, TcpBufferBudget budget) {
        this.maxMessageSize = maxMessageSize;
        this.errors = errors;
        this.frameTimeoutMillis = frameTimeoutMillis;
        this.refusals = refusals;
        this.budget = budget;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int framesBefore = out.size();
        decodeFrames(ctx, in, out);
        if (frameTimeoutMillis > 0) {
            watchPartialFrame(ctx, in.isReadable(), out.size() > framesBefore);
        }
        if (budget != null) {
            // A closing connection (decodeLast after it went inactive, e.g. closed by the budget
            // itself) holds nothing any more: counting its buffer again would close and count it twice.
            budget.hold(ctx.channel(), in.isReadable() && ctx.channel().isActive() ? in.capacity() : 0);
        }
    }

    /** A deadline runs while a partial message is buffered; each completed message starts it afresh. */
    private void watchPartialFrame(ChannelHandlerContext ctx, boolean partial, boolean progressed) {
        if (frameDeadline != null && (!partial || progressed)) {
            frameDeadline.cancel(false);
            frameDeadline = null;
        }
        if (partial && frameDeadline == null) {
            frameDeadline = ctx.executor().schedule(() -> {
                frameDeadline = null;
                refusals.record(ctx.channel().remoteAddress(), EndpointRefusal.TCP_FRAME_TIMEOUT,
                        "TCP connection holding a partial SOME/IP message for " + frameTimeoutMillis
                                + " ms: closed");
                ctx.close();
            }, frameTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (budget != null) {
            budget.release(ctx.channel());
        }
        if (frameDeadline != null) {
            frameDeadline.cancel(false);
            frameDeadline = null;
        }
    }

    private void decodeFrames(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
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
