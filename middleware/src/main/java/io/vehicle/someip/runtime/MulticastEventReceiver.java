package io.vehicle.someip.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.MulticastInterfaces;
import io.vehicle.someip.transport.NettyTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;

/**
 * Receives the events of a multicast eventgroup (the group the server named in its
 * SubscribeEventgroupAck): a socket bound to the group and port, joined on the interface of the
 * client's unicast address. Several clients on one host share the port (SO_REUSEADDR).
 */
final class MulticastEventReceiver implements AutoCloseable {

    private final Channel channel;

    MulticastEventReceiver(SomeIpRuntime runtime, InetSocketAddress group, InetAddress localAddress,
                           EndpointOptions options, InboundErrors errors, InboundSink sink) {
        NetworkInterface nic = MulticastInterfaces.of(localAddress);
        Bootstrap bootstrap = new Bootstrap().group(runtime.group())
                .channelFactory(runtime.transport() == NettyTransport.EPOLL
                        ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET)
                        : () -> new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        Pipelines.udp(ch.pipeline(), options, errors, sink);
                    }
                });
        if (runtime.transport() == NettyTransport.EPOLL) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        channel = bootstrap.bind(group).syncUninterruptibly().channel();
        try {
            ((DatagramChannel) channel).joinGroup(group, nic).syncUninterruptibly();
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
