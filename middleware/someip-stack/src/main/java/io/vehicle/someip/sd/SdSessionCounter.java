package io.vehicle.someip.sd;

/**
 * Our session id and reboot flag towards one receiver relation (multicast, or one unicast peer):
 * kept separately per relation (feat_req_someipsd_765). The reboot flag stays 1 from start-up until
 * the session id wraps, then 0 (feat_req_someipsd_41).
 */
final class SdSessionCounter {

    private int last;
    private boolean wrapped;

    /** Advances and returns the next session id (1..0xFFFF, never 0). */
    int next() {
        if (last == 0xFFFF) {
            last = 1;
            wrapped = true;
        } else {
            last++;
        }
        return last;
    }

    boolean rebootFlag() {
        return !wrapped;
    }
}
