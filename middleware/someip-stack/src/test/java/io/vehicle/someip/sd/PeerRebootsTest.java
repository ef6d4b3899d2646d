package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.OTHER_PEER;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What happens on a detected reboot: counted once, told to every listener in order. */
class PeerRebootsTest {

    static final boolean MULTICAST = true;
    static final boolean UNICAST = false;

    final PeerReboots reboots = new PeerReboots();
    final List<String> told = new ArrayList<>();

    PeerRebootsTest() {
        reboots.onReboot(peer -> told.add("client " + peer));
        reboots.onReboot(peer -> told.add("server " + peer));
        reboots.onReboot(peer -> told.add("node " + peer));
    }

    @Test
    @DisplayName("feat_req_someipsd_871, feat_req_someipsd_872: a reboot is told to every listener, in the order they registered")
    void listenersAreToldInOrder() {
        assertThat(reboots.check(PEER, MULTICAST, true, 10)).isFalse();
        assertThat(reboots.check(PEER, MULTICAST, true, 1)).isTrue();
        assertThat(told).containsExactly("client " + PEER, "server " + PEER, "node " + PEER);
        assertThat(reboots.detected()).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someipsd_765, feat_req_someipsd_863: one reboot seen on both channels is handled once")
    void oneRebootOnBothChannelsCountsOnce() {
        reboots.check(PEER, MULTICAST, true, 10);
        reboots.check(PEER, UNICAST, true, 20);
        reboots.check(PEER, MULTICAST, true, 1);
        reboots.check(PEER, UNICAST, true, 1);
        assertThat(reboots.detected()).isEqualTo(1);
        assertThat(told).hasSize(3);
    }

    @Test
    @DisplayName("feat_req_someipsd_764: sessions going up are no reboot; another peer is kept apart")
    void noRebootWithoutEvidence() {
        reboots.check(PEER, MULTICAST, true, 10);
        reboots.check(PEER, MULTICAST, true, 11);
        reboots.check(OTHER_PEER, MULTICAST, true, 1);
        assertThat(reboots.detected()).isZero();
        assertThat(told).isEmpty();
    }
}
