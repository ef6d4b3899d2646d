package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.vehicle.someip.transport.TrafficTap.Direction;
import java.net.InetSocketAddress;

/**
 * First handler of a pipeline (next to the socket): shows a {@link TrafficTap} the bytes exactly as
 * they are read and written, datagrams for UDP, stream chunks for TCP. Passes everything on untouched.
 */
public final class TrafficTapHandler extends ChannelDuplexHandler {

    private final TrafficTap tap;
    private InetSocketAddress local;
    private InetSocketAddress remote;

    public TrafficTapHandler(TrafficTap tap) {
        this.tap = tap;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress peer) {
            local = (InetSocketAddress) ctx.channel().localAddress();
            remote = peer;
            tap.connected(local, remote, ctx.channel().parent() == null);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (remote != null) {
            tap.disconnected(local, remote);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            if (msg instanceof DatagramPacket packet) {
                InetSocketAddress to = packet.recipient() != null ? packet.recipient()
                        : (InetSocketAddress) ctx.channel().localAddress();
                tap.datagram(Direction.IN, to, packet.sender(), packet.content());
            } else if (msg instanceof ByteBuf bytes && remote != null) {
                tap.stream(Direction.IN, local, remote, bytes);
            }
        } catch (RuntimeException e) {
            ctx.fireExceptionCaught(e);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        try {
            if (msg instanceof DatagramPacket packet) {
                tap.datagram(Direction.OUT, (InetSocketAddress) ctx.channel().localAddress(), packet.recipient(),
                        packet.content());
            } else if (msg instanceof ByteBuf bytes && remote != null) {
                tap.stream(Direction.OUT, local, remote, bytes);
            }
        } catch (RuntimeException e) {
            ctx.fireExceptionCaught(e);
        }
        super.write(ctx, msg, promise);
    }
}
