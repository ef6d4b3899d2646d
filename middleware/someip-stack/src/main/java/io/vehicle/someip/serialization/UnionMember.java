package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A oneof as a SOME/IP union (feat_req_someip_263, _264): length field (feat_req_someip_563, default 32 bit
 * _566), type field (feat_req_someip_564, default 32 bit _565), then the element and its padding. The type
 * field is the 1-based position of the member in the oneof, 0 for an empty union (feat_req_someip_273).
 * The length counts element and padding, not the length and type fields (feat_req_someip_272); bytes
 * behind the element are skipped (feat_req_someip_274). Without a length field every element is padded to
 * the longest member (feat_req_someip_571, _572, _583).
 */
final class UnionMember implements MemberCodec {

    private final OneofDescriptor oneof;
    private final FieldDescriptor[] fields;
    private final ElementCodec[] codecs;
    private final LengthPrefix lengthPrefix; // null: no length field
    private final int typeBytes;
    private final int padTo;
    private final int paddedSize; // element size without a length field
    private final String path;

    UnionMember(OneofDescriptor oneof, List<ElementCodec> codecs, LengthPrefix lengthPrefix, int typeBytes, int padTo,
            String path) {
        this.oneof = oneof;
        this.fields = oneof.getFields().toArray(new FieldDescriptor[0]);
        this.codecs = codecs.toArray(new ElementCodec[0]);
        this.lengthPrefix = lengthPrefix;
        this.typeBytes = typeBytes;
        this.padTo = Math.max(1, padTo);
        this.path = path;
        int longest = 0;
        if (lengthPrefix == null) {
            for (int i = 0; i < this.codecs.length; i++) {
                int size = this.codecs[i].fixedSize();
                if (size < 0) {
                    throw new IllegalArgumentException(path + ": a union without length field needs fixed-size members, "
                            + fields[i].getName() + " is not (feat_req_someip_572)");
                }
                longest = Math.max(longest, size);
            }
        }
        this.paddedSize = roundUp(longest);
    }

    private int roundUp(int size) {
        return (size + padTo - 1) / padTo * padTo;
    }

    @Override
    public int fixedSize() {
        return lengthPrefix == null ? typeBytes + paddedSize : -1;
    }

    @Override
    public void write(MessageOrBuilder message, ByteBuf out, int depth) throws SerializationException {
        FieldDescriptor set = message.getOneofFieldDescriptor(oneof);
        int selector = set == null ? 0 : set.getIndex() - fields[0].getIndex() + 1;
        int at = lengthPrefix == null ? -1 : lengthPrefix.reserve(out);
        switch (typeBytes) {
            case 1 -> out.writeByte(selector);
            case 2 -> out.writeShort(selector);
            default -> out.writeInt(selector);
        }
        int start = out.writerIndex();
        if (set != null) {
            codecs[selector - 1].write(message.getField(set), out, depth);
        }
        int written = out.writerIndex() - start;
        out.writeZero((lengthPrefix == null ? paddedSize : roundUp(written)) - written);
        if (lengthPrefix != null) {
            // Counts element and padding only, not the type field in between (feat_req_someip_272).
            lengthPrefix.patch(out, at, out.writerIndex() - start);
        }
    }

    @Override
    public void read(ByteBuf in, Message.Builder builder, int depth) throws SerializationException {
        int length = -1;
        if (lengthPrefix != null) {
            ReadBounds.require(in, lengthPrefix.bytes() + typeBytes, path);
            // The length counts the element only; it is checked after the type field is read.
            length = switch (lengthPrefix.bytes()) {
                case 1 -> in.readUnsignedByte();
                case 2 -> in.readUnsignedShort();
                default -> (int) Math.min(in.readUnsignedInt(), Integer.MAX_VALUE);
            };
        }
        ReadBounds.require(in, typeBytes, path);
        long selector = switch (typeBytes) {
            case 1 -> in.readUnsignedByte();
            case 2 -> in.readUnsignedShort();
            default -> in.readUnsignedInt();
        };
        if (selector > fields.length) {
            throw new SerializationException(SerializationError.UNKNOWN_UNION_SELECTOR, path,
                    "type field " + selector + ", members 1.." + fields.length);
        }
        ByteBuf element;
        if (lengthPrefix != null) {
            if (length > in.readableBytes()) {
                throw new SerializationException(SerializationError.LENGTH_BEYOND_END, path,
                        "length field says " + length + " bytes, " + in.readableBytes() + " left");
            }
            element = in.readSlice(length);
        } else {
            ReadBounds.require(in, paddedSize, path);
            element = in.readSlice(paddedSize);
        }
        if (selector == 0) {
            builder.clearOneof(oneof);
            return;
        }
        int index = (int) selector - 1;
        builder.setField(fields[index], codecs[index].read(element, builder, depth));
    }
}
