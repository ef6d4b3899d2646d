package io.vehicle.someip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
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
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Netty's transports, in the order a configured one falls back: io_uring (fewest system calls per
 * round trip: submissions and completions share {@code io_uring_enter}), epoll, then NIO, which runs
 * anywhere. The rest of the stack does not care which. Which one a process gets, and what
 * {@code auto} prefers, is decided by {@link TransportChoice}.
 */
public enum NettyTransport {
    IO_URING("io_uring", IoUringDatagramChannel.class, IoUringSocketChannel.class, IoUringServerSocketChannel.class,
            IoUringIoHandler::newFactory, IoUringDatagramChannel::new),
    EPOLL("epoll", EpollDatagramChannel.class, EpollSocketChannel.class, EpollServerSocketChannel.class,
            EpollIoHandler::newFactory, EpollDatagramChannel::new),
    NIO("nio", NioDatagramChannel.class, NioSocketChannel.class, NioServerSocketChannel.class,
            NioIoHandler::newFactory, NioDatagramChannel::new);

    private final String configName;
    private final Class<? extends DatagramChannel> datagramChannel;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends ServerSocketChannel> serverSocketChannel;
    private final Supplier<IoHandlerFactory> ioHandlers;
    private final java.util.function.Function<SocketProtocolFamily, DatagramChannel> datagrams;

    NettyTransport(String configName, Class<? extends DatagramChannel> datagramChannel,
                   Class<? extends SocketChannel> socketChannel,
                   Class<? extends ServerSocketChannel> serverSocketChannel, Supplier<IoHandlerFactory> ioHandlers,
                   java.util.function.Function<SocketProtocolFamily, DatagramChannel> datagrams) {
        this.configName = configName;
        this.datagramChannel = datagramChannel;
        this.socketChannel = socketChannel;
        this.serverSocketChannel = serverSocketChannel;
        this.ioHandlers = ioHandlers;
        this.datagrams = datagrams;
    }

    /** The name in configuration files and on the command line: io_uring, epoll, nio. */
    public String configName() {
        return configName;
    }

    /** {@code auto} (null) or one of {@link #configName()}, case-insensitive. */
    public static NettyTransport parse(String name) {
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (NettyTransport transport : values()) {
            if (transport.configName.equals(wanted) || (transport == IO_URING && wanted.equals("iouring"))) {
                return transport;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name + "': expected auto, io_uring, epoll or nio");
    }

    /** Whether this process can use the transport (native library loaded, kernel allows it). */
    public boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Why the transport cannot be used here, or null when it can. */
    public Throwable unavailabilityCause() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
            case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
            case NIO -> null;
        };
    }

    /** The transports after this one, to fall back on. */
    public List<NettyTransport> fallbacks() {
        List<NettyTransport> after = new ArrayList<>();
        for (NettyTransport transport : values()) {
            if (transport.ordinal() > ordinal()) {
                after.add(transport);
            }
        }
        return after;
    }

    /** A native (Linux-only) transport, whose socket options follow the Linux names. */
    public boolean isNative() {
        return this != NIO;
    }

    public EventLoopGroup newEventLoopGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlers.get());
    }

    /**
     * A bootstrap for IPv4 UDP sockets that share their port with other nodes on this host
     * (SO_REUSEADDR, and SO_REUSEPORT on the native transports): SD sockets and multicast event
     * receivers. IPv4 explicitly, since joining an IPv4 group needs an IPv4 socket.
     */
    public Bootstrap sharedPortIpv4Datagrams(EventLoopGroup loop) {
        Bootstrap bootstrap = new Bootstrap().group(loop)
                .channelFactory(() -> datagrams.apply(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_REUSEADDR, true);
        if (isNative()) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        return bootstrap;
    }

    /**
     * A bootstrap for UDP sockets of {@code family} that may share their address and port with other
     * sockets that ask for it too (SO_REUSEADDR, as vsomeip's server sockets do), and with
     * {@code reusePort} also join the port's SO_REUSEPORT group (sockets of the same user): a server's
     * socket and the sockets connected to each of its subscribers (see {@code SubscriberSockets}).
     */
    public Bootstrap portSharingDatagrams(EventLoopGroup group, SocketProtocolFamily family, boolean reusePort) {
        Bootstrap bootstrap = new Bootstrap().group(group).channelFactory(() -> datagrams.apply(family))
                .option(ChannelOption.SO_REUSEADDR, true);
        if (reusePort) {
            bootstrap.option(isNative() ? UnixChannelOption.SO_REUSEPORT
                    : NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
        return bootstrap;
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
