package io.vehicle.someip.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The native epoll transport where it loads, NIO otherwise; the rest of the stack does not care which. */
public enum NettyTransport {
    EPOLL(EpollDatagramChannel.class, EpollSocketChannel.class, EpollServerSocketChannel.class),
    NIO(NioDatagramChannel.class, NioSocketChannel.class, NioServerSocketChannel.class);

    private final Class<? extends DatagramChannel> datagramChannel;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends ServerSocketChannel> serverSocketChannel;

    NettyTransport(Class<? extends DatagramChannel> datagramChannel, Class<? extends SocketChannel> socketChannel,
                   Class<? extends ServerSocketChannel> serverSocketChannel) {
        this.datagramChannel = datagramChannel;
        this.socketChannel = socketChannel;
        this.serverSocketChannel = serverSocketChannel;
    }

    /** Epoll when the native library loads and {@code vehicle.transport} is not set to nio. */
    public static NettyTransport best() {
        if ("nio".equalsIgnoreCase(System.getProperty("vehicle.transport"))) {
            return NIO;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public EventLoopGroup newEventLoopGroup(int threads) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /**
     * A bootstrap for IPv4 UDP sockets that share their port with other nodes on this host
     * (SO_REUSEADDR, and SO_REUSEPORT on epoll): SD sockets and multicast event receivers. IPv4
     * explicitly, since joining an IPv4 group needs an IPv4 socket.
     */
    public io.netty.bootstrap.Bootstrap sharedPortIpv4Datagrams(io.netty.channel.EventLoopGroup loop) {
        io.netty.bootstrap.Bootstrap bootstrap = new io.netty.bootstrap.Bootstrap().group(loop)
                .channelFactory(this == EPOLL
                        ? () -> new EpollDatagramChannel(io.netty.channel.socket.SocketProtocolFamily.INET)
                        : () -> new NioDatagramChannel(io.netty.channel.socket.SocketProtocolFamily.INET))
                .option(io.netty.channel.ChannelOption.SO_REUSEADDR, true);
        if (this == EPOLL) {
            bootstrap.option(io.netty.channel.unix.UnixChannelOption.SO_REUSEPORT, true);
        }
        return bootstrap;
    }

    /**
     * Lets sockets of this process share a port (SO_REUSEPORT; the kernel allows it for sockets of
     * the same user only): a server's UDP socket and the sockets connected to each of its
     * subscribers, which the kernel prefers for datagrams from their peer.
     */
    public io.netty.bootstrap.Bootstrap reusePort(io.netty.bootstrap.Bootstrap bootstrap) {
        if (this == EPOLL) {
            return bootstrap.option(io.netty.channel.unix.UnixChannelOption.SO_REUSEPORT, true);
        }
        return bootstrap.option(io.netty.channel.socket.nio.NioChannelOption.of(
                java.net.StandardSocketOptions.SO_REUSEPORT), true);
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        return serverSocketChannel;
    }
}
