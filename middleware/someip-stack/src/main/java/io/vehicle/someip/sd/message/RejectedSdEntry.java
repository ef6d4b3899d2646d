package io.vehicle.someip.sd.message;

/**
 * An entry of a received message that failed the checks of feat_req_someipsd_1164 and
 * feat_req_someipsd_102. The state machine answers a rejected SubscribeEventgroup with
 * {@link SubscribeEventgroup#nack()} and ignores everything else.
 *
 * @param position the entry's place in the entries array, from 0
 * @param wireType the entry's Type byte
 * @param entry the entry's fields with empty option runs, or null when the type is unknown
 * @param indexes the raw option run fields
 * @param reason why it was rejected
 * @param detail a human-readable explanation for logs
 */
public record RejectedSdEntry(int position, int wireType, SdEntry entry, OptionRunIndexes indexes,
                              EntryRejection reason, String detail) {
}
