package io.vehicle.someip.serialization;

import io.netty.buffer.ByteBuf;

/**
 * A length field of 8, 16 or 32 bits in front of a string, array, struct or union. It counts the bytes
 * after it, never itself (feat_req_someip_562, _254). Written as a placeholder and patched afterwards,
 * so content is encoded once.
 */
final class LengthPrefix {

    private final int bytes;
    private final long max;
    private final String path;

    LengthPrefix(int bytes, String path) {
        if (bytes != 1 && bytes != 2 && bytes != 4) {
            throw new IllegalArgumentException("length field of " + bytes + " bytes at " + path);
        }
        this.bytes = bytes;
        this.max = (1L << (8 * bytes)) - 1;
        this.path = path;
    }

    int bytes() {
        return bytes;
    }

    /** Reserves the field; returns the index to pass to {@link #patch}. */
    int reserve(ByteBuf out) {
        int at = out.writerIndex();
        out.writeZero(bytes);
        return at;
    }

    /** Writes the number of bytes written since {@link #reserve}. */
    void patch(ByteBuf out, int at) throws SerializationException {
        patch(out, at, out.writerIndex() - at - bytes);
    }

    /** Writes a given count into the field reserved at {@code at}. */
    void patch(ByteBuf out, int at, long length) throws SerializationException {
        if (length > max) {
            throw new SerializationException(SerializationError.LENGTH_FIELD_OVERFLOW, path,
                    length + " bytes do not fit a " + 8 * bytes + "-bit length field");
        }
        switch (bytes) {
            case 1 -> out.setByte(at, (int) length);
            case 2 -> out.setShort(at, (int) length);
            default -> out.setInt(at, (int) length);
        }
    }

    /** Reads the field and checks that the bytes it counts are present. */
    int read(ByteBuf in) throws SerializationException {
        ReadBounds.require(in, bytes, path);
        long length = switch (bytes) {
            case 1 -> in.readUnsignedByte();
            case 2 -> in.readUnsignedShort();
            default -> in.readUnsignedInt();
        };
        if (length > in.readableBytes()) {
            throw new SerializationException(SerializationError.LENGTH_BEYOND_END, path,
                    "length field says " + length + " bytes, " + in.readableBytes() + " left");
        }
        return (int) length;
    }
}
