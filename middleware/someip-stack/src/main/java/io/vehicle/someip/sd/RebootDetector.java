package io.vehicle.someip.sd;

import java.net.InetSocketAddress;

/**
 * Detects peer reboots from the reboot flag and session id of their SD messages, kept separately
 * per sender and per multicast/unicast channel (feat_req_someipsd_765, feat_req_someipsd_764):
 * reboot when old.reboot==0 and new.reboot==1, or both 1 and old.session >= new.session.
 *
 * <p>The history is a {@link PeerMemory}: bounded, and forgotten for senders that hold nothing of
 * ours and went quiet. A forgotten sender's next message counts as its first, which shows no reboot.
 */
final class RebootDetector {

    private record Last(boolean reboot, int session) {
    }

    /** The last message of one sender on each channel. */
    private static final class Channels {
        Last multicast;
        Last unicast;
    }

    private final PeerMemory<Channels> last;

    /** With the default bounds of {@link SdLimits}. */
    RebootDetector() {
        this(SdLimits.defaults());
    }

    RebootDetector(SdLimits limits) {
        this.last = new PeerMemory<>(limits.maxPeers(), limits.peerIdleMillis());
    }

    /** The bounded table behind the detector, to say which senders it must keep and hear of evictions. */
    PeerMemory<?> memory() {
        return last;
    }

    /** Records a received message and says whether it shows that the sender rebooted. */
    boolean rebooted(InetSocketAddress sender, boolean multicast, boolean reboot, int session) {
        return rebooted(sender, multicast, reboot, session, 0);
    }

    /** As {@link #rebooted(InetSocketAddress, boolean, boolean, int)}, heard at {@code now} (ms). */
    boolean rebooted(InetSocketAddress sender, boolean multicast, boolean reboot, int session, long now) {
        Channels channels = last.getOrCreate(sender, now, Channels::new);
        Last previous = multicast ? channels.multicast : channels.unicast;
        Last current = new Last(reboot, session);
        if (multicast) {
            channels.multicast = current;
        } else {
            channels.unicast = current;
        }
        if (previous == null) {
            return false;
        }
        return (!previous.reboot && reboot) || (previous.reboot && reboot && previous.session >= session);
    }

    void forgetOtherChannel(InetSocketAddress sender, boolean multicast) {
        Channels channels = last.peek(sender);
        if (channels != null) {
            if (multicast) {
                channels.unicast = null;
            } else {
                channels.multicast = null;
            }
        }
    }

    void forget(InetSocketAddress sender) {
        last.remove(sender);
    }

    /** Senders whose history is kept. */
    int peers() {
        return last.size();
    }

    /** Forgets quiet senders that hold nothing; true while any is kept. */
    boolean expire(long now) {
        return last.expire(now);
    }
}
