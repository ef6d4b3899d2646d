package io.vehicle.someip.transport;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.util.ReferenceCountUtil;
import io.vehicle.someip.tp.TpSegmenter;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Splits outgoing UDP messages whose payload does not fit one datagram into SOME/IP-TP segments
 * (feat_req_someiptp_788); smaller messages pass untouched.
 */
public final class UdpTpSegmentationHandler extends ChannelOutboundHandlerAdapter {

    private final int maxSegmentPayload;

    public UdpTpSegmentationHandler(int maxSegmentPayload) {
        this.maxSegmentPayload = maxSegmentPayload;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof AddressedEnvelope<?, ?> envelope)
                || !(envelope.content() instanceof SomeIpMessage message) || message.messageType().isTp()
                || !TpSegmenter.needsSegmentation(message, maxSegmentPayload)) {
            ctx.write(msg, promise);
            return;
        }
        InetSocketAddress recipient = ((AddressedEnvelope<SomeIpMessage, InetSocketAddress>) envelope).recipient();
        List<SomeIpMessage> segments;
        try {
            segments = TpSegmenter.segment(message, maxSegmentPayload, ctx.alloc());
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(e);
            return;
        }
        ReferenceCountUtil.release(msg); // the segments hold their own slices of the payload
        for (int i = 0; i < segments.size(); i++) {
            DefaultAddressedEnvelope<SomeIpMessage, InetSocketAddress> out =
                    new DefaultAddressedEnvelope<>(segments.get(i), recipient);
            // Each segment in its own datagram; the last one carries the caller's promise.
            if (i == segments.size() - 1) {
                ctx.write(out, promise);
            } else {
                ctx.write(out, ctx.voidPromise());
                ctx.flush();
            }
        }
    }
}
