package io.vehicle.someip.wire;

/** Why a piece of input was not accepted as a SOME/IP message. Counted per reason by the transports. */
public enum WireError {
    /** Fewer than 16 bytes where a header should start (feat_req_someip_718: header incomplete). */
    TRUNCATED_HEADER,
    /** Length field below 8, the size of the header part it must cover (feat_req_someip_77). */
    LENGTH_TOO_SMALL,
    /** Length field pointing past the end of the datagram (feat_req_someip_798). */
    LENGTH_BEYOND_DATAGRAM,
    /**
     * Length field over the configured maximum message size: of a TCP connection, or of a UDP message
     * without SOME/IP-TP (feat_req_someip_318).
     */
    LENGTH_OVER_MAXIMUM,
    /** Message type byte that is not one of feat_req_someip_95. */
    UNKNOWN_MESSAGE_TYPE,
    /** Bytes on a TCP stream skipped while searching for the next Magic Cookie (feat_req_someip_586). */
    STREAM_GARBAGE,
    /** A SOME/IP-TP segment that cannot be reassembled (bad offset, overlap, over the size bound). */
    BAD_TP_SEGMENT
}
