package io.vehicle.someip.tp;

import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;

/**
 * Selects the reassembly buffer of a segment (feat_req_someiptp_781, feat_req_someiptp_794): the
 * sender (address and port, feat_req_someiptp_787), Message ID, Client ID and Message Type without the
 * TP flag. The Session ID is deliberately not part of it: one buffer holds one original message at a
 * time and a new Session ID starts the next one (feat_req_someiptp_795, feat_req_someiptp_802).
 * Protocol and Interface Version are checked against the buffer instead of selecting it, so a
 * segment whose versions change mid-message is an error rather than a second parallel message.
 */
record ReassemblyKey(Object peer, int messageId, int clientId, MessageType baseType) {

    static ReassemblyKey of(Object peer, SomeIpMessage segment) {
        return new ReassemblyKey(peer, segment.messageId(), segment.clientId(), segment.messageType().withoutTp());
    }
}
