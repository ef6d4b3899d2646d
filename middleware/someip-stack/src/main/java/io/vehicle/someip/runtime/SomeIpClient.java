package io.vehicle.someip.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A client of one remote SOME/IP endpoint over UDP or TCP: requests with per-request timeouts and
 * any number outstanding, fire and forget, and notifications. Closing fails what is still pending
 * with {@link EndpointClosedException}.
 *
 * <p>Over UDP it takes responses and notifications only from the server's endpoint
 * (feat_req_someip_49: answers come from where the request went; feat_req_someipsd_850: events
 * from the endpoint of the offer); anything from another source is dropped and counted as
 * {@link EndpointRefusal#SOURCE_NOT_PEER}, so a host on the segment cannot inject answers or
 * events by sending to the client's port.
 *
 * <p>Over TCP, when the connection was lost or the server closed it (an idle timeout, a reboot),
 * what was outstanding fails and the next request or message opens a new connection
 * (feat_req_someip_326: what was outstanding counts as lost; feat_req_someip_646, feat_req_someip_647:
 * the client opens and reestablishes the connection when it needs one).
 */
public final class SomeIpClient implements AutoCloseable {

    private volatile Channel channel;
    private final io.netty.channel.EventLoop loop;
    /** Opens a new TCP connection when the last one is gone; null for UDP. */
    private final Bootstrap reconnector;
    private final InetSocketAddress localBind;
    private ChannelFuture reconnecting;
    private volatile boolean closed;
    private final boolean reliable;
    private final InetSocketAddress server;
    private final int clientId;
    private final EndpointOptions options;
    private final SessionIdCounter sessions = new SessionIdCounter();
    private final PendingRequests pending;
    private final InboundErrors errors = new InboundErrors();
    private volatile Consumer<SomeIpMessage> notificationListener = SomeIpMessage::release;
    private volatile Consumer<Throwable> connectionLost = cause -> { };
    /** The error a TCP connection ended with (a reset by the peer), kept on the channel for its close listener. */
    private static final io.netty.util.AttributeKey<Throwable> FAILURE =
            io.netty.util.AttributeKey.valueOf("someip.client.failure");

    private SomeIpClient(SomeIpRuntime runtime, InetSocketAddress server, java.net.InetAddress localAddress,
                         boolean reliable, int clientId, EndpointOptions options) {
        this.server = server;
        this.reliable = reliable;
        this.clientId = clientId;
        this.options = options;
        InboundSink sink = this::onMessage;
        this.localBind = new InetSocketAddress(localAddress, 0);
        // Every connection of this client lives on one event loop, the one its timeouts run on.
        this.loop = runtime.group().next();
        if (reliable) {
            reconnector = new Bootstrap().group(loop).channel(runtime.transport().socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("failure-watch", new FailureWatch());
                            Pipelines.tcp(ch.pipeline(), false, options, errors, sink);
                        }
                    });
            channel = reconnector.connect(server, localBind).syncUninterruptibly().channel();
        } else {
            reconnector = null;
            InetSocketAddress local = new InetSocketAddress(localAddress, 0);
            channel = new Bootstrap().group(loop).channel(runtime.transport().datagramChannel())
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel ch) {
                            Pipelines.udp(ch.pipeline(), options, errors, sink);
                        }
                    }).bind(local).syncUninterruptibly().channel();
        }
        this.pending = new PendingRequests(loop);
        watchClose(channel);
    }

    /** When a connection closes, what waits on it fails; the client stays usable over TCP. */
    private void watchClose(Channel connection) {
        connection.closeFuture().addListener(f -> {
            if (closed || !reliable) {
                pending.close("connection to " + server + " closed");
            } else {
                pending.failSentOn(connection, "connection to " + server + " closed");
                Throwable failure = connection.attr(FAILURE).get();
                if (failure != null) {
                    connectionLost.accept(failure);
                }
            }
        });
    }

    /** Remembers the first error of a TCP connection (seen first in the pipeline) for its close listener. */
    private static final class FailureWatch extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().attr(FAILURE).setIfAbsent(cause);
            ctx.fireExceptionCaught(cause);
        }
    }

    /**
     * Over TCP: told when the connection ended with an error (the server reset it) or could not be
     * reopened (refused), on an event loop. Without a listener the client just reopens the
     * connection with its next message; a proxy marks the endpoint down until the next offer.
     */
    public void onConnectionLost(Consumer<Throwable> listener) {
        this.connectionLost = listener;
    }

    /** A UDP client bound to the server's own loopback address, or to any address otherwise. */
    public static SomeIpClient udp(SomeIpRuntime runtime, InetSocketAddress server, int clientId,
                                   EndpointOptions options) {
        return new SomeIpClient(runtime, server, defaultLocal(server), false, clientId, options);
    }

    public static SomeIpClient tcp(SomeIpRuntime runtime, InetSocketAddress server, int clientId,
                                   EndpointOptions options) {
        return new SomeIpClient(runtime, server, defaultLocal(server), true, clientId, options);
    }

    /**
     * A client bound to {@code localAddress} (the node's unicast address), so that its local
     * endpoint can be named in a SubscribeEventgroup's endpoint option.
     */
    public static SomeIpClient connect(SomeIpRuntime runtime, InetSocketAddress server,
                                       java.net.InetAddress localAddress, boolean reliable, int clientId,
                                       EndpointOptions options) {
        return new SomeIpClient(runtime, server, localAddress, reliable, clientId, options);
    }

    private static java.net.InetAddress defaultLocal(InetSocketAddress server) {
        return server.getAddress().isLoopbackAddress() ? server.getAddress() : null;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** A socket option of the client's channel, as in effect (for tests and diagnostics). */
    public <T> T channelOption(io.netty.channel.ChannelOption<T> option) {
        return channel.config().getOption(option);
    }

    public InboundErrors inboundErrors() {
        return errors;
    }

    public int outstanding() {
        return pending.size();
    }

    /**
     * Whether the connection is open now (UDP: always while not closed); a TCP client whose
     * connection the server closed opens a new one with its next message (feat_req_someip_647).
     */
    public boolean isConnected() {
        return !closed && (!reliable || channel.isActive());
    }

    public boolean isReliable() {
        return reliable;
    }

    /** Receives every notification (event) arriving here; the listener owns each message. */
    public void onNotification(Consumer<SomeIpMessage> listener) {
        this.notificationListener = listener;
    }

    public CompletableFuture<SomeIpMessage> request(SomeIpMessage request) {
        return request(request, options.requestTimeoutMillis());
    }

    /**
     * Sends a REQUEST with this client's id and the next session id (whatever ids {@code request}
     * carried) and completes with the RESPONSE, which the caller releases. Takes ownership of
     * {@code request}.
     */
    public CompletableFuture<SomeIpMessage> request(SomeIpMessage request, long timeoutMillis) {
        if (request.messageType() != MessageType.REQUEST) {
            request.release();
            throw new IllegalArgumentException("not a REQUEST: " + request.messageType());
        }
        SomeIpMessage stamped = request.withRequestId(clientId, sessions.next());
        CompletableFuture<SomeIpMessage> answer = pending.register(stamped);
        if (answer.isDone()) {
            stamped.release();
            return answer;
        }
        // The timeout and the write are one task: from a user thread that is one wake-up of the
        // event loop, and from the event loop itself (an answer's callback sending the next) none.
        Runnable send = () -> {
            if (!pending.startTimeout(stamped, timeoutMillis)) {
                stamped.release(); // closed meanwhile; the future has failed
                return;
            }
            write(stamped).addListener(f -> {
                if (!f.isSuccess()) {
                    pending.abandon(stamped, new EndpointClosedException("could not send to " + server + ": "
                            + f.cause()));
                }
            });
        };
        if (loop.inEventLoop()) {
            send.run();
        } else {
            try {
                loop.execute(send);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.abandon(stamped, new EndpointClosedException("client of " + server + " closed"));
                stamped.release();
            }
        }
        return answer;
    }

    /** Fire and forget (feat_req_someip_345): a REQUEST_NO_RETURN, never answered. Takes ownership. */
    public ChannelFuture send(SomeIpMessage message) {
        return write(message.withRequestId(clientId, sessions.next()));
    }

    private ChannelFuture write(SomeIpMessage message) {
        Channel current = channel;
        if (!reliable) {
            return current.writeAndFlush(new DefaultAddressedEnvelope<>(message, server));
        }
        if (current.isActive() || closed) {
            pending.sentOn(message, current);
            return current.writeAndFlush(message);
        }
        // feat_req_someip_647: the connection is gone, the client opens a new one, then writes.
        ChannelPromise written = current.newPromise();
        reconnect().addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                pending.sentOn(message, connected.channel());
                connected.channel().writeAndFlush(message).addListener(w -> {
                    if (w.isSuccess()) {
                        written.trySuccess();
                    } else {
                        written.tryFailure(w.cause());
                    }
                });
            } else {
                message.release();
                written.tryFailure(connected.cause());
            }
        });
        return written;
    }

    /** One connection attempt at a time, shared by every write that finds the connection gone. */
    private synchronized ChannelFuture reconnect() {
        if (reconnecting == null || (reconnecting.isDone() && !reconnecting.channel().isActive())) {
            reconnecting = reconnector.connect(server, localBind);
            reconnecting.addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    watchClose(f.channel());
                    channel = f.channel();
                    if (closed) {
                        f.channel().close();
                    }
                } else if (!closed) {
                    connectionLost.accept(f.cause());
                }
            });
        }
        return reconnecting;
    }

    private void onMessage(SomeIpMessage message, InetSocketAddress peer, Replier replier) {
        if (!reliable && !server.equals(peer)) {
            options.refusals().record(peer, EndpointRefusal.SOURCE_NOT_PEER, String.format("%s for service 0x%04X "
                    + "from %s, not from the server %s: dropped", message.messageType(), message.serviceId(), peer,
                    server));
            message.release();
            return;
        }
        MessageType type = message.messageType();
        if (type.isResponse()) {
            pending.complete(message);
        } else if (type.withoutTp() == MessageType.NOTIFICATION) {
            notificationListener.accept(message);
        } else {
            message.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        pending.close("client of " + server + " closed");
        channel.close().awaitUninterruptibly();
    }
}
