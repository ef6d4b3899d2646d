package io.vehicle.simulator.ecu;

import io.netty.buffer.ByteBuf;
import io.vehicle.someip.transport.TrafficTap;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tap on an ECU's sockets: remembers the peers its UDP endpoints send to (where a malformed burst
 * goes) and hands everything to a recorder when one is attached.
 */
final class EcuTap implements TrafficTap {

    private final Set<InetSocketAddress> udpPeers = ConcurrentHashMap.newKeySet();
    private volatile TrafficTap recorder;

    void recorder(TrafficTap value) {
        recorder = value;
    }

    /** Unicast peers the ECU sent UDP to from {@code local}'s port (not SD, not multicast). */
    Set<InetSocketAddress> udpPeers() {
        return Set.copyOf(udpPeers);
    }

    void forgetPeers() {
        udpPeers.clear();
    }

    @Override
    public void datagram(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf payload) {
        if (direction == Direction.OUT && remote != null && !remote.getAddress().isMulticastAddress()
                && payload.readableBytes() >= 2 && payload.getUnsignedShort(payload.readerIndex()) != 0xFFFF) {
            udpPeers.add(remote);
        }
        TrafficTap target = recorder;
        if (target != null) {
            target.datagram(direction, local, remote, payload);
        }
    }

    @Override
    public void stream(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf bytes) {
        TrafficTap target = recorder;
        if (target != null) {
            target.stream(direction, local, remote, bytes);
        }
    }

    @Override
    public void connected(InetSocketAddress local, InetSocketAddress remote, boolean outgoing) {
        TrafficTap target = recorder;
        if (target != null) {
            target.connected(local, remote, outgoing);
        }
    }

    @Override
    public void disconnected(InetSocketAddress local, InetSocketAddress remote) {
        TrafficTap target = recorder;
        if (target != null) {
            target.disconnected(local, remote);
        }
    }
}
