package io.vehicle.someip.sd;

/**
 * Why SD's view of a remote service instance changed: the status of remote services that SD
 * reports to local software (feat_req_someipsd_14).
 */
public enum AvailabilityReason {
    /** An OfferService entry named it (feat_req_someipsd_252). */
    OFFERED("offered"),
    /** Its provider sent StopOfferService (feat_req_someipsd_261). */
    STOP_OFFER("stop offer"),
    /** Its last offer's TTL ran out without a renewal. */
    TTL_EXPIRED("TTL expired"),
    /** Its provider's SD reboot flag and session id show a reboot (feat_req_someipsd_863, feat_req_someipsd_871). */
    PEER_REBOOT("peer rebooted"),
    /** It was offered again at other endpoints; the old ones are stale (feat_req_someipsd_858). */
    MOVED("offered again at other endpoints"),
    /**
     * Not SD's: the provider reset our TCP connection to an instance offered over TCP only; it is up
     * again with the next offer (issue #13: vsomeip 3.6.4 marks it down at once too).
     */
    CONNECTION_RESET("TCP connection reset by the provider");

    private final String text;

    AvailabilityReason(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
