package io.vehicle.someip.sdk.hostile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.Ipv4SdEndpointOption;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SdOption;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * What the attacker sends, as bytes on the wire: SD messages (optionally naming another node in an
 * SD Endpoint Option, with any reboot flag and session), notifications, from a plain socket.
 */
final class Forge implements AutoCloseable {

    private final DatagramChannel socket;

    /** A socket of the attacker, on {@code address} and any port. */
    Forge(String address) {
        this(new InetSocketAddress(address, 0));
    }

    Forge(InetSocketAddress local) {
        try {
            socket = DatagramChannel.open(StandardProtocolFamily.INET).bind(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) socket.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(byte[] datagram, InetSocketAddress to) {
        try {
            socket.send(ByteBuffer.wrap(datagram), to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends to an SD multicast group, out of the loopback interface with TTL 1. */
    void multicast(byte[] datagram, InetSocketAddress group) {
        try {
            socket.setOption(java.net.StandardSocketOptions.IP_MULTICAST_IF,
                    io.vehicle.someip.transport.MulticastInterfaces.of(java.net.InetAddress.getLoopbackAddress()));
            socket.setOption(java.net.StandardSocketOptions.IP_MULTICAST_TTL, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        send(datagram, group);
    }

    /** Receives one datagram within {@code timeoutMillis}, or null. */
    byte[] receive(long timeoutMillis) throws IOException {
        socket.configureBlocking(true);
        socket.socket().setSoTimeout((int) timeoutMillis);
        byte[] buffer = new byte[65536];
        java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
        try {
            socket.socket().receive(packet);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        }
        return java.util.Arrays.copyOf(buffer, packet.getLength());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An SD message; {@code claimedSender} non-null adds an SD Endpoint Option naming it (feat_req_someipsd_1084). */
    static byte[] sd(boolean reboot, int session, InetSocketAddress claimedSender, SdEntry... entries) {
        List<SdOption> options = claimedSender == null ? List.of() : List.of(new Ipv4SdEndpointOption(
                (Inet4Address) claimedSender.getAddress(), TransportProtocol.UDP, claimedSender.getPort()));
        return wire(SdCodec.encodeMessage(new SdMessage(reboot, true, false, List.of(entries), options), session,
                UnpooledByteBufAllocator.DEFAULT));
    }

    /** A notification of {@code eventId} carrying {@code seq} as uint32. */
    static byte[] notification(int serviceId, int eventId, int session, long seq) {
        return wire(SomeIpMessage.builder(serviceId, eventId, MessageType.NOTIFICATION).interfaceVersion(1)
                .sessionId(session).payload(Unpooled.buffer(4).writeInt((int) seq)).build());
    }

    /**
     * The start of a request to the bed's service: a header announcing {@code announcedPayload} bytes,
     * followed by {@code sentPayload} zero bytes (fewer for a partial frame, as many for a whole one).
     */
    static byte[] request(int method, int announcedPayload, int sentPayload) {
        return ByteBuffer.allocate(16 + sentPayload).putShort((short) AttackBed.SERVICE).putShort((short) method)
                .putInt(8 + announcedPayload).putShort((short) 0x0666).putShort((short) 1).put((byte) 1).put((byte) 1)
                .put((byte) 0).put((byte) 0).array();
    }

    static Ipv4EndpointOption udp(InetSocketAddress endpoint) {
        return new Ipv4EndpointOption((Inet4Address) endpoint.getAddress(), TransportProtocol.UDP, endpoint.getPort());
    }

    static byte[] wire(SomeIpMessage message) {
        ByteBuf bytes = SomeIpCodec.encode(message, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(bytes);
        } finally {
            bytes.release();
            message.release();
        }
    }
}
