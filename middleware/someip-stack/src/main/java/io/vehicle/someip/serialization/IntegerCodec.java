package io.vehicle.someip.serialization;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;

/**
 * An integer field as uint8..uint64 or sint8..sint64, big-endian (feat_req_someip_682). Writing checks the
 * value fits the deployed width; reading checks the wire value fits the protobuf field's Java type.
 */
final class IntegerCodec implements ElementCodec {

    /** How protobuf holds the field in Java. */
    enum JavaForm { INT32, UINT32, INT64, UINT64 }

    private final int size;
    private final boolean signedWire;
    private final JavaForm form;
    private final long min;
    private final long max;
    private final String path;

    IntegerCodec(int size, boolean signedWire, JavaForm form, String path) {
        this.size = size;
        this.signedWire = signedWire;
        this.form = form;
        this.path = path;
        if (size == 8) {
            this.min = signedWire ? Long.MIN_VALUE : 0;
            this.max = Long.MAX_VALUE; // uint64 above 2^63-1 is handled as unsigned bits
        } else {
            int bits = 8 * size;
            this.min = signedWire ? -(1L << (bits - 1)) : 0;
            this.max = signedWire ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        }
    }

    @Override
    public int fixedSize() {
        return size;
    }

    @Override
    public void write(Object value, ByteBuf out, int depth) throws SerializationException {
        long v = switch (form) {
            case INT32 -> (Integer) value;
            case UINT32 -> Integer.toUnsignedLong((Integer) value);
            case INT64, UINT64 -> (Long) value;
        };
        boolean unsignedBits = form == JavaForm.UINT64 && v < 0; // above 2^63-1
        boolean fits = unsignedBits ? (size == 8 && !signedWire) : (v >= min && v <= max);
        if (!fits) {
            String shown = form == JavaForm.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
            throw new SerializationException(SerializationError.VALUE_OUT_OF_WIDTH, path,
                    shown + " does not fit " + (signedWire ? "sint" : "uint") + 8 * size);
        }
        switch (size) {
            case 1 -> out.writeByte((int) v);
            case 2 -> out.writeShort((int) v);
            case 4 -> out.writeInt((int) v);
            default -> out.writeLong(v);
        }
    }

    @Override
    public Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException {
        ReadBounds.require(in, size, path);
        long v = switch (size) {
            case 1 -> signedWire ? in.readByte() : in.readUnsignedByte();
            case 2 -> signedWire ? in.readShort() : in.readUnsignedShort();
            case 4 -> signedWire ? in.readInt() : in.readUnsignedInt();
            default -> in.readLong();
        };
        boolean unsignedBits = size == 8 && !signedWire && v < 0;
        switch (form) {
            case INT32:
                if (unsignedBits || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(v, unsignedBits);
                }
                return (int) v;
            case UINT32:
                if (unsignedBits || v < 0 || v > 0xFFFF_FFFFL) {
                    throw outOfRange(v, unsignedBits);
                }
                return (int) v;
            case INT64:
                if (unsignedBits) {
                    throw outOfRange(v, true);
                }
                return v;
            default:
                if (signedWire && v < 0) {
                    throw outOfRange(v, false);
                }
                return v;
        }
    }

    private SerializationException outOfRange(long v, boolean unsignedBits) {
        String shown = unsignedBits ? Long.toUnsignedString(v) : Long.toString(v);
        return new SerializationException(SerializationError.VALUE_OUT_OF_RANGE, path,
                shown + " does not fit the protobuf field type " + form);
    }
}
