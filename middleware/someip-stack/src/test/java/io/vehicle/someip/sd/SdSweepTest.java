package io.vehicle.someip.sd;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.SdEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The housekeeping tick: every 100 ms while a task has something to watch, sends packed, stopped by close. */
class SdSweepTest {

    final ManualScheduler clock = new ManualScheduler();
    final RecordingTransport transport = new RecordingTransport(clock);
    final SdOutbox outbox = new SdOutbox(transport);
    final SdSweep sweep = new SdSweep(clock, outbox);
    final List<String> ran = new ArrayList<>();
    int ticksToWatch = 3;

    SdSweepTest() {
        sweep.add(now -> {
            ran.add("first " + now);
            for (int i = 0; i < 30; i++) {
                outbox.multicast(new FindService(i, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION,
                        SdEntry.ANY_MINOR_VERSION, 3, List.of(), List.of()));
            }
            return --ticksToWatch > 0;
        });
        sweep.add(now -> {
            ran.add("second " + now);
            return false;
        });
    }

    @Test
    @DisplayName("ticks every 100 ms, tasks in order, until no task has anything left to watch")
    void ticksWhileWatching() {
        sweep.ensure();
        sweep.ensure(); // one tick pending at a time
        clock.advance(1000);
        assertThat(ran).containsExactly("first 100", "second 100", "first 200", "second 200", "first 300",
                "second 300");
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    @DisplayName("feat_req_someipsd_836: what a tick sends leaves packed")
    void aTickSendsPacked() {
        sweep.ensure();
        clock.advance(100);
        assertThat(transport.sent()).extracting(s -> s.message().entries().size()).containsExactly(24, 6);
    }

    @Test
    @DisplayName("after close no tick runs and none is scheduled again")
    void closeStopsTheTicks() {
        sweep.ensure();
        sweep.close();
        sweep.ensure();
        clock.advance(1000);
        assertThat(ran).isEmpty();
        assertThat(clock.pendingTasks()).isZero();
    }
}
