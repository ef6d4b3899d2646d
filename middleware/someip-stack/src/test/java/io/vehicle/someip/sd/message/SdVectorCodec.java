package io.vehicle.someip.sd.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.vectors.MessageTree;
import io.vehicle.someip.vectors.VectorCodec;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.List;

/**
 * The SD suite through {@link SdCodec}: one datagram holds one SD message; its tree is the SOME/IP
 * header and the SD part ({@link SdMessageTree}), with entries the codec rejected listed under
 * {@code rejected} so that a vector expecting none fails on them.
 */
final class SdVectorCodec implements VectorCodec {

    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    @Override
    public JsonNode decode(List<byte[]> datagrams, JsonNode arguments) throws Exception {
        if (datagrams.size() != 1) {
            throw new IllegalArgumentException("an SD vector is one datagram, got " + datagrams.size());
        }
        ByteBuf wire = Unpooled.wrappedBuffer(datagrams.get(0));
        SomeIpMessage someIp = SomeIpCodec.decode(wire);
        try {
            if (wire.isReadable()) {
                throw new IllegalStateException(wire.readableBytes() + " bytes after the SD message");
            }
            DecodedSdMessage decoded = SdCodec.decode(someIp);
            ObjectNode tree = SdMessageTree.MAPPER.createObjectNode();
            tree.set("header", MessageTree.of(someIp, false));
            tree.setAll((ObjectNode) SdMessageTree.toJson(decoded));
            if (!decoded.rejected().isEmpty()) {
                tree.put("rejected", decoded.rejected().toString());
            }
            return tree;
        } finally {
            someIp.release(); // its payload is a retained slice of wire
            wire.release();
        }
    }

    @Override
    public List<byte[]> encode(JsonNode decoded, JsonNode arguments) {
        SdMessage message = SdMessageTree.toMessage(decoded);
        SomeIpMessage someIp = SdCodec.encodeMessage(message, decoded.get("header").get("sessionId").asInt(), ALLOC);
        ByteBuf wire = SomeIpCodec.encode(someIp, ALLOC);
        try {
            return List.of(ByteBufUtil.getBytes(wire));
        } finally {
            wire.release();
            someIp.release();
        }
    }
}
