package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.function.LongSupplier;

/**
 * Writes SOME/IP messages to a TCP stream, inserting a Magic Cookie before the first message and
 * then at most once per interval while messages flow (feat_req_someip_593, feat_req_someip_594:
 * the heuristic for implementations without access to TCP segmentation). An interval of 0 puts a
 * cookie before every message; a negative interval disables cookies.
 */
public final class TcpSomeIpEncoder extends MessageToByteEncoder<SomeIpMessage> {

    /** feat_req_someip_594: once every 10 seconds. */
    public static final long DEFAULT_COOKIE_INTERVAL_NANOS = 10_000_000_000L;

    private final boolean server;
    private final long cookieIntervalNanos;
    private final LongSupplier clock;
    private long lastCookie;
    private boolean cookieSent;

    public TcpSomeIpEncoder(boolean server, long cookieIntervalNanos) {
        this(server, cookieIntervalNanos, System::nanoTime);
    }

    public TcpSomeIpEncoder(boolean server, long cookieIntervalNanos, LongSupplier clock) {
        super(SomeIpMessage.class);
        this.server = server;
        this.cookieIntervalNanos = cookieIntervalNanos;
        this.clock = clock;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SomeIpMessage message, ByteBuf out) {
        if (cookieIntervalNanos >= 0) {
            long now = clock.getAsLong();
            if (!cookieSent || now - lastCookie >= cookieIntervalNanos) {
                out.writeBytes(MagicCookie.of(server));
                lastCookie = now;
                cookieSent = true;
            }
        }
        SomeIpCodec.encode(message, out);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, SomeIpMessage message, boolean preferDirect) {
        return ctx.alloc().ioBuffer(SomeIpCodec.encodedSize(message) + MagicCookie.SIZE);
    }
}
