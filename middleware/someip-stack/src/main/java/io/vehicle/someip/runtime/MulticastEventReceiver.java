package io.vehicle.someip.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.MulticastInterfaces;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;

/**
 * Receives the events of a multicast eventgroup (the group the server named in its
 * SubscribeEventgroupAck): a socket bound to the group and port, joined on the interface of the
 * client's unicast address. Several clients on one host share the port (SO_REUSEADDR).
 */
public final class MulticastEventReceiver implements AutoCloseable {

    private final Channel channel;

    public MulticastEventReceiver(SomeIpRuntime runtime, InetSocketAddress group, InetAddress localAddress,
                           EndpointOptions options, InboundErrors errors, InboundSink sink) {
        NetworkInterface nic = MulticastInterfaces.of(localAddress);
        Bootstrap bootstrap = runtime.transport().sharedPortIpv4Datagrams(runtime.group())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        Pipelines.udp(ch.pipeline(), options, errors, sink);
                    }
                });
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
