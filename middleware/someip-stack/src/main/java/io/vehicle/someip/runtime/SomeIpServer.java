package io.vehicle.someip.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SOME/IP server endpoint: one UDP socket and one TCP listener on the same address
 * (feat_req_someip_644: a server port per transport), dispatching requests to the registered
 * services. Responses go back over the transport and to the port the request came from
 * (feat_req_someip_49).
 */
public final class SomeIpServer implements AutoCloseable {

    private final RequestDispatcher dispatcher;
    private final InboundErrors errors = new InboundErrors();
    private final Channel udp;
    private final Channel tcp;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<InetSocketAddress, Channel> connectionsByPeer = new ConcurrentHashMap<>();
    private volatile InboundSink otherMessages = (message, peer, replier) -> message.release();

    private SomeIpServer(SomeIpRuntime runtime, InetSocketAddress udpBind, InetSocketAddress tcpBind,
                         EndpointOptions options) {
        this.dispatcher = new RequestDispatcher(options.answerUnknownIds());
        InboundSink sink = this::onMessage;
        Channel udpChannel = null;
        Channel tcpChannel = null;
        try {
            if (udpBind != null) {
                udpChannel = new Bootstrap().group(runtime.group()).channel(runtime.transport().datagramChannel())
                        .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                        .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                        .handler(new ChannelInitializer<DatagramChannel>() {
                            @Override
                            protected void initChannel(DatagramChannel ch) {
                                Pipelines.udp(ch.pipeline(), options, errors, sink);
                            }
                        }).bind(udpBind).syncUninterruptibly().channel();
            }
            if (tcpBind != null) {
                tcpChannel = new ServerBootstrap().group(runtime.group())
                        .channel(runtime.transport().serverSocketChannel())
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                connections.add(ch);
                                InetSocketAddress peer = ch.remoteAddress();
                                connectionsByPeer.put(peer, ch);
                                ch.closeFuture().addListener(f -> connectionsByPeer.remove(peer, ch));
                                Pipelines.tcp(ch.pipeline(), true, options, errors, sink);
                            }
                        }).bind(tcpBind).syncUninterruptibly().channel();
            }
        } catch (RuntimeException e) {
            closeQuietly(udpChannel);
            closeQuietly(tcpChannel);
            throw e;
        }
        this.udp = udpChannel;
        this.tcp = tcpChannel;
    }

    /** Binds UDP and TCP on {@code host}; a port of 0 picks a free one, -1 leaves that transport out. */
    public static SomeIpServer start(SomeIpRuntime runtime, String host, int udpPort, int tcpPort,
                                     EndpointOptions options) {
        return new SomeIpServer(runtime, udpPort < 0 ? null : new InetSocketAddress(host, udpPort),
                tcpPort < 0 ? null : new InetSocketAddress(host, tcpPort), options);
    }

    public void register(ServiceDefinition service) {
        dispatcher.register(service);
    }

    /** Receives what is not a request (responses, notifications) arriving at this endpoint. */
    public void onOtherMessages(InboundSink sink) {
        this.otherMessages = sink;
    }

    public InetSocketAddress udpAddress() {
        return udp == null ? null : (InetSocketAddress) udp.localAddress();
    }

    public InetSocketAddress tcpAddress() {
        return tcp == null ? null : (InetSocketAddress) tcp.localAddress();
    }

    /** The event loop of the UDP socket: sends made on it go straight to the socket, with no task hop. */
    public io.netty.channel.EventLoop udpEventLoop() {
        return udp.eventLoop();
    }

    /** The TCP connections clients have open to this endpoint now. */
    public java.util.List<Channel> tcpConnections() {
        return java.util.List.copyOf(connectionsByPeer.values());
    }

    public InboundErrors inboundErrors() {
        return errors;
    }

    public RequestDispatcher dispatcher() {
        return dispatcher;
    }

    /** Sends a message (an event, say) over UDP to {@code target}; takes ownership of it. */
    public ChannelFuture sendUdp(SomeIpMessage message, InetSocketAddress target, boolean flush) {
        if (udp == null) {
            message.release();
            throw new IllegalStateException("this server was started without a UDP endpoint");
        }
        DefaultAddressedEnvelope<SomeIpMessage, InetSocketAddress> envelope =
                new DefaultAddressedEnvelope<>(message, target);
        return flush ? udp.writeAndFlush(envelope) : udp.write(envelope);
    }

    /**
     * Sends raw bytes as one UDP datagram from this endpoint, past the SOME/IP encoder: for test
     * instruments that must put on the wire what the stack never would (malformed messages). Takes
     * ownership of {@code bytes}.
     */
    public ChannelFuture sendDatagram(io.netty.buffer.ByteBuf bytes, InetSocketAddress target) {
        if (udp == null) {
            bytes.release();
            throw new IllegalStateException("this server was started without a UDP endpoint");
        }
        return udp.writeAndFlush(new io.netty.channel.socket.DatagramPacket(bytes, target));
    }

    /**
     * Like {@link #sendUdp}, but always queued on the channel's event loop, never written inline,
     * so messages sent from several threads leave in the order they were sent (field values).
     */
    public void sendUdpInOrder(SomeIpMessage message, InetSocketAddress target) {
        if (udp == null) {
            message.release();
            throw new IllegalStateException("this server was started without a UDP endpoint");
        }
        try {
            udp.eventLoop().execute(() -> udp.writeAndFlush(new DefaultAddressedEnvelope<>(message, target),
                    udp.voidPromise()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            message.release(); // shutting down
        }
    }

    /** Like {@link #sendTcp}, but always queued on the connection's event loop (see {@link #sendUdpInOrder}). */
    public boolean sendTcpInOrder(SomeIpMessage message, InetSocketAddress peer) {
        Channel connection = connectionsByPeer.get(peer);
        if (connection == null || !connection.isActive()) {
            message.release();
            return false;
        }
        try {
            connection.eventLoop().execute(() -> connection.writeAndFlush(message, connection.voidPromise()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            message.release();
            return false;
        }
        return true;
    }

    /**
     * Sends a message over the TCP connection that {@code peer} opened to us; false (and the
     * message released) when there is none.
     */
    public boolean sendTcp(SomeIpMessage message, InetSocketAddress peer) {
        Channel connection = connectionsByPeer.get(peer);
        if (connection == null || !connection.isActive()) {
            message.release();
            return false;
        }
        connection.writeAndFlush(message, connection.voidPromise());
        return true;
    }

    /** Closes the TCP connections from one host (feat_req_someipsd_872: reset after its reboot). */
    public void closeConnectionsFrom(java.net.InetAddress host) {
        connectionsByPeer.forEach((peer, channel) -> {
            if (peer.getAddress().equals(host)) {
                channel.close();
            }
        });
    }

    public void flushUdp() {
        udp.flush();
    }

    private void onMessage(SomeIpMessage message, InetSocketAddress peer, Replier replier) {
        if (message.messageType().isRequest()) {
            dispatcher.dispatch(message, replier);
        } else {
            otherMessages.onMessage(message, peer, replier);
        }
    }

    @Override
    public void close() {
        closeQuietly(udp);
        closeQuietly(tcp);
        connections.close().awaitUninterruptibly();
    }

    private static void closeQuietly(Channel channel) {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }
}
