package io.vehicle.someip.runtime;

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
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.WriteBufferWaterMark;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.RefusalCounter;
import io.vehicle.someip.transport.SomeIpMessageSizeEstimator;
import io.vehicle.someip.transport.TcpIdleGuard;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SOME/IP server endpoint: one UDP socket and one TCP listener on the same address
 * (feat_req_someip_644: a server port per transport), dispatching requests to the registered
 * services. Responses go back over the transport and to the port the request came from
 * (feat_req_someip_49).
 *
 * <p>Bounded against a peer that misbehaves ({@link EndpointOptions}, docs/security.md): TCP
 * connections per host and in all (a new one over the total closes the connection idle longest),
 * closed when idle or when a partial message does not complete in time; events go to each UDP
 * subscriber over a socket of its own ({@link SubscriberSockets}) and to each TCP subscriber over
 * its connection, both with a high watermark beyond which events are dropped and counted.
 */
public final class SomeIpServer implements AutoCloseable {

    private final RequestDispatcher dispatcher;
    private final InboundErrors errors = new InboundErrors();
    private final Channel udp;
    private final Channel tcp;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<InetSocketAddress, Channel> connectionsByPeer = new ConcurrentHashMap<>();
    /** TCP connections that carry events of a subscription, with how many subscriptions use each. */
    private final Map<InetSocketAddress, Integer> subscribedConnections = new ConcurrentHashMap<>();
    private final EndpointOptions options;
    private final SubscriberSockets subscriberSockets;
    /** Guarded by {@code connectionsByPeer}'s monitor, so an event is held or sent, never neither. */
    private final EventsAwaitingConnection awaitingConnection;
    private volatile InboundSink otherMessages = (message, peer, replier) -> message.release();

    private SomeIpServer(SomeIpRuntime runtime, InetSocketAddress udpBind, InetSocketAddress tcpBind,
                         EndpointOptions options) {
        this.dispatcher = new RequestDispatcher(options.answerUnknownIds());
        this.options = options;
        InboundSink sink = this::onMessage;
        Channel udpChannel = null;
        Channel tcpChannel = null;
        int queue = options.subscriberQueueBytes();
        try {
            if (udpBind != null) {
                // IPv4 explicitly for an IPv4 address: subscriber sockets rely on it (SubscriberSockets).
                udpChannel = runtime.transport().portSharingDatagrams(runtime.group(),
                                udpBind.getAddress() instanceof Inet6Address ? SocketProtocolFamily.INET6
                                        : SocketProtocolFamily.INET, true)
                        .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                        .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                        .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SomeIpMessageSizeEstimator.INSTANCE)
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
                        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(queue / 2, queue))
                        .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SomeIpMessageSizeEstimator.INSTANCE)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                if (!admit(ch)) {
                                    return;
                                }
                                connections.add(ch);
                                InetSocketAddress peer = ch.remoteAddress();
                                ch.pipeline().addLast("tcp-idle", new TcpIdleGuard(options.tcp().idleTimeoutMillis(),
                                        options.refusals(), () -> subscribedConnections.containsKey(peer)));
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
        this.subscriberSockets = udpChannel == null ? null
                : new SubscriberSockets(runtime.transport(), udpChannel, options, errors, sink);
        this.awaitingConnection = tcpChannel == null ? null : new EventsAwaitingConnection(tcpChannel.eventLoop(),
                EventsAwaitingConnection.DEFAULT_WAIT_MILLIS, options.subscriberQueueBytes(), options.refusals());
    }

    /**
     * Takes a new connection into the table, or refuses it: over the limit per host it is closed at
     * once; over the total, the connection idle longest is closed to make room (a flood of idle
     * connections cannot lock out a client that talks).
     */
    private boolean admit(SocketChannel ch) {
        InetSocketAddress peer = ch.remoteAddress();
        EndpointOptions.TcpLimits limits = options.tcp();
        Channel evicted = null;
        synchronized (connectionsByPeer) {
            long fromHost = connectionsByPeer.keySet().stream()
                    .filter(p -> p.getAddress().equals(peer.getAddress())).count();
            if (fromHost >= limits.maxConnectionsPerHost()) {
                options.refusals().record(peer, EndpointRefusal.TCP_CONNECTION_LIMIT, "TCP connection from " + peer
                        + " over the limit of " + limits.maxConnectionsPerHost() + " per host: closed");
                ch.close();
                return false;
            }
            if (connectionsByPeer.size() >= limits.maxConnections()) {
                evicted = idleLongest();
                if (evicted != null) {
                    connectionsByPeer.remove((InetSocketAddress) evicted.remoteAddress(), evicted);
                }
            }
            List<SomeIpMessage> waiting = awaitingConnection.take(peer);
            if (!waiting.isEmpty()) {
                // Queued on the connection's loop before the connection can be seen: every event a sender
                // queues once it finds the connection comes after these.
                ch.eventLoop().execute(() -> {
                    waiting.forEach(event -> ch.write(event, ch.voidPromise()));
                    ch.flush();
                });
            }
            connectionsByPeer.put(peer, ch);
        }
        ch.closeFuture().addListener(f -> connectionsByPeer.remove(peer, ch));
        if (evicted != null) {
            options.refusals().record(evicted.remoteAddress(), EndpointRefusal.TCP_CONNECTION_LIMIT, "TCP connection "
                    + "idle longest closed: " + limits.maxConnections() + " connections in all, " + peer + " came");
            evicted.close();
        }
        return true;
    }

    /** The connection idle longest, one carrying no subscription if there is such. */
    private Channel idleLongest() {
        Channel oldest = null;
        long oldestActivity = 0;
        boolean oldestSubscribed = true;
        for (Map.Entry<InetSocketAddress, Channel> e : connectionsByPeer.entrySet()) {
            TcpIdleGuard guard = e.getValue().pipeline().get(TcpIdleGuard.class);
            long activity = guard == null ? Long.MIN_VALUE : guard.lastActivityNanos();
            boolean subscribed = subscribedConnections.containsKey(e.getKey());
            if (oldest == null || (oldestSubscribed && !subscribed)
                    || (subscribed == oldestSubscribed && activity - oldestActivity < 0)) {
                oldest = e.getValue();
                oldestActivity = activity;
                oldestSubscribed = subscribed;
            }
        }
        return oldest;
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

    /**
     * Like {@link #sendTcp}, but always queued on the connection's event loop (see {@link #sendUdpInOrder});
     * before the connection from {@code peer} is accepted the event waits for it (at most 5 s,
     * {@link EventsAwaitingConnection}).
     */
    public boolean sendTcpInOrder(SomeIpMessage message, InetSocketAddress peer) {
        synchronized (connectionsByPeer) {
            if (awaitingConnection != null && !connectionsByPeer.containsKey(peer)) {
                // Its Subscribe came before we accepted its connection: the event waits for it.
                awaitingConnection.hold(peer, message);
                return true;
            }
        }
        Channel connection = writableConnection(message, peer);
        if (connection == null) {
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
     * Sends a message (an event) over the TCP connection that {@code peer} opened to us; false (and
     * the message released) when there is none, or when more than the subscriber queue is waiting
     * to be written to it (then counted as {@link EndpointRefusal#EVENT_DROPPED_QUEUE_FULL}).
     */
    public boolean sendTcp(SomeIpMessage message, InetSocketAddress peer) {
        Channel connection = writableConnection(message, peer);
        if (connection == null) {
            return false;
        }
        connection.writeAndFlush(message, connection.voidPromise());
        return true;
    }

    /** The peer's connection if it can take more now; else null, with the message released. */
    private Channel writableConnection(SomeIpMessage message, InetSocketAddress peer) {
        Channel connection = connectionsByPeer.get(peer);
        if (connection == null || !connection.isActive()) {
            message.release();
            return null;
        }
        if (!connection.isWritable()) {
            message.release();
            options.refusals().record(peer, EndpointRefusal.EVENT_DROPPED_QUEUE_FULL, "event for TCP subscriber "
                    + peer + " dropped: more than " + options.subscriberQueueBytes() + " bytes queued for it");
            return null;
        }
        return connection;
    }

    /**
     * Sends an event to a UDP subscriber over the socket connected to it (see {@link SubscriberSockets});
     * dropped and counted when its queue is full. Takes ownership of the message. {@code inOrder}:
     * always queued on the event loop, never written inline (see {@link #sendUdpInOrder}).
     */
    public boolean sendEventUdp(SomeIpMessage message, InetSocketAddress subscriber, boolean inOrder) {
        if (subscriberSockets == null) {
            message.release();
            throw new IllegalStateException("this server was started without a UDP endpoint");
        }
        return subscriberSockets.send(message, subscriber, inOrder);
    }

    /**
     * A subscription now sends events to {@code udp} and/or over the TCP connection from {@code tcp}
     * (either may be null): the UDP endpoint's own socket opens with its first subscription, and the
     * TCP connection is kept through idle times and when a newcomer needs room, since events may be
     * rare and the client sends nothing on it. The stage completes when the subscription may be
     * acknowledged: the UDP endpoint's socket is connected (at once when there is none to open).
     */
    public CompletableFuture<Void> subscriberAdded(InetSocketAddress udp, InetSocketAddress tcp) {
        if (tcp != null) {
            subscribedConnections.merge(tcp, 1, Integer::sum);
        }
        if (udp != null && subscriberSockets != null) {
            return subscriberSockets.open(udp);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** A subscription added by {@link #subscriberAdded} ended. */
    public void subscriberRemoved(InetSocketAddress udp, InetSocketAddress tcp) {
        if (udp != null && subscriberSockets != null) {
            subscriberSockets.close(udp);
        }
        if (tcp != null) {
            subscribedConnections.computeIfPresent(tcp, (peer, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** Told of every UDP subscriber endpoint found unreachable (ICMP port unreachable, write errors). */
    public void onSubscriberUnreachable(java.util.function.Consumer<InetSocketAddress> listener) {
        if (subscriberSockets != null) {
            subscriberSockets.onUnreachable(listener);
        }
    }

    /** Subscriber sockets from now on of the server socket's family, in the port's group (for tests). */
    void subscriberSocketsInThePortsGroup() {
        subscriberSockets.joinThePortsGroup();
    }

    /** The socket connected to a UDP subscriber's endpoint, or null (for tests). */
    Channel subscriberSocket(InetSocketAddress endpoint) {
        return subscriberSockets == null ? null : subscriberSockets.socketFor(endpoint);
    }

    /** Subscriber sockets connected and ready now. */
    public int subscriberSockets() {
        return subscriberSockets == null ? 0 : subscriberSockets.openSockets();
    }

    /** Bytes of partial messages its TCP connections (and those of servers sharing its options) buffer now. */
    public long tcpBufferedBytes() {
        return options.tcpBuffers().total();
    }

    /** What the endpoints built with this server's options refused, per reason. */
    public RefusalCounter<EndpointRefusal> refusals() {
        return options.refusals();
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
        if (subscriberSockets != null) {
            subscriberSockets.closeAll();
        }
        if (awaitingConnection != null) {
            awaitingConnection.clear();
        }
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
