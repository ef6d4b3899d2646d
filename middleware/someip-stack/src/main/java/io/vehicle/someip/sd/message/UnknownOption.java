package io.vehicle.someip.sd.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An option of a type this codec does not understand, or of a known type whose content is invalid
 * (then {@code type} is a known type and entries referencing it are rejected). It keeps every byte
 * after the Type field, starting with the Reserved byte whose highest bit is the discardable flag
 * (feat_req_someipsd_102), so it can be written back unchanged.
 */
public record UnknownOption(int type, byte[] content) implements SdOption {

    public UnknownOption {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("option type is a byte: " + type);
        }
        if (content == null || content.length > 0xFFFF) {
            throw new IllegalArgumentException("content must be 0..65535 bytes");
        }
        content = content.clone();
    }

    /** feat_req_someipsd_102: a receiver that does not know the type may skip it when this flag is set. */
    public boolean discardable() {
        return content.length > 0 && (content[0] & 0x80) != 0;
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnknownOption that && type == that.type && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return String.format("UnknownOption[type=0x%02X, content=%s]", type, HexFormat.of().formatHex(content));
    }
}
