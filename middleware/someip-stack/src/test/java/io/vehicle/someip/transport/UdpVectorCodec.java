package io.vehicle.someip.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.vehicle.someip.vectors.MessageTree;
import io.vehicle.someip.vectors.VectorCodec;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SOME/IP header suite through our real UDP handlers in an {@link EmbeddedChannel}:
 * datagrams through {@link UdpSomeIpDecoder} into messages and the errors it counts, messages
 * through {@link UdpSomeIpEncoder} into datagrams. Every buffer is released before returning.
 */
final class UdpVectorCodec implements VectorCodec {

    static final InetSocketAddress SENDER = new InetSocketAddress("192.0.2.1", 30501);
    static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.2", 30509);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public JsonNode decode(List<byte[]> datagrams, JsonNode arguments) throws Exception {
        InboundErrors errors = new InboundErrors();
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpDecoder(errors));
        ObjectNode tree = JSON.createObjectNode();
        ArrayNode messages = tree.putArray("messages");
        try {
            for (byte[] datagram : datagrams) {
                channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram), LOCAL, SENDER));
                channel.checkException();
                Object read;
                while ((read = channel.readInbound()) != null) {
                    try {
                        messages.add(message(read));
                    } finally {
                        ReferenceCountUtil.release(read);
                    }
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        ArrayNode reported = JSON.createArrayNode();
        for (Map.Entry<WireError, Long> count : errors.snapshot().entrySet()) {
            for (long i = 0; i < count.getValue(); i++) {
                reported.add(count.getKey().name());
            }
        }
        if (!reported.isEmpty()) {
            tree.set("errors", reported);
        }
        return tree;
    }

    private static ObjectNode message(Object read) throws Exception {
        if (!(read instanceof AddressedEnvelope<?, ?> envelope) || !(envelope.content() instanceof SomeIpMessage m)) {
            throw new AssertionError("the decoder delivered " + read);
        }
        if (!SENDER.equals(envelope.sender()) || !LOCAL.equals(envelope.recipient())) {
            throw new AssertionError("addresses lost: " + envelope);
        }
        ObjectNode tree = MessageTree.of(m, true);
        if (MagicCookie.is(m)) {
            // feat_req_someip_609: the two cookies differ in the Method ID.
            tree.put("magicCookie", m.messageId() == MagicCookie.SERVER_MESSAGE_ID ? "server" : "client");
        }
        return tree;
    }

    @Override
    public List<byte[]> encode(JsonNode decoded, JsonNode arguments) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpEncoder(UdpSomeIpEncoder.DEFAULT_MAX_DATAGRAM));
        List<byte[]> datagrams = new ArrayList<>();
        try {
            for (JsonNode message : decoded.get("messages")) {
                channel.write(new DefaultAddressedEnvelope<>(toMessage(message), SENDER));
            }
            channel.flush();
            channel.checkException();
            Object written;
            while ((written = channel.readOutbound()) != null) {
                try {
                    if (!(written instanceof DatagramPacket packet) || !SENDER.equals(packet.recipient())) {
                        throw new AssertionError("the encoder wrote " + written);
                    }
                    datagrams.add(ByteBufUtil.getBytes(packet.content()));
                } finally {
                    ReferenceCountUtil.release(written);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        return datagrams;
    }

    /** A Magic Cookie is what {@link MagicCookie#of} makes, the bytes a TCP sender writes; others are built from the fields. */
    private static SomeIpMessage toMessage(JsonNode tree) throws Exception {
        if (!tree.has("magicCookie")) {
            return MessageTree.toMessage(tree);
        }
        ByteBuf cookie = MagicCookie.of("server".equals(tree.get("magicCookie").asText()));
        try {
            return SomeIpCodec.decode(cookie);
        } finally {
            cookie.release();
        }
    }
}
