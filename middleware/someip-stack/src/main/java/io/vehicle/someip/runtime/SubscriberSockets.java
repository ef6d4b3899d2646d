package io.vehicle.someip.runtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.someip.transport.SomeIpMessageSizeEstimator;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket per subscriber endpoint, bound to the server's own UDP address and port (so events
 * still come from the offer's endpoint, feat_req_someipsd_850) and connected to the subscriber. The
 * kernel then reports ICMP port unreachable for that subscriber alone, and each subscriber has its
 * own outgoing queue with a high watermark:
 * <ul>
 *   <li>an event for a subscriber whose queue is over the watermark is dropped and counted as
 *       {@link EndpointRefusal#EVENT_DROPPED_QUEUE_FULL}, so a subscriber that cannot keep up
 *       costs at most its watermark, never an unbounded queue;</li>
 *   <li>a subscriber whose endpoint answers with port unreachable (or whose writes fail) is counted
 *       as {@link EndpointRefusal#SUBSCRIBER_UNREACHABLE} and reported to the listeners, which drop
 *       its subscriptions.</li>
 * </ul>
 * <p>The server's socket is IPv4 and these are IPv6 (dual-stack, bound to the server's IPv4 address)
 * on purpose. Between its bind and its connect a socket on the server's port is an unconnected
 * receiver like the server's own, and with both of one family in the port's SO_REUSEPORT group the
 * kernel hands it a share of every client's requests; the JDK's {@code DatagramChannel.connect} then
 * discards what the socket holds, so on NIO those requests were lost without a trace. For an IPv4
 * datagram Linux scores an IPv4 socket above an IPv6 one of the same binding and a connected socket
 * above both, so these sockets (not in the group) get nothing until they are connected and then their
 * subscriber's datagrams only. Where that cannot be (a server bound to an IPv6 address, or no IPv6
 * sockets here: the JDK refuses them when IPv6 is disabled), the sockets are of the server's family
 * and in its group, as before, and may take another client's request while they connect (lost on NIO
 * only; logged once).
 * <p>Sockets are opened when a subscriber's endpoint is first used and closed when no subscription
 * uses it any more; until one is connected, events go through the server's shared socket. All
 * state lives on the server's UDP event loop.
 */
final class SubscriberSockets {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberSockets.class);
    /** How long a socket outlives its last subscription (see {@link #close}). */
    static final long CLOSE_GRACE_MILLIS = 1_000;
    /** Sockets outliving their subscriptions at most: beyond, one closes at once (a churn of subscribers). */
    static final int MAX_CLOSING = 64;

    private final NettyTransport transport;
    private final EventLoop loop;
    private final Channel shared;
    private final EndpointOptions options;
    private final InboundErrors errors;
    private final InboundSink sink;
    /** Changed on the loop only; read from any thread (a stale read only picks the shared socket). */
    private final Map<InetSocketAddress, Path> paths = new ConcurrentHashMap<>();
    private final List<Consumer<InetSocketAddress>> unreachableListeners = new CopyOnWriteArrayList<>();
    /** Whether the sockets are IPv6 beside an IPv4 server socket, else in its group (class comment); loop only. */
    private boolean apart;
    /** Sockets waiting out {@link #CLOSE_GRACE_MILLIS}; loop only. */
    private int closing;

    /** A subscriber endpoint's socket and how many subscriptions use it; changed on the loop only. */
    private static final class Path {
        final ChannelFuture connected;
        final Channel channel;
        int users;
        boolean unreachable;

        Path(ChannelFuture connected) {
            this.connected = connected;
            this.channel = connected.channel();
        }
    }

    SubscriberSockets(NettyTransport transport, Channel shared, EndpointOptions options, InboundErrors errors,
                      InboundSink sink) {
        this.transport = transport;
        this.loop = shared.eventLoop();
        this.shared = shared;
        this.options = options;
        this.errors = errors;
        this.sink = sink;
        this.apart = ((InetSocketAddress) shared.localAddress()).getAddress() instanceof Inet4Address;
    }

    void onUnreachable(Consumer<InetSocketAddress> listener) {
        unreachableListeners.add(listener);
    }

    /**
     * A subscription now uses {@code target}: its socket opens with the first one. The stage completes
     * once the socket is connected (or cannot be): the subscription's Ack waits for it, since the
     * subscriber's datagrams that follow the Ack must not reach the socket while it connects (the JDK's
     * connect discards what reached it by then).
     */
    CompletableFuture<Void> open(InetSocketAddress target) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        if (!onLoop(() -> openOnLoop(target).addListener(f -> connected.complete(null)))) {
            connected.complete(null); // shutting down
        }
        return connected;
    }

    /** Opens or reuses {@code target}'s socket; the future completes when it is connected (or cannot be). */
    private ChannelFuture openOnLoop(InetSocketAddress target) {
        Path path = paths.get(target);
        if (path == null) {
            ChannelFuture connected = connect(target);
            if (connected == null) {
                return shared.newSucceededFuture();
            }
            path = new Path(connected);
            paths.put(target, path);
        }
        path.users++;
        return path.connected;
    }

    /**
     * A subscription of {@code target} ended: its socket closes with the last one, {@link #CLOSE_GRACE_MILLIS}
     * later unless the endpoint is unreachable or {@link #MAX_CLOSING} sockets wait already. The subscriber
     * may go on calling methods from that endpoint, and until the socket is closed its requests come in
     * there: closing it at once would drop a request sent just after the StopSubscribe and still waiting in
     * the socket's queue. After the close they come in through the server's socket.
     */
    void close(InetSocketAddress target) {
        onLoop(() -> {
            Path path = paths.get(target);
            if (path == null || path.users == 0 || --path.users > 0) {
                return;
            }
            if (path.unreachable || closing >= MAX_CLOSING) {
                remove(target, path);
                return;
            }
            closing++;
            loop.schedule(() -> {
                closing--;
                if (path.users == 0) {
                    remove(target, path);
                }
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void remove(InetSocketAddress target, Path path) {
        if (paths.remove(target, path)) {
            path.channel.close();
        }
    }

    /**
     * Sends an event to {@code target} unless its queue is full; takes ownership of the message.
     * Queued on the loop (never written inline) when {@code inOrder}, so that messages sent from
     * several threads leave in the order they were sent.
     */
    boolean send(SomeIpMessage message, InetSocketAddress target, boolean inOrder) {
        Channel channel = channelFor(target);
        if (!channel.isWritable()) {
            message.release();
            options.refusals().record(target, EndpointRefusal.EVENT_DROPPED_QUEUE_FULL, "event for subscriber "
                    + target + " dropped: more than " + options.subscriberQueueBytes() + " bytes queued for it");
            return false;
        }
        DefaultAddressedEnvelope<SomeIpMessage, InetSocketAddress> envelope =
                new DefaultAddressedEnvelope<>(message, target);
        if (!inOrder) {
            channel.writeAndFlush(envelope, channel.voidPromise());
            return true;
        }
        try {
            loop.execute(() -> channel.writeAndFlush(envelope, channel.voidPromise()));
        } catch (RejectedExecutionException e) {
            message.release(); // shutting down
            return false;
        }
        return true;
    }

    /** The subscriber's connected socket when it is ready, else the shared one. */
    private Channel channelFor(InetSocketAddress target) {
        Path path = paths.get(target);
        return path != null && path.channel.isActive() ? path.channel : shared;
    }

    /** Subscriber sockets connected and ready now (for tests and metrics). */
    int openSockets() {
        return (int) paths.values().stream().filter(p -> p.channel.isActive()).count();
    }

    void closeAll() {
        onLoop(() -> {
            paths.values().forEach(p -> p.channel.close());
            paths.clear();
        });
    }

    /** Runs {@code task} on the loop; false when the loop is shutting down (the sockets close with it). */
    private boolean onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * A new socket for {@code target}, registered and connected on the loop before this returns (the
     * bootstrap's own connect would run in a later task); null when none can be opened.
     */
    private ChannelFuture connect(InetSocketAddress target) {
        InetSocketAddress local = local();
        ChannelFuture registered = register(target);
        if (registered.cause() != null && apart) {
            LOG.warn("no IPv6 UDP socket here ({}): the subscriber sockets of {} join its port's group and may "
                    + "take another client's request while they connect", registered.cause().toString(), local);
            apart = false;
            registered = register(target);
        }
        if (registered.cause() != null) {
            LOG.warn("no socket for subscriber {} ({}): its events go through {}", target,
                    registered.cause().toString(), local);
            return null;
        }
        return registered.channel().connect(target, local).addListener(f -> {
            if (!f.isSuccess()) {
                unreachable(target, f.cause().toString());
            }
        });
    }

    private ChannelFuture register(InetSocketAddress target) {
        SocketProtocolFamily family = apart || local().getAddress() instanceof Inet6Address
                ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        return transport.portSharingDatagrams(loop, family, !apart)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.subscriberQueueBytes() / 2, options.subscriberQueueBytes()))
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SomeIpMessageSizeEstimator.INSTANCE)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("subscriber-unreachable", new UnreachableWatch(target));
                        Pipelines.udp(ch.pipeline(), options, errors, answeredFromShared(target, ch));
                    }
                }).register();
    }

    private InetSocketAddress local() {
        return (InetSocketAddress) shared.localAddress();
    }

    /** From now on, sockets of the server socket's family in its port's group (for tests of that mode). */
    void joinThePortsGroup() {
        onLoop(() -> apart = false);
    }

    /**
     * The server's sink, for what {@code socket} reads. Connected, it reads its subscriber's datagrams
     * only; another client's request read while it connected (in the port's group, or an IPv6 client of
     * a server bound to the wildcard address) is answered through the shared socket, which has the same
     * address and port, since the connected socket sends to its subscriber only. So is an answer that
     * comes after the socket closed (a slow method outliving the subscription).
     */
    private InboundSink answeredFromShared(InetSocketAddress target, Channel socket) {
        return (message, peer, replier) -> sink.onMessage(message, peer, answer -> {
            if (target.equals(peer) && socket.isActive()) {
                replier.reply(answer);
            } else {
                shared.writeAndFlush(new DefaultAddressedEnvelope<>(answer, peer), shared.voidPromise());
            }
        });
    }

    /** The socket connected to {@code target}, or null (for tests). */
    Channel socketFor(InetSocketAddress target) {
        Path path = paths.get(target);
        return path == null ? null : path.channel;
    }

    /** Reports a subscriber endpoint once, however many errors follow. */
    private void unreachable(InetSocketAddress target, String why) {
        Path path = paths.get(target);
        if (path == null || path.unreachable) {
            return;
        }
        path.unreachable = true;
        options.refusals().record(target, EndpointRefusal.SUBSCRIBER_UNREACHABLE, "subscriber endpoint " + target
                + " unreachable (" + why + "): its subscriptions are dropped");
        for (Consumer<InetSocketAddress> listener : unreachableListeners) {
            listener.accept(target);
        }
    }

    /** First in a subscriber socket's pipeline: port unreachable (read or write) drops the subscriber. */
    private final class UnreachableWatch extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress target;

        UnreachableWatch(InetSocketAddress target) {
            this.target = target;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof PortUnreachableException || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.NoRouteToHostException) {
                unreachable(target, cause.toString());
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
