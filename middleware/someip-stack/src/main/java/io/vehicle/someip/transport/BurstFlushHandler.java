package io.vehicle.someip.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * Decides when a flush reaches the socket. Outside a read, and for what is written while the first
 * message of a read is handled, at once: a lone request's answer leaves inside the read, before the
 * event loop's next {@code recvmsg}, so a ping-pong partner that answers quickly is read in the same
 * loop without another {@code epoll_wait} (a round trip on one CPU: an {@code epoll_pwait2} and a
 * failed {@code recvmsg} saved for 27 % of the datagrams, docs/performance.md). From the second
 * message of a read on, flushes wait for the end of the read,
 * so the answers to a burst leave together, packed per peer by {@link UdpSomeIpEncoder}
 * (feat_req_someip_584), one system call for many; at most {@code maxHeldFlushes} are held.
 *
 * <p>Netty's {@code FlushConsolidationHandler} holds every flush made during a read, the first
 * one too, which costs a lone answer the rest of the read: the draining {@code recvmsg} that finds
 * the socket empty.
 */
public final class BurstFlushHandler extends ChannelDuplexHandler {

    private final int maxHeldFlushes;
    private int messagesInRead;
    private int heldFlushes;

    public BurstFlushHandler(int maxHeldFlushes) {
        if (maxHeldFlushes < 1) {
            throw new IllegalArgumentException("maxHeldFlushes must be at least 1: " + maxHeldFlushes);
        }
        this.maxHeldFlushes = maxHeldFlushes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        messagesInRead++;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        messagesInRead = 0;
        flushHeld(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (messagesInRead < 2 || ++heldFlushes >= maxHeldFlushes) {
            heldFlushes = 0;
            ctx.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A channel that cannot take more must not sit on writes until the read ends.
        if (!ctx.channel().isWritable()) {
            flushHeld(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        messagesInRead = 0;
        flushHeld(ctx);
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        messagesInRead = 0;
        flushHeld(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        flushHeld(ctx);
    }

    private void flushHeld(ChannelHandlerContext ctx) {
        if (heldFlushes > 0) {
            heldFlushes = 0;
            ctx.flush();
        }
    }
}
