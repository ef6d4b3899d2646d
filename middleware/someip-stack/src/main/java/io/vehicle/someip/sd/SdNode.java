package io.vehicle.someip.sd;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.sd.message.DecodedSdMessage;
import io.vehicle.someip.sd.message.EndpointOption;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdFormatException;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.OutboundFilterHandler;
import io.vehicle.someip.transport.TrafficHooks;
import io.vehicle.someip.transport.TrafficTapHandler;
import io.vehicle.someip.transport.RefusalCounter;
import io.vehicle.someip.transport.UdpSomeIpDecoder;
import io.vehicle.someip.transport.UdpSomeIpEncoder;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SD endpoint of one node on the network: a unicast socket on the node's address and SD port
 * (which also sends the multicasts, so peers see where to answer) and a socket bound to the SD
 * multicast group, joined on the interface of the unicast address. Multicast leaves through that
 * interface only (IP_MULTICAST_IF) with TTL 1, so on one machine it stays on loopback.
 */
public final class SdNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SdNode.class);

    private final SdConfig config;
    private final ServiceDiscovery discovery;
    private final Channel unicast;
    private final Channel multicast;
    private final InetSocketAddress group;
    private final InetSocketAddress self;
    private final InboundErrors errors = new InboundErrors();
    private final RefusalCounter<SdRefusal> refusals = RefusalCounter.of(SdRefusal.class, LOG);
    private final AddressFilter allowed;

    private final TrafficHooks traffic;

    private SdNode(SomeIpRuntime runtime, SdConfig config, TrafficHooks traffic) throws SocketException {
        this.config = config;
        this.traffic = traffic;
        Inet4Address address = config.unicastAddress();
        NetworkInterface nic = io.vehicle.someip.transport.MulticastInterfaces.of(address);
        this.group = new InetSocketAddress(config.multicastGroup(), config.port());
        this.self = new InetSocketAddress(address, config.port());
        io.netty.channel.EventLoop loop = runtime.group().next();
        this.allowed = AddressFilter.of(config.allowedSubnets());
        this.discovery = new ServiceDiscovery(new EventLoopScheduler(loop), this::send, config.timings(), address,
                allowed, new SecureRandom(), refusals, config.limits(), config.trust());
        Bootstrap base = runtime.transport().sharedPortIpv4Datagrams(loop);
        if (runtime.transport().isNative()) {
            // No IP_MULTICAST_TTL here: Netty's native transports map it to IP_TTL, which would send
            // our unicast SD answers with TTL 1 too. Linux's default multicast TTL is already 1.
        } else {
            base.option(ChannelOption.IP_MULTICAST_TTL, 1);
        }
        this.unicast = base.clone()
                .option(ChannelOption.IP_MULTICAST_IF, nic)
                .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false)
                .handler(initializer(false)).bind(self).syncUninterruptibly().channel();
        Channel mc = null;
        try {
            mc = base.clone().handler(initializer(true)).bind(group).syncUninterruptibly().channel();
            ((DatagramChannel) mc).joinGroup(group, nic).syncUninterruptibly();
        } catch (RuntimeException e) {
            unicast.close();
            if (mc != null) {
                mc.close();
            }
            throw e;
        }
        this.multicast = mc;
        LOG.info("SOME/IP-SD on {} (multicast {} via {})", self, group, nic.getName());
    }

    public static SdNode start(SomeIpRuntime runtime, SdConfig config) {
        return start(runtime, config, TrafficHooks.NONE);
    }

    /** With a traffic tap and/or outbound filter on both SD sockets (SD messages have service id 0xFFFF). */
    public static SdNode start(SomeIpRuntime runtime, SdConfig config, TrafficHooks traffic) {
        try {
            return new SdNode(runtime, config, traffic);
        } catch (SocketException e) {
            throw new IllegalStateException("cannot start SOME/IP-SD on " + config.unicastAddress(), e);
        }
    }

    public ServiceDiscovery discovery() {
        return discovery;
    }

    public InetSocketAddress address() {
        return self;
    }

    /** Input on the SD sockets that was not a SOME/IP message, per {@link io.vehicle.someip.wire.WireError}. */
    public InboundErrors inboundErrors() {
        return errors;
    }

    /** SD messages and entries refused, per reason; the state machines count theirs here too. */
    public RefusalCounter<SdRefusal> refusals() {
        return refusals;
    }

    /**
     * Datagrams and messages that were not well-formed SD, each counted once: input that is not
     * SOME/IP ({@link #inboundErrors()}), SOME/IP that is not SD, and SD that does not decode.
     */
    public long malformedMessages() {
        return errors.total() + refusals.count(SdRefusal.NOT_SD) + refusals.count(SdRefusal.MALFORMED_SD);
    }

    private ChannelInitializer<DatagramChannel> initializer(boolean viaMulticast) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(new UdpSomeIpDecoder(errors), new UdpSomeIpEncoder(65_000),
                        new SdInbound(viaMulticast));
                if (traffic.tap() != null) {
                    ch.pipeline().addFirst(new TrafficTapHandler(traffic.tap()));
                }
                if (traffic.filter() != null) {
                    ch.pipeline().addLast(new OutboundFilterHandler(traffic.filter()));
                }
            }
        };
    }


    private void send(SdMessage message, int sessionId, InetSocketAddress target) {
        SomeIpMessage encoded = SdCodec.encodeMessage(message, sessionId, unicast.alloc());
        unicast.writeAndFlush(new DefaultAddressedEnvelope<>(encoded, target == null ? group : target))
                .addListener(f -> {
                    if (f.isSuccess()) {
                        return;
                    }
                    if (f.cause() instanceof ClosedChannelException) {
                        // The node is closing: an entry queued before close found the socket gone; nothing is lost.
                        LOG.debug("SD send to {} after close", target == null ? group : target);
                    } else {
                        LOG.warn("SD send to {} failed: {}", target == null ? group : target, f.cause().toString());
                    }
                });
    }

    /** Decodes SD messages and hands them to the state machines, on their event loop. */
    private final class SdInbound extends SimpleChannelInboundHandler<AddressedEnvelope<SomeIpMessage, InetSocketAddress>> {
        private final boolean viaMulticast;

        SdInbound(boolean viaMulticast) {
            this.viaMulticast = viaMulticast;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AddressedEnvelope<SomeIpMessage, InetSocketAddress> msg) {
            SomeIpMessage message = msg.content();
            InetSocketAddress source = msg.sender();
            if (source.equals(self)) {
                return; // our own multicast, looped back
            }
            if (message.serviceId() != SdCodec.SERVICE_ID || message.methodId() != SdCodec.METHOD_ID) {
                refusals.record(source, SdRefusal.NOT_SD, "non-SD message on the SD port: " + message);
                return;
            }
            DecodedSdMessage decoded;
            try {
                decoded = SdCodec.decode(message);
            } catch (SdFormatException e) {
                refusals.record(source, SdRefusal.MALFORMED_SD, "malformed SD message: " + e.getMessage());
                return;
            }
            // feat_req_someipsd_1084: the SD Endpoint Option, when present, names the sender.
            InetSocketAddress sender = decoded.message().sdEndpoint()
                    .map(o -> new InetSocketAddress(o.address(), o.port())).orElse(source);
            if (!allowed.allows(sender.getAddress()) || !allowed.allows(source.getAddress())) {
                // feat_req_someipsd_1135: an SD endpoint outside the allowed subnets is not answered.
                refusals.record(source, SdRefusal.SENDER_NOT_ALLOWED, "SD message from " + source + " naming "
                        + sender + ", outside the allowed subnets");
                return;
            }
            if (!sender.equals(source) && !config.trust().sdEndpointOptionTrusted()) {
                // The source is the only identity a sender has without authenticated SD: a message
                // naming another node would let anyone forge that node's reboots, StopOffers and
                // StopSubscribes.
                refusals.record(source, SdRefusal.SD_ENDPOINT_NOT_SOURCE, "SD message from " + source
                        + " whose SD Endpoint Option names " + sender + ": refused");
                return;
            }
            discovery.onMessage(decoded.message(), message.sessionId(), sender, viaMulticast, decoded.rejected());
        }
    }

    /** Closes the sockets without a StopOffer, as a crash would. */
    public void closeSilently() {
        unicast.close().syncUninterruptibly();
        multicast.close().syncUninterruptibly();
        discovery.close();
    }

    @Override
    public void close() {
        discovery.close();
        // The StopOffers are queued on the loop before the channels close.
        unicast.eventLoop().submit(() -> null).syncUninterruptibly();
        unicast.close().syncUninterruptibly();
        multicast.close().syncUninterruptibly();
    }
}
