package io.vehicle.someip.sd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Our own session id and reboot flag towards one receiver relation. */
class SdSessionCounterTest {

    @Test
    @DisplayName("feat_req_someipsd_39, feat_req_someipsd_40, feat_req_someipsd_41: sessions start at 1 with "
            + "the reboot flag, skip 0 when wrapping, and the flag stays cleared after the wrap")
    void wrapsToOneAndClearsTheRebootFlag() {
        SdSessionCounter counter = new SdSessionCounter();
        assertThat(counter.next()).isEqualTo(1);
        assertThat(counter.rebootFlag()).isTrue();
        for (int expected = 2; expected <= 0xFFFF; expected++) {
            assertThat(counter.next()).isEqualTo(expected);
        }
        assertThat(counter.rebootFlag()).as("flag still set at 0xFFFF").isTrue();
        assertThat(counter.next()).isEqualTo(1);
        assertThat(counter.rebootFlag()).isFalse();
        for (int i = 0; i < 0x1_0000; i++) {
            assertThat(counter.next()).isNotZero();
        }
        assertThat(counter.rebootFlag()).as("after a second wrap").isFalse();
    }
}
