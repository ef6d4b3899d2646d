package io.vehicle.someip.serialization;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A string: Byte Order Mark, text, "\0" terminator (feat_req_someip_662, _687, _639). Dynamic strings have
 * a length field counting BOM, text and terminator but not itself (feat_req_someip_237, _562, _582, _800);
 * fixed-length strings fill their length with "\0" (feat_req_someip_233). Bytes after the terminator inside
 * the length are padding and are skipped (feat_req_someip_239). UTF-16 with odd length ignores the last byte
 * (feat_req_someip_641, _642).
 */
final class StringCodec implements ElementCodec {

    /** Encodings of feat_req_someip_234 with their BOM and terminator width. */
    enum Encoding {
        UTF_8(StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 1),
        UTF_16BE(StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}, 2),
        UTF_16LE(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}, 2);

        final Charset charset;
        final byte[] bom;
        final int unit;
        // Decoders are stateful; one per thread, reset on each use by CharsetDecoder.decode(ByteBuffer).
        private final ThreadLocal<CharsetDecoder> decoder;

        Encoding(Charset charset, byte[] bom, int unit) {
            this.charset = charset;
            this.bom = bom;
            this.unit = unit;
            this.decoder = ThreadLocal.withInitial(() -> charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        }
    }

    private final Encoding encoding;
    private final LengthPrefix lengthPrefix; // null: fixed length
    private final int fixedLength;
    private final int maxLength; // 0: no bound beyond the length field
    private final String path;

    StringCodec(Encoding encoding, LengthPrefix lengthPrefix, int fixedLength, int maxLength, String path) {
        this.encoding = encoding;
        this.lengthPrefix = lengthPrefix;
        this.fixedLength = fixedLength;
        this.maxLength = maxLength;
        this.path = path;
        int minimum = encoding.bom.length + encoding.unit;
        if (lengthPrefix == null && fixedLength < minimum) {
            throw new IllegalArgumentException(path + ": fixed-length string needs at least " + minimum + " bytes");
        }
        if (lengthPrefix == null && encoding.unit == 2 && fixedLength % 2 != 0) {
            throw new IllegalArgumentException(path + ": UTF-16 fixed-length string needs an even length (feat_req_someip_640)");
        }
    }

    @Override
    public int fixedSize() {
        return lengthPrefix == null ? fixedLength : -1;
    }

    @Override
    public void write(Object value, ByteBuf out, int depth) throws SerializationException {
        String text = (String) value;
        checkRepresentable(text);
        int at = lengthPrefix == null ? -1 : lengthPrefix.reserve(out);
        int start = out.writerIndex();
        out.writeBytes(encoding.bom);
        switch (encoding) {
            case UTF_8 -> ByteBufUtil.writeUtf8(out, text);
            case UTF_16BE -> {
                for (int i = 0; i < text.length(); i++) {
                    out.writeShort(text.charAt(i));
                }
            }
            case UTF_16LE -> {
                for (int i = 0; i < text.length(); i++) {
                    out.writeShortLE(text.charAt(i));
                }
            }
        }
        out.writeZero(encoding.unit);
        int written = out.writerIndex() - start;
        int limit = lengthPrefix == null ? fixedLength : maxLength;
        if (limit > 0 && written > limit) {
            out.writerIndex(start);
            throw new SerializationException(SerializationError.VALUE_TOO_LONG, path,
                    written + " bytes with BOM and terminator, at most " + limit);
        }
        if (lengthPrefix == null) {
            out.writeZero(fixedLength - written);
        } else {
            lengthPrefix.patch(out, at);
        }
    }

    private void checkRepresentable(String text) throws SerializationException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new SerializationException(SerializationError.STRING_NOT_REPRESENTABLE, path,
                        "\\0 at index " + i + " would end the string early");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    throw new SerializationException(SerializationError.STRING_NOT_REPRESENTABLE, path,
                            "unpaired surrogate at index " + i);
                }
                i++;
            }
        }
    }

    @Override
    public Object read(ByteBuf in, Message.Builder parent, int depth) throws SerializationException {
        int length;
        if (lengthPrefix == null) {
            length = fixedLength;
            ReadBounds.require(in, length, path);
        } else {
            length = lengthPrefix.read(in);
            if (maxLength > 0 && length > maxLength) {
                throw new SerializationException(SerializationError.STRING_TOO_LONG, path,
                        length + " bytes, at most " + maxLength);
            }
        }
        int start = in.readerIndex();
        in.skipBytes(length);
        byte[] bom = encoding.bom;
        if (length < bom.length) {
            throw new SerializationException(SerializationError.BAD_BOM, path, "string of " + length + " bytes has no BOM");
        }
        for (int i = 0; i < bom.length; i++) {
            if (in.getByte(start + i) != bom[i]) {
                throw new SerializationException(SerializationError.BAD_BOM, path,
                        "expected BOM " + ByteBufUtil.hexDump(bom) + " for " + encoding + ", got "
                                + ByteBufUtil.hexDump(in, start, bom.length));
            }
        }
        int textStart = start + bom.length;
        int end = textStart + ((length - bom.length) & -encoding.unit); // drop an odd last byte (feat_req_someip_641)
        int terminator = findTerminator(in, textStart, end);
        if (terminator < 0) {
            throw new SerializationException(SerializationError.MISSING_TERMINATOR, path,
                    "no \\0 within " + length + " bytes");
        }
        try {
            return encoding.decoder.get().decode(in.nioBuffer(textStart, terminator - textStart)).toString();
        } catch (CharacterCodingException e) {
            throw new SerializationException(SerializationError.INVALID_STRING, path, "not valid " + encoding + ": " + e);
        }
    }

    private int findTerminator(ByteBuf in, int from, int to) {
        if (encoding.unit == 1) {
            return in.indexOf(from, to, (byte) 0);
        }
        for (int i = from; i + 1 < to; i += 2) {
            if (in.getShort(i) == 0) {
                return i;
            }
        }
        return -1;
    }
}
