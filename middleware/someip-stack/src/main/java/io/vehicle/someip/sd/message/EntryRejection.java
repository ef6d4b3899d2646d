package io.vehicle.someip.sd.message;

/**
 * Why one entry of an otherwise well-formed SD message was not accepted. Per feat_req_someipsd_1164
 * and feat_req_someipsd_1144 a rejected SubscribeEventgroup is answered with a
 * SubscribeEventgroupNack and any other rejected entry is ignored; the codec only reports.
 */
public enum EntryRejection {
    /** An entry type other than 0x00, 0x01, 0x06, 0x07; entries have a fixed size, so it is skipped. */
    UNKNOWN_ENTRY_TYPE,
    /** An option run points past the options array (feat_req_someipsd_1164, feat_req_someipsd_102). */
    MISSING_OPTION,
    /** A referenced option of unknown type without the discardable flag (feat_req_someipsd_102). */
    UNKNOWN_OPTION_NOT_DISCARDABLE,
    /** A referenced option whose length or content does not fit its type (feat_req_someipsd_102). */
    MALFORMED_OPTION,
    /** A referenced option of a type this entry may not reference, without the discardable flag (feat_req_someipsd_102). */
    OPTION_NOT_ALLOWED,
    /** Two referenced options of the same kind that contradict each other (feat_req_someipsd_1144). */
    CONFLICTING_OPTIONS
}
