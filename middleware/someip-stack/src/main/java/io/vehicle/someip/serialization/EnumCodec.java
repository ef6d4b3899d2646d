package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;

/**
 * An enumeration as uint8/16/32 (feat_req_someip_651). Open enums carry undefined values both ways
 * (feat_req_someip_799); closed ones reject them. uint32 carries the protobuf number's 32 bits.
 */
final class EnumCodec implements ElementCodec {

    private final EnumDescriptor type;
    private final int size;
    private final boolean closed;
    private final String path;

    EnumCodec(EnumDescriptor type, int size, boolean closed, String path) {
        this.type = type;
        this.size = size;
        this.closed = closed;
        this.path = path;
        for (EnumValueDescriptor value : type.getValues()) {
            if (!fits(value.getNumber())) {
                throw new IllegalArgumentException(path + ": enum value " + value.getFullName()
                        + " does not fit uint" + 8 * size);
            }
        }
    }

    private boolean fits(int number) {
        return size == 4 || (number >= 0 && number < (1 << (8 * size)));
    }

    @Override
    public int fixedSize() {
        return size;
    }

    @Override
    public void write(Object value, ByteBuf out, int depth) throws SerializationException {
        int number = ((EnumValueDescriptor) value).getNumber();
        if (!fits(number)) {
            throw new SerializationException(SerializationError.VALUE_OUT_OF_WIDTH, path,
                    number + " does not fit uint" + 8 * size);
        }
        if (closed && type.findValueByNumber(number) == null) {
            throw new SerializationException(SerializationError.VALUE_OUT_OF_WIDTH, path,
                    number + " is not a value of closed enum " + type.getFullName());
        }
        switch (size) {
            case 1 -> out.writeByte(number);
            case 2 -> out.writeShort(number);
            default -> out.writeInt(number);
        }
    }

    @Override
    public Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException {
        ReadBounds.require(in, size, path);
        int number = switch (size) {
            case 1 -> in.readUnsignedByte();
            case 2 -> in.readUnsignedShort();
            default -> in.readInt();
        };
        EnumValueDescriptor value = type.findValueByNumber(number);
        if (value != null) {
            return value;
        }
        if (closed) {
            throw new SerializationException(SerializationError.UNDEFINED_ENUM_VALUE, path,
                    (number & 0xFFFF_FFFFL) + " is not a value of closed enum " + type.getFullName());
        }
        return type.findValueByNumberCreatingIfUnknown(number);
    }
}
