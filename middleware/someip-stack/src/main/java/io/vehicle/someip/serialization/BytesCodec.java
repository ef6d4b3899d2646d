package io.vehicle.someip.serialization;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;

/** A protobuf bytes value as an array of uint8: with a length field (feat_req_someip_254) or of fixed length. */
final class BytesCodec implements ElementCodec {

    private final LengthPrefix lengthPrefix; // null: fixed length
    private final int fixedLength;
    private final int maxLength;
    private final String path;

    BytesCodec(LengthPrefix lengthPrefix, int fixedLength, int maxLength, String path) {
        this.lengthPrefix = lengthPrefix;
        this.fixedLength = fixedLength;
        this.maxLength = maxLength;
        this.path = path;
    }

    @Override
    public int fixedSize() {
        return lengthPrefix == null ? fixedLength : -1;
    }

    @Override
    public void write(Object value, ByteBuf out, int depth) throws SerializationException {
        ByteString bytes = (ByteString) value;
        if (lengthPrefix == null) {
            if (bytes.size() != fixedLength) {
                throw new SerializationException(SerializationError.ARRAY_LENGTH_MISMATCH, path,
                        bytes.size() + " bytes for a fixed length of " + fixedLength);
            }
            out.writeBytes(bytes.asReadOnlyByteBuffer());
            return;
        }
        if (maxLength > 0 && bytes.size() > maxLength) {
            throw new SerializationException(SerializationError.VALUE_TOO_LONG, path,
                    bytes.size() + " bytes, at most " + maxLength);
        }
        int at = lengthPrefix.reserve(out);
        out.writeBytes(bytes.asReadOnlyByteBuffer());
        lengthPrefix.patch(out, at);
    }

    @Override
    public Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException {
        int length;
        if (lengthPrefix == null) {
            length = fixedLength;
            ReadBounds.require(in, length, path);
        } else {
            length = lengthPrefix.read(in); // checked against the bytes present before anything is allocated
            if (maxLength > 0 && length > maxLength) {
                throw new SerializationException(SerializationError.ARRAY_TOO_LONG, path,
                        length + " bytes, at most " + maxLength);
            }
        }
        ByteString value = ByteString.copyFrom(in.nioBuffer(in.readerIndex(), length));
        in.skipBytes(length);
        return value;
    }
}
