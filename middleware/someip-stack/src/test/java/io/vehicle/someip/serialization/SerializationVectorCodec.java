package io.vehicle.someip.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.someip.vectors.VectorCodec;
import java.util.List;

/**
 * The serialization suite through {@link SomeIpSerializer}: a payload to the message of the type
 * named by the vector's {@code arguments.type} (every byte must be read), and back. The tree is the
 * message in protobuf text format, compared as the printer writes it.
 */
final class SerializationVectorCodec implements VectorCodec {

    private static final SomeIpSerializer SERIALIZER = new SomeIpSerializer();
    private static final TextFormat.Printer PRINTER = TextFormat.printer().emittingSingleLine(true);

    @Override
    public JsonNode decode(List<byte[]> datagrams, JsonNode arguments) throws Exception {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer().writeBytes(datagrams.get(0));
        try {
            DynamicMessage message = SERIALIZER.deserialize(in, type(arguments));
            if (datagrams.size() != 1 || in.isReadable()) {
                throw new IllegalStateException(in.readableBytes() + " bytes of the payload left unread");
            }
            return TextNode.valueOf(PRINTER.printToString(message));
        } finally {
            in.release();
        }
    }

    @Override
    public List<byte[]> encode(JsonNode decoded, JsonNode arguments) throws Exception {
        ByteBuf out = SERIALIZER.serialize(message(decoded, arguments), PooledByteBufAllocator.DEFAULT);
        try {
            return List.of(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }

    /** Text format allows 0x12 and 18 for one value: compare as the printer writes it. */
    @Override
    public JsonNode canonical(JsonNode decoded, JsonNode arguments) throws Exception {
        return TextNode.valueOf(PRINTER.printToString(message(decoded, arguments)));
    }

    private static Message message(JsonNode decoded, JsonNode arguments) throws TextFormat.ParseException {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type(arguments));
        TextFormat.merge(decoded.asText(), builder);
        return builder.build();
    }

    private static Descriptor type(JsonNode arguments) {
        return WireShapes.type(arguments.path("type").asText());
    }
}
