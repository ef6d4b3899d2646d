package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;

/**
 * A repeated field as an array. Dynamic arrays have a length field counting the bytes of all elements, not
 * itself, 0 for none (feat_req_someip_254, _257, _621); fixed arrays carry exactly n elements and no length
 * field (feat_req_someip_243). A proto3 {@code optional} field is an array of 0 or 1 elements
 * (feat_req_someip_252).
 */
final class ArrayMember implements MemberCodec {

    private final FieldDescriptor field;
    private final ElementCodec element;
    private final LengthPrefix lengthPrefix; // null: fixed length
    private final int fixedCount;
    private final int maxElements;
    private final String path;

    ArrayMember(FieldDescriptor field, ElementCodec element, LengthPrefix lengthPrefix, int fixedCount, int maxElements,
            String path) {
        this.field = field;
        this.element = element;
        this.lengthPrefix = lengthPrefix;
        this.fixedCount = fixedCount;
        this.maxElements = maxElements;
        this.path = path;
    }

    private boolean optional() {
        return !field.isRepeated();
    }

    @Override
    public int fixedSize() {
        int size = element.fixedSize();
        return lengthPrefix == null && size >= 0 ? size * fixedCount : -1;
    }

    @Override
    public void write(MessageOrBuilder message, ByteBuf out, int depth) throws SerializationException {
        int count = optional() ? (message.hasField(field) ? 1 : 0) : message.getRepeatedFieldCount(field);
        if (lengthPrefix == null) {
            if (count != fixedCount) {
                throw new SerializationException(SerializationError.ARRAY_LENGTH_MISMATCH, path,
                        count + " elements for a fixed length of " + fixedCount);
            }
        } else if (count > maxElements) {
            throw new SerializationException(SerializationError.TOO_MANY_ELEMENTS, path,
                    count + " elements, at most " + maxElements);
        }
        int at = lengthPrefix == null ? -1 : lengthPrefix.reserve(out);
        if (optional()) {
            if (count == 1) {
                element.write(message.getField(field), out, depth);
            }
        } else {
            for (int i = 0; i < count; i++) {
                element.write(message.getRepeatedField(field, i), out, depth);
            }
        }
        if (lengthPrefix != null) {
            lengthPrefix.patch(out, at);
        }
    }

    @Override
    public void read(ByteBuf in, Message.Builder builder, int depth) throws SerializationException {
        if (lengthPrefix == null) {
            for (int i = 0; i < fixedCount; i++) {
                builder.addRepeatedField(field, element.read(in, builder, depth));
            }
            return;
        }
        int length = lengthPrefix.read(in);
        ByteBuf elements = in.readSlice(length);
        int count = 0;
        while (elements.isReadable()) {
            if (count == maxElements) {
                throw new SerializationException(SerializationError.ARRAY_TOO_LONG, path,
                        "more than " + maxElements + " elements in " + length + " bytes");
            }
            int before = elements.readerIndex();
            Object value = element.read(elements, builder, depth);
            if (elements.readerIndex() == before) {
                // A zero-size element cannot account for the remaining bytes; looping would never end.
                throw new SerializationException(SerializationError.BAD_ARRAY_LAYOUT, path,
                        elements.readableBytes() + " bytes left that no element consumes");
            }
            if (optional()) {
                builder.setField(field, value);
            } else {
                builder.addRepeatedField(field, value);
            }
            count++;
        }
    }
}
