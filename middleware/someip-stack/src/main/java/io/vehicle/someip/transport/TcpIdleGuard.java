package io.vehicle.someip.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notes when a TCP connection last read or wrote anything, and closes it after {@code idleTimeoutMillis}
 * without either (counted as {@link EndpointRefusal#TCP_IDLE_TIMEOUT}): a connection that is opened
 * and then left alone does not hold a slot for ever. The client reopens it when it needs it
 * (feat_req_someip_647). A server full of connections closes the one idle longest first. A
 * connection the server keeps for a reason of its own ({@code kept}, such as the events of a
 * subscription that may be rare) is not closed for idleness.
 */
public final class TcpIdleGuard extends ChannelDuplexHandler {

    private final long idleNanos;
    private final RefusalCounter<EndpointRefusal> refusals;
    private final java.util.function.BooleanSupplier kept;
    private volatile long lastActivityNanos = System.nanoTime();
    private ScheduledFuture<?> check;

    /** @param idleTimeoutMillis 0: only note the activity, never close */
    public TcpIdleGuard(long idleTimeoutMillis, RefusalCounter<EndpointRefusal> refusals,
                        java.util.function.BooleanSupplier kept) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        this.refusals = refusals;
        this.kept = kept;
    }

    /** When the connection last read or wrote, on the {@link System#nanoTime()} clock. */
    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (idleNanos > 0) {
            check = ctx.executor().schedule(() -> check(ctx), idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivityNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivityNanos = System.nanoTime();
        ctx.write(msg, promise);
    }

    private void check(ChannelHandlerContext ctx) {
        long quiet = System.nanoTime() - lastActivityNanos;
        if (quiet < idleNanos || kept.getAsBoolean()) {
            long next = quiet < idleNanos ? idleNanos - quiet : idleNanos;
            check = ctx.executor().schedule(() -> check(ctx), next, TimeUnit.NANOSECONDS);
            return;
        }
        refusals.record(ctx.channel().remoteAddress(), EndpointRefusal.TCP_IDLE_TIMEOUT, "TCP connection idle for "
                + TimeUnit.NANOSECONDS.toMillis(quiet) + " ms: closed");
        ctx.close();
    }
}
