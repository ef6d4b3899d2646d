package io.vehicle.launcher.tools.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.vehicle.someip.runtime.SomeIpRuntime;
import java.net.InetSocketAddress;

/**
 * The server side of the Netty floor ({@code vehicle load --baseline netty}), in {@code load-server}:
 * a UDP and a TCP echo on the stack's own event loop and transport, with one handler each and no
 * SOME/IP. What the stack costs beyond these is ours; what these cost beyond the bare sockets is
 * Netty's event loop on this machine.
 */
final class NettyEchoes implements AutoCloseable {

    private final Channel udp;
    private final Channel tcp;

    NettyEchoes(SomeIpRuntime runtime, String host) throws InterruptedException {
        udp = new Bootstrap().group(runtime.group()).channel(runtime.transport().datagramChannel())
                .handler(new UdpEcho()).bind(host, 0).sync().channel();
        tcp = new ServerBootstrap().group(runtime.group()).channel(runtime.transport().serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new TcpEcho());
                    }
                }).bind(host, 0).sync().channel();
    }

    int udpPort() {
        return ((InetSocketAddress) udp.localAddress()).getPort();
    }

    int tcpPort() {
        return ((InetSocketAddress) tcp.localAddress()).getPort();
    }

    @Override
    public void close() {
        udp.close().syncUninterruptibly();
        tcp.close().syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class UdpEcho extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ctx.writeAndFlush(new DatagramPacket(packet.content().retain(), packet.sender()));
        }
    }

    /** Bytes back as they come, like the bare TCP echo. */
    private static final class TcpEcho extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf bytes) {
            ctx.writeAndFlush(bytes.retain());
        }
    }
}
