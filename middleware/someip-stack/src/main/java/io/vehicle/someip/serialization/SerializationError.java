package io.vehicle.someip.serialization;

import io.vehicle.someip.wire.ReturnCode;

/** Why a payload could not be read, or a message could not be written, by its SOME/IP deployment. */
public enum SerializationError {
    // Reading: the payload is malformed (answered with E_MALFORMED_MESSAGE).
    /** Fewer bytes left than the next value needs. */
    TRUNCATED(true),
    /** A length field points past the end of its enclosing data (feat_req_someip_254, _601, _272). */
    LENGTH_BEYOND_END(true),
    /** A string without the Byte Order Mark of its deployed encoding (feat_req_someip_662, _666). */
    BAD_BOM(true),
    /** String bytes that are not valid in the deployed encoding. */
    INVALID_STRING(true),
    /** A string without its "\0" terminator (feat_req_someip_233, _687, _639). */
    MISSING_TERMINATOR(true),
    /** A string longer than its deployed maximum (feat_req_someip_237). */
    STRING_TOO_LONG(true),
    /** More elements than the deployed or configured bound (feat_req_someip_260). */
    ARRAY_TOO_LONG(true),
    /** Array bytes that do not split into whole elements. */
    BAD_ARRAY_LAYOUT(true),
    /** A union type field naming no member (feat_req_someip_273). */
    UNKNOWN_UNION_SELECTOR(true),
    /** A value of a closed enumeration that it does not define (feat_req_someip_799 allows closing). */
    UNDEFINED_ENUM_VALUE(true),
    /** A wire value the protobuf field cannot hold (e.g. a uint32 over 2^31-1 into an int32). */
    VALUE_OUT_OF_RANGE(true),
    /** Structs nested deeper than the configured bound. */
    NESTING_TOO_DEEP(true),

    // Writing: the message does not fit its deployment (a bug or bad input in the sender).
    /** A value outside the deployed width, e.g. 300 into a uint8. */
    VALUE_OUT_OF_WIDTH(false),
    /** Text that the wire cannot carry: "\0" inside, or an unpaired surrogate. */
    STRING_NOT_REPRESENTABLE(false),
    /** A string or byte array longer than its fixed or maximum length. */
    VALUE_TOO_LONG(false),
    /** Content longer than its length field can count. */
    LENGTH_FIELD_OVERFLOW(false),
    /** A fixed-length array given another number of elements (feat_req_someip_243). */
    ARRAY_LENGTH_MISMATCH(false),
    /** More elements than the deployment allows. */
    TOO_MANY_ELEMENTS(false),
    /** Messages nested deeper than the configured bound. */
    NESTING_TOO_DEEP_ON_WRITE(false);

    private final boolean malformedInput;

    SerializationError(boolean malformedInput) {
        this.malformedInput = malformedInput;
    }

    /** True for errors found while reading a received payload. */
    public boolean malformedInput() {
        return malformedInput;
    }

    /** The return code a response carries for this error: malformed input or a failed send. */
    public ReturnCode returnCode() {
        return malformedInput ? ReturnCode.E_MALFORMED_MESSAGE : ReturnCode.E_NOT_OK;
    }
}
