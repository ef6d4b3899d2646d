package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Told of every UDP datagram and every chunk of a TCP stream a node's sockets send and receive, with
 * both addresses: what a capture on the wire would see (pcap recording, traffic statistics). Called on
 * the sockets' event loops, so it must not block; the buffers are only valid during the call (copy what
 * is kept). Installed per node through {@link TrafficHooks}; without one nothing is added to the
 * pipelines.
 */
public interface TrafficTap {

    enum Direction {
        IN,
        OUT
    }

    /** One UDP datagram, its whole payload. */
    void datagram(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf payload);

    /** Bytes read from or written to a TCP connection, in stream order for each direction. */
    void stream(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf bytes);

    /** A TCP connection is up; {@code outgoing} when this side connected. */
    default void connected(InetSocketAddress local, InetSocketAddress remote, boolean outgoing) {
    }

    /** A TCP connection is closed. */
    default void disconnected(InetSocketAddress local, InetSocketAddress remote) {
    }
}
