package io.vehicle.someip.transport;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Applies an {@link OutboundFilter} to outgoing SOME/IP messages before they are encoded: dropped ones
 * are released (their writes succeed, as a datagram lost on the wire would), delayed ones are written
 * later on the same event loop. Anything that is not a SOME/IP message (raw bytes) passes.
 */
public final class OutboundFilterHandler extends ChannelOutboundHandlerAdapter {

    private final OutboundFilter filter;

    public OutboundFilterHandler(OutboundFilter filter) {
        this.filter = filter;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        int serviceId;
        InetSocketAddress remote;
        if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SomeIpMessage message) {
            serviceId = message.serviceId();
            remote = (InetSocketAddress) envelope.recipient();
        } else if (msg instanceof SomeIpMessage message) {
            serviceId = message.serviceId();
            remote = (InetSocketAddress) ctx.channel().remoteAddress();
        } else {
            ctx.write(msg, promise);
            return;
        }
        long verdict = filter.decide(serviceId, remote);
        if (verdict == OutboundFilter.PASS) {
            ctx.write(msg, promise);
        } else if (verdict < 0) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
        } else {
            try {
                ctx.executor().schedule(() -> ctx.writeAndFlush(msg, promise), verdict, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                ReferenceCountUtil.release(msg); // shutting down
                promise.tryFailure(e);
            }
        }
    }
}
