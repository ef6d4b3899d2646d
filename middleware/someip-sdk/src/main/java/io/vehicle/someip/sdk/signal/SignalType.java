package io.vehicle.someip.sdk.signal;

import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * The value type of a signal as clients see it, from the protobuf type of its leaf field. The
 * SOME/IP wire width (a {@code uint32} sent as UINT8, say) is the serializer's business; the range
 * in the signal's metadata is what limits values here.
 */
public enum SignalType {
    BOOLEAN,
    INT32,
    INT64,
    UINT32,
    UINT64,
    FLOAT,
    DOUBLE,
    STRING,
    /** A protobuf enum, named by its short value names (the signal's allowed values). */
    ENUM;

    static SignalType of(FieldDescriptor leaf) {
        return switch (leaf.getType()) {
            case BOOL -> BOOLEAN;
            case INT32, SINT32, SFIXED32 -> INT32;
            case INT64, SINT64, SFIXED64 -> INT64;
            case UINT32, FIXED32 -> UINT32;
            case UINT64, FIXED64 -> UINT64;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case STRING -> STRING;
            case ENUM -> ENUM;
            default -> throw new IllegalArgumentException(leaf.getFullName() + ": a " + leaf.getType()
                    + " field cannot carry a signal");
        };
    }

    public boolean isNumeric() {
        return this != BOOLEAN && this != STRING && this != ENUM;
    }

    public boolean isIntegral() {
        return this == INT32 || this == INT64 || this == UINT32 || this == UINT64;
    }
}
