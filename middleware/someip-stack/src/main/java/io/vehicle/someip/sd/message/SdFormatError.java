package io.vehicle.someip.sd.message;

/**
 * Why a SOME/IP-SD message as a whole was not accepted. Problems that concern one entry only (a
 * missing or malformed option, an unknown entry type) do not reject the message; they are reported
 * per entry as {@link EntryRejection}.
 */
public enum SdFormatError {
    /** The SOME/IP header is not the SD header of feat_req_someipsd_26 (service, method, type, versions). */
    NOT_SD_HEADER,
    /** Fewer bytes than an empty SD message needs: flags, reserved, two array lengths (feat_req_someipsd_1164). */
    TRUNCATED_HEADER,
    /** The entries array length points past the end of the message (feat_req_someipsd_44, feat_req_someipsd_1164). */
    ENTRIES_LENGTH_BEYOND_END,
    /** The entries array length is not a whole number of 16-byte entries (feat_req_someipsd_47, feat_req_someipsd_109). */
    ENTRIES_LENGTH_NOT_MULTIPLE_OF_16,
    /** No room for the options array length after the entries array (feat_req_someipsd_103). */
    MISSING_OPTIONS_LENGTH,
    /** The options array length points past the end of the message (feat_req_someipsd_44, feat_req_someipsd_1164). */
    OPTIONS_LENGTH_BEYOND_END,
    /** Fewer than 3 bytes (length and type) left in the options array where an option should start. */
    TRUNCATED_OPTION_HEADER,
    /** An option's length field points past the end of the options array (feat_req_someipsd_133). */
    OPTION_LENGTH_BEYOND_END,
    /** Bytes after the options array that no length field covers (feat_req_someipsd_26: the length ends with the SD message). */
    TRAILING_BYTES
}
