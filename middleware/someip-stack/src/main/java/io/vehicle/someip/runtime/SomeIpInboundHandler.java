package io.vehicle.someip.runtime;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of every SOME/IP pipeline: hands each message with its sender and a
 * way to answer to the {@link InboundSink}. Nothing a sink throws escapes into Netty.
 */
final class SomeIpInboundHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SomeIpInboundHandler.class);

    private final InboundSink sink;
    private final io.vehicle.someip.transport.InboundErrors errors;

    SomeIpInboundHandler(InboundSink sink, io.vehicle.someip.transport.InboundErrors errors) {
        this.sink = sink;
        this.errors = errors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        SomeIpMessage message;
        InetSocketAddress peer;
        Replier replier;
        if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SomeIpMessage m) {
            message = m;
            peer = (InetSocketAddress) envelope.sender();
            InetSocketAddress target = peer;
            replier = answer -> reply(ctx, new DefaultAddressedEnvelope<>(answer, target));
        } else if (msg instanceof SomeIpMessage m) {
            message = m;
            peer = (InetSocketAddress) ctx.channel().remoteAddress();
            replier = answer -> reply(ctx, answer);
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            sink.onMessage(message, peer, replier);
        } catch (RuntimeException e) {
            LOG.error("Message handling failed for {} from {}", message, peer, e);
        }
    }

    /**
     * Writes an answer behind what the event loop already holds. Events that application threads published
     * before the request was read wait in the loop's task queue, and an answer written inline during the read
     * would leave before them: a getter's answer, then older notifications of the same field. Queued behind
     * them the answer is never older than an event sent before it (what the bridge's read_from_ecus relies on).
     * With nothing queued, as on the request/response path alone, it is written at once.
     */
    private static void reply(ChannelHandlerContext ctx, Object answer) {
        EventExecutor loop = ctx.executor();
        if (loop.inEventLoop() && loop instanceof SingleThreadEventExecutor queue && queue.pendingTasks() > 0) {
            try {
                loop.execute(() -> ctx.writeAndFlush(answer, ctx.voidPromise()));
                return;
            } catch (RejectedExecutionException e) {
                ReferenceCountUtil.release(answer); // shutting down
                return;
            }
        }
        ctx.writeAndFlush(answer, ctx.voidPromise());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isPeerReset(cause)) {
            // A peer process that exits resets its connections: ordinary, so counted and logged at debug.
            errors.peerReset();
            LOG.debug("Connection reset by peer on {}: {}", ctx.channel(), cause.toString());
        } else {
            LOG.warn("Error on {}: {}", ctx.channel(), cause.toString());
        }
        if (!(ctx.channel() instanceof io.netty.channel.socket.DatagramChannel)) {
            ctx.close();
        }
    }

    /** ECONNRESET as the native transports ("Connection reset by peer") and NIO ("Connection reset") report it. */
    static boolean isPeerReset(Throwable cause) {
        return cause instanceof java.io.IOException && cause.getMessage() != null
                && cause.getMessage().contains("Connection reset");
    }
}
