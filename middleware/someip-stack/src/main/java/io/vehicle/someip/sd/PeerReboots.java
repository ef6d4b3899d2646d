package io.vehicle.someip.sd;

import io.vehicle.someip.sd.ServiceDiscovery.PeerRebootListener;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reboot handling: the reboot flag and session id of every received message go through a
 * {@link RebootDetector} (feat_req_someipsd_764, feat_req_someipsd_765); a reboot is counted,
 * logged and told to the listeners in the order they registered, so the peer's services and
 * subscriptions expire (feat_req_someipsd_871) before the node resets its TCP connections
 * (feat_req_someipsd_872). Thread-confined to the SD scheduler, except {@link #detected()}.
 */
final class PeerReboots {

    private static final Logger LOG = LoggerFactory.getLogger(PeerReboots.class);

    private final RebootDetector detector;
    private final List<PeerRebootListener> listeners = new ArrayList<>();
    private final LongAdder detected = new LongAdder();

    PeerReboots() {
        this(new RebootDetector());
    }

    PeerReboots(RebootDetector detector) {
        this.detector = detector;
    }

    void onReboot(PeerRebootListener listener) {
        listeners.add(listener);
    }

    /** Records a message of {@code sender}; when it shows a reboot, tells the listeners and returns true. */
    boolean check(InetSocketAddress sender, boolean viaMulticast, boolean rebootFlag, int sessionId) {
        return check(sender, viaMulticast, rebootFlag, sessionId, 0);
    }

    /** As {@link #check(InetSocketAddress, boolean, boolean, int)}, heard at {@code now} (ms). */
    boolean check(InetSocketAddress sender, boolean viaMulticast, boolean rebootFlag, int sessionId, long now) {
        if (!detector.rebooted(sender, viaMulticast, rebootFlag, sessionId, now)) {
            return false;
        }
        // One reboot shows on both channels; start the other one afresh so it is handled once.
        detector.forgetOtherChannel(sender, viaMulticast);
        detected.increment();
        LOG.info("SD peer {} rebooted: expiring its services and subscriptions", sender);
        // Our own session counters stay: they show *our* reboots, not theirs.
        for (PeerRebootListener listener : listeners) {
            listener.rebooted(sender);
        }
        return true;
    }

    long detected() {
        return detected.sum();
    }

    /** Forgets the history of quiet senders that hold nothing; true while any is kept. */
    boolean expire(long now) {
        return detector.expire(now);
    }
}
