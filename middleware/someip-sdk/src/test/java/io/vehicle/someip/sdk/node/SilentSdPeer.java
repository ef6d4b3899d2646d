package io.vehicle.someip.sdk.node;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * A raw UDP socket that speaks just enough SOME/IP-SD to offer a service by unicast and then
 * ignores every SubscribeEventgroup it gets: a provider that never answers. It encodes and decodes
 * with the stack's SD codec; nothing of ServiceDiscovery runs here.
 */
final class SilentSdPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private int session = 1;

    SilentSdPeer(String address) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
    }

    /** Sends an OfferService (TTL 30 s) naming this socket as the service's UDP endpoint. */
    void offer(InetSocketAddress consumerSd, int service, int instance, int major) throws IOException {
        OfferService offer = new OfferService(service, instance, major, 0, 30, List.of(new Ipv4EndpointOption(
                (Inet4Address) socket.getLocalAddress(), TransportProtocol.UDP, socket.getLocalPort())));
        SomeIpMessage message = SdCodec.encodeMessage(SdMessage.of(true, List.of(offer)), session++,
                UnpooledByteBufAllocator.DEFAULT);
        ByteBuf wire = SomeIpCodec.encode(message, UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[wire.readableBytes()];
            wire.readBytes(bytes);
            socket.send(new DatagramPacket(bytes, bytes.length, consumerSd));
        } finally {
            wire.release();
            message.release();
        }
    }

    /** The next SubscribeEventgroup that arrives, unanswered; fails after 10 s. */
    SubscribeEventgroup awaitSubscribe() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        byte[] buffer = new byte[1500];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no SubscribeEventgroup within 10 s");
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no SubscribeEventgroup within 10 s", e);
            }
            ByteBuf payload = Unpooled.wrappedBuffer(packet.getData(), packet.getOffset() + SomeIpCodec.HEADER_SIZE,
                    packet.getLength() - SomeIpCodec.HEADER_SIZE);
            for (SdEntry entry : SdCodec.decode(payload).message().entries()) {
                if (entry instanceof SubscribeEventgroup subscribe && subscribe.ttl() > 0) {
                    return subscribe;
                }
            }
        }
    }

    InetAddress address() {
        return socket.getLocalAddress();
    }

    @Override
    public void close() {
        socket.close();
    }
}
