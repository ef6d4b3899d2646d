package io.vehicle.someip.serialization;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;

/** float32 / float64, IEEE 754 big-endian (feat_req_someip_682). NaN payloads are kept bit for bit. */
final class FloatCodec implements ElementCodec {

    private final boolean doublePrecision;
    private final String path;

    FloatCodec(boolean doublePrecision, String path) {
        this.doublePrecision = doublePrecision;
        this.path = path;
    }

    @Override
    public int fixedSize() {
        return doublePrecision ? 8 : 4;
    }

    @Override
    public void write(Object value, ByteBuf out, int depth) {
        if (doublePrecision) {
            out.writeLong(Double.doubleToRawLongBits((Double) value));
        } else {
            out.writeInt(Float.floatToRawIntBits((Float) value));
        }
    }

    @Override
    public Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException {
        ReadBounds.require(in, fixedSize(), path);
        if (doublePrecision) {
            return Double.longBitsToDouble(in.readLong());
        }
        return Float.intBitsToFloat(in.readInt()); // not a ?: expression, which would widen the float to a Double

    }
}
