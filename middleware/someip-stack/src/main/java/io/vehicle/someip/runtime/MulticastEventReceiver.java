package io.vehicle.someip.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.MulticastInterfaces;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.function.Predicate;

/**
 * Receives the events of a multicast eventgroup (the group the server named in its
 * SubscribeEventgroupAck): a socket bound to the group and port, joined on the interface of the
 * client's unicast address. Several clients on one host share the port (SO_REUSEADDR).
 *
 * <p>Anyone can send to a group: only messages whose source {@code acceptedSource} accepts (the
 * provider's UDP endpoint, feat_req_someipsd_850) reach the sink; the rest are dropped and counted
 * as {@link EndpointRefusal#SOURCE_NOT_PEER}.
 */
public final class MulticastEventReceiver implements AutoCloseable {

    private final Channel channel;

    public MulticastEventReceiver(SomeIpRuntime runtime, InetSocketAddress group, InetAddress localAddress,
                           EndpointOptions options, InboundErrors errors, Predicate<InetSocketAddress> acceptedSource,
                           InboundSink sink) {
        NetworkInterface nic = MulticastInterfaces.of(localAddress);
        InboundSink checked = (message, peer, replier) -> {
            if (acceptedSource.test(peer)) {
                sink.onMessage(message, peer, replier);
            } else {
                options.refusals().record(peer, EndpointRefusal.SOURCE_NOT_PEER, "message to multicast group "
                        + group + " from " + peer + ", not from the provider: dropped");
                message.release();
            }
        };
        Bootstrap bootstrap = runtime.transport().sharedPortIpv4Datagrams(runtime.group())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        Pipelines.udp(ch.pipeline(), options, errors, checked);
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
