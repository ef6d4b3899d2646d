package io.vehicle.someip.sd;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Detects peer reboots from the reboot flag and session id of their SD messages, kept separately
 * per sender and per multicast/unicast channel (feat_req_someipsd_765, feat_req_someipsd_764):
 * reboot when old.reboot==0 and new.reboot==1, or both 1 and old.session >= new.session.
 */
final class RebootDetector {

    private record Channel(InetSocketAddress sender, boolean multicast) {
    }

    private record Last(boolean reboot, int session) {
    }

    private final Map<Channel, Last> last = new HashMap<>();

    /** Records a received message and says whether it shows that the sender rebooted. */
    boolean rebooted(InetSocketAddress sender, boolean multicast, boolean reboot, int session) {
        Channel channel = new Channel(sender, multicast);
        Last previous = last.put(channel, new Last(reboot, session));
        if (previous == null) {
            return false;
        }
        return (!previous.reboot && reboot) || (previous.reboot && reboot && previous.session >= session);
    }

    void forgetOtherChannel(InetSocketAddress sender, boolean multicast) {
        last.remove(new Channel(sender, !multicast));
    }

    void forget(InetSocketAddress sender) {
        last.keySet().removeIf(channel -> channel.sender.equals(sender));
    }

    int peers() {
        return last.size();
    }
}
