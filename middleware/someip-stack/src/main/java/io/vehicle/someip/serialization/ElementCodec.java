package io.vehicle.someip.serialization;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;

/** Writes and reads one value of a field (one element, for repeated fields) in its SOME/IP form. */
interface ElementCodec {

    /** Size in bytes when every value has the same size, else -1. */
    int fixedSize();

    void write(Object value, ByteBuf out, int depth) throws SerializationException;

    /** Reads a value in the Java form protobuf reflection takes for the field; parent makes nested builders. */
    Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException;
}
