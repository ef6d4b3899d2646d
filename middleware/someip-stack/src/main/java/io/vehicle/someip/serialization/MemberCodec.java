package io.vehicle.someip.serialization;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;

/** One member of a struct on the wire: a field, an array, or a union (oneof). */
interface MemberCodec {

    /** Size in bytes when always the same, else -1. */
    int fixedSize();

    void write(MessageOrBuilder message, ByteBuf out, int depth) throws SerializationException;

    void read(ByteBuf in, Message.Builder builder, int depth) throws SerializationException;
}
