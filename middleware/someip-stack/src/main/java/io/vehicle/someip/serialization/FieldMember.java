package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;

/** A singular field: its value, always present on the wire (SOME/IP structs have no presence bits). */
final class FieldMember implements MemberCodec {

    private final FieldDescriptor field;
    private final ElementCodec codec;

    FieldMember(FieldDescriptor field, ElementCodec codec) {
        this.field = field;
        this.codec = codec;
    }

    @Override
    public int fixedSize() {
        return codec.fixedSize();
    }

    @Override
    public void write(MessageOrBuilder message, ByteBuf out, int depth) throws SerializationException {
        codec.write(message.getField(field), out, depth);
    }

    @Override
    public void read(ByteBuf in, Message.Builder builder, int depth) throws SerializationException {
        builder.setField(field, codec.read(in, builder, depth));
    }
}
