package io.vehicle.someip.tp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.vectors.VectorCodec;
import java.util.List;

/** The TP header suite through {@link TpHeader#read} and {@link TpHeader#write}: 4 bytes to offset, reserved bits and flag. */
final class TpHeaderVectorCodec implements VectorCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public JsonNode decode(List<byte[]> datagrams, JsonNode arguments) throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(datagrams.get(0));
        try {
            TpHeader header = TpHeader.read(in);
            if (datagrams.size() != 1 || in.isReadable()) {
                throw new IllegalArgumentException("a TP header vector is 4 bytes");
            }
            ObjectNode tree = JSON.createObjectNode();
            tree.put("offset", header.byteOffset());
            tree.put("reserved", header.reserved());
            tree.put("moreSegments", header.moreSegments());
            return tree;
        } finally {
            in.release();
        }
    }

    @Override
    public List<byte[]> encode(JsonNode decoded, JsonNode arguments) {
        TpHeader header = new TpHeader((int) (decoded.get("offset").asLong() / TpHeader.ALIGNMENT),
                decoded.get("reserved").asInt(), decoded.get("moreSegments").asBoolean());
        ByteBuf out = Unpooled.buffer(TpHeader.SIZE);
        try {
            header.write(out);
            return List.of(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }
}
