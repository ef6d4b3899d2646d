package io.vehicle.someip.serialization;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;

/** boolean: one byte, FALSE 0 / TRUE 1; only the lowest bit counts on receive (feat_req_someip_817). */
final class BooleanCodec implements ElementCodec {

    private final String path;

    BooleanCodec(String path) {
        this.path = path;
    }

    @Override
    public int fixedSize() {
        return 1;
    }

    @Override
    public void write(Object value, ByteBuf out, int depth) {
        out.writeByte((Boolean) value ? 1 : 0);
    }

    @Override
    public Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException {
        ReadBounds.require(in, 1, path);
        return (in.readByte() & 1) != 0;
    }
}
