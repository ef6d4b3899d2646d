package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;

/**
 * A nested message as a struct: its members in order, no padding (feat_req_someip_230, _574), optionally behind
 * a length field (feat_req_someip_600; none by default, _602). Bytes beyond the known members inside the
 * length are skipped, so structs can grow (feat_req_someip_601).
 */
final class StructCodec implements ElementCodec {

    private final FieldDescriptor field;
    private final StructPlan plan;
    private final LengthPrefix lengthPrefix; // null: no length field
    private final SerializationLimits limits;
    private final String path;

    StructCodec(FieldDescriptor field, StructPlan plan, LengthPrefix lengthPrefix, SerializationLimits limits, String path) {
        this.field = field;
        this.plan = plan;
        this.lengthPrefix = lengthPrefix;
        this.limits = limits;
        this.path = path;
    }

    @Override
    public int fixedSize() {
        int size = plan.fixedSize();
        return size < 0 || lengthPrefix == null ? size : size + lengthPrefix.bytes();
    }

    @Override
    public void write(Object value, ByteBuf out, int depth) throws SerializationException {
        if (depth >= limits.maxNestingDepth()) {
            throw new SerializationException(SerializationError.NESTING_TOO_DEEP_ON_WRITE, path,
                    "deeper than " + limits.maxNestingDepth());
        }
        if (lengthPrefix == null) {
            plan.write((MessageOrBuilder) value, out, depth + 1);
            return;
        }
        int at = lengthPrefix.reserve(out);
        plan.write((MessageOrBuilder) value, out, depth + 1);
        lengthPrefix.patch(out, at);
    }

    @Override
    public Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException {
        if (depth >= limits.maxNestingDepth()) {
            throw new SerializationException(SerializationError.NESTING_TOO_DEEP, path, "deeper than " + limits.maxNestingDepth());
        }
        Message.Builder builder = parent.newBuilderForField(field);
        if (lengthPrefix == null) {
            plan.read(in, builder, depth + 1);
        } else {
            int length = lengthPrefix.read(in);
            plan.read(in.readSlice(length), builder, depth + 1);
        }
        return builder.build();
    }
}
