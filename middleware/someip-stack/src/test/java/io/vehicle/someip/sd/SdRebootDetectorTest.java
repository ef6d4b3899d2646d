package io.vehicle.someip.sd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reboot detection rules of feat_req_someipsd_764, kept per sender and channel (feat_req_someipsd_765). */
class SdRebootDetectorTest {

    static final InetSocketAddress A = new InetSocketAddress("10.0.0.2", 30490);
    static final InetSocketAddress B = new InetSocketAddress("10.0.0.3", 30490);
    static final boolean MULTICAST = true;
    static final boolean UNICAST = false;

    final RebootDetector detector = new RebootDetector();

    @Test
    @DisplayName("feat_req_someipsd_764, feat_req_someipsd_871: the first message of a peer shows no reboot")
    void firstMessageIsNoReboot() {
        assertThat(detector.rebooted(A, MULTICAST, true, 1)).isFalse();
    }

    @Test
    @DisplayName("feat_req_someipsd_764: old.reboot 0 and new.reboot 1 is a reboot, even with a higher session "
            + "id, which the insufficient rule (new.reboot 1 and old.session >= new.session) would miss")
    void flagRisingIsAReboot() {
        detector.rebooted(A, MULTICAST, false, 10);
        assertThat(detector.rebooted(A, MULTICAST, true, 20)).isTrue();
    }

    @Test
    @DisplayName("feat_req_someipsd_764: both flags 1 and old.session >= new.session is a reboot")
    void sessionNotIncreasingWithFlagSetIsAReboot() {
        detector.rebooted(A, MULTICAST, true, 10);
        assertThat(detector.rebooted(A, MULTICAST, true, 10)).as("equal session").isTrue();
        assertThat(detector.rebooted(A, MULTICAST, true, 5)).as("lower session").isTrue();
    }

    @Test
    @DisplayName("feat_req_someipsd_764, feat_req_someipsd_41: increasing sessions, a wrap (flag 1 to 0) and "
            + "lost messages are no reboot")
    void normalProgressIsNoReboot() {
        assertThat(detector.rebooted(A, MULTICAST, true, 1)).isFalse();
        assertThat(detector.rebooted(A, MULTICAST, true, 5)).as("lost messages").isFalse();
        assertThat(detector.rebooted(A, MULTICAST, true, 0xFFFF)).isFalse();
        assertThat(detector.rebooted(A, MULTICAST, false, 1)).as("wrap clears the flag").isFalse();
        assertThat(detector.rebooted(A, MULTICAST, false, 2)).isFalse();
        // Flag 0 on both sides and a lower session: after a wrap that is no reboot either.
        assertThat(detector.rebooted(A, MULTICAST, false, 1)).isFalse();
    }

    @Test
    @DisplayName("feat_req_someipsd_765: multicast and unicast of one sender, and different senders, are kept apart")
    void keptPerSenderAndChannel() {
        detector.rebooted(A, MULTICAST, true, 100);
        assertThat(detector.rebooted(A, UNICAST, true, 1)).as("unicast counts on its own").isFalse();
        assertThat(detector.rebooted(B, MULTICAST, true, 1)).as("another sender").isFalse();
        assertThat(detector.rebooted(A, MULTICAST, true, 101)).isFalse();
        assertThat(detector.rebooted(A, UNICAST, true, 2)).isFalse();
        assertThat(detector.peers()).as("senders, each with its two channels").isEqualTo(2);
    }
}
