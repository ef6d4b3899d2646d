package io.vehicle.someip.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramChannel;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.someip.transport.SomeIpMessageSizeEstimator;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

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
 * Sockets are opened when a subscriber's endpoint is first used and closed when no subscription
 * uses it any more; until one is connected, events go through the server's shared socket. All
 * state lives on the server's UDP event loop.
 */
final class SubscriberSockets {

    private final NettyTransport transport;
    private final EventLoop loop;
    private final Channel shared;
    private final EndpointOptions options;
    private final InboundErrors errors;
    private final InboundSink sink;
    /** Changed on the loop only; read from any thread (a stale read only picks the shared socket). */
    private final Map<InetSocketAddress, Path> paths = new ConcurrentHashMap<>();
    private final List<Consumer<InetSocketAddress>> unreachableListeners = new CopyOnWriteArrayList<>();

    /** A subscriber endpoint's socket and how many subscriptions use it; changed on the loop only. */
    private static final class Path {
        final Channel channel;
        int users;
        boolean unreachable;

        Path(Channel channel) {
            this.channel = channel;
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
    }

    void onUnreachable(Consumer<InetSocketAddress> listener) {
        unreachableListeners.add(listener);
    }

    /** A subscription now uses {@code target}: its socket opens with the first one. */
    void open(InetSocketAddress target) {
        onLoop(() -> {
            Path path = paths.get(target);
            if (path == null) {
                path = new Path(connect(target));
                paths.put(target, path);
            }
            path.users++;
        });
    }

    /** A subscription of {@code target} ended: its socket closes with the last one. */
    void close(InetSocketAddress target) {
        onLoop(() -> {
            Path path = paths.get(target);
            if (path != null && --path.users <= 0) {
                paths.remove(target);
                path.channel.close();
            }
        });
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
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

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: the sockets close with the loop
            }
        }
    }

    private Channel connect(InetSocketAddress target) {
        InetSocketAddress local = (InetSocketAddress) shared.localAddress();
        Bootstrap bootstrap = transport.reusePort(new Bootstrap().group(loop).channel(transport.datagramChannel()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.subscriberQueueBytes() / 2, options.subscriberQueueBytes()))
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SomeIpMessageSizeEstimator.INSTANCE)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("subscriber-unreachable", new UnreachableWatch(target));
                        Pipelines.udp(ch.pipeline(), options, errors, answeredFromShared(target));
                    }
                });
        return bootstrap.connect(target, local).addListener(f -> {
            if (!f.isSuccess()) {
                unreachable(target, f.cause().toString());
            }
        }).channel();
    }

    /**
     * The server's sink, for what a subscriber socket reads. Between its bind and its connect the socket is
     * an unconnected member of the port's SO_REUSEPORT group, and the kernel may steer another client's
     * request to it (on kernel 6.18 it steers every one while the group has a connected member). Such a
     * request is answered through the shared socket, which has the same address and port; the subscriber
     * socket, once connected, sends to its subscriber only.
     */
    private InboundSink answeredFromShared(InetSocketAddress target) {
        return (message, peer, replier) -> sink.onMessage(message, peer, target.equals(peer) ? replier
                : answer -> shared.writeAndFlush(new DefaultAddressedEnvelope<>(answer, peer), shared.voidPromise()));
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
