package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionIdCounterTest {

    @Test
    @DisplayName("feat_req_someip_649/88: session ids start at 0x0001 and count up")
    void startsAtOne() {
        SessionIdCounter counter = new SessionIdCounter();
        assertThat(counter.next()).isEqualTo(1);
        assertThat(counter.next()).isEqualTo(2);
        assertThat(counter.next()).isEqualTo(3);
    }

    @Test
    @DisplayName("feat_req_someip_677/669: after 0xFFFF comes 0x0001, and 0 is never used")
    void wrapsFromFfffToOneNeverZero() {
        SessionIdCounter counter = new SessionIdCounter();
        int previous = 0;
        for (int i = 0; i < 3 * 0xFFFF; i++) {
            int id = counter.next();
            assertThat(id).isBetween(1, 0xFFFF);
            if (previous == 0xFFFF) {
                assertThat(id).isEqualTo(1);
            } else {
                assertThat(id).isEqualTo(previous + 1);
            }
            previous = id;
        }
    }
}
