package io.vehicle.someip.transport;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.util.concurrent.ScheduledFuture;
import io.vehicle.someip.tp.TpReassembler;
import io.vehicle.someip.tp.TpReassemblerConfig;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Reassembles SOME/IP-TP segments arriving over UDP (feat_req_someiptp_789) per sender, and passes
 * other messages through. Incomplete messages are freed after the reassembly timeout; bad segments
 * are counted as {@code BAD_TP_SEGMENT} and dropped; messages evicted by the bounds of
 * {@link TpReassemblerConfig} as {@link EndpointRefusal#TP_REASSEMBLY_EVICTED}.
 */
public final class UdpTpReassemblyHandler extends ChannelInboundHandlerAdapter {

    private final TpReassembler reassembler;
    private final InboundErrors errors;
    private final RefusalCounter<EndpointRefusal> refusals;
    private final long sweepMillis;
    private ScheduledFuture<?> sweep;

    public UdpTpReassemblyHandler(TpReassemblerConfig config, InboundErrors errors,
                                  RefusalCounter<EndpointRefusal> refusals) {
        this.reassembler = new TpReassembler(config, io.netty.buffer.PooledByteBufAllocator.DEFAULT);
        this.errors = errors;
        this.refusals = refusals;
        this.sweepMillis = Math.max(10, config.timeout().toMillis() / 2);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        sweep = ctx.executor().scheduleAtFixedRate(() -> reassembler.expire(System.nanoTime()), sweepMillis,
                sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (sweep != null) {
            sweep.cancel(false);
        }
        reassembler.close();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof AddressedEnvelope<?, ?> envelope)
                || !(envelope.content() instanceof SomeIpMessage message) || !message.messageType().isTp()) {
            ctx.fireChannelRead(msg);
            return;
        }
        AddressedEnvelope<SomeIpMessage, InetSocketAddress> addressed =
                (AddressedEnvelope<SomeIpMessage, InetSocketAddress>) envelope;
        InetSocketAddress sender = addressed.sender();
        long evictedBefore = reassembler.evictions();
        try {
            SomeIpMessage whole = reassembler.offer(sender, message, System.nanoTime());
            if (reassembler.evictions() != evictedBefore) {
                refusals.record(sender, EndpointRefusal.TP_REASSEMBLY_EVICTED, "SOME/IP-TP segment from " + sender
                        + " started a message beyond the reassembly bounds; an incomplete message was evicted");
            }
            if (whole != null) {
                ctx.fireChannelRead(new DefaultAddressedEnvelope<>(whole, addressed.recipient(), sender));
            }
        } catch (WireFormatException e) {
            errors.record(sender, e);
        }
    }

    public int activeReassemblies() {
        return reassembler.activeReassemblies();
    }
}
