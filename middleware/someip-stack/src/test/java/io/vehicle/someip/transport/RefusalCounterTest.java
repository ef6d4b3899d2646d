package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Refusals counted per reason, logged at most once per peer per interval and a bounded number of lines in all. */
class RefusalCounterTest {

    enum Reason { SHORT, LONG, ODD }

    static final InetSocketAddress A = new InetSocketAddress("10.0.0.2", 30490);
    static final InetSocketAddress B = new InetSocketAddress("10.0.0.3", 30490);
    static final long SECOND = 1_000_000_000L;

    final AtomicLong now = new AtomicLong();
    final RefusalCounter<Reason> counter = new RefusalCounter<>(Reason.class,
            LoggerFactory.getLogger(RefusalCounterTest.class), 10 * SECOND, now::get);

    @Test
    @DisplayName("each reason has its own count; the snapshot lists every reason, zeros included")
    void countsPerReason() {
        counter.record(A, Reason.SHORT, "3 bytes");
        counter.record(A, Reason.SHORT, "4 bytes");
        counter.record(B, Reason.LONG, "too long");
        assertThat(counter.count(Reason.SHORT)).isEqualTo(2);
        assertThat(counter.count(Reason.LONG)).isEqualTo(1);
        assertThat(counter.total()).isEqualTo(3);
        assertThat(counter.snapshot()).containsExactly(Map.entry(Reason.SHORT, 2L), Map.entry(Reason.LONG, 1L),
                Map.entry(Reason.ODD, 0L));
    }

    @Test
    @DisplayName("a peer's first refusal is logged, the next ones only once the interval passed; peers apart")
    void logsOncePerPeerPerInterval() {
        assertThat(counter.record(A, Reason.SHORT, "first")).isTrue();
        assertThat(counter.record(A, Reason.LONG, "another reason, same peer")).isFalse();
        assertThat(counter.record(B, Reason.SHORT, "another peer")).isTrue();
        now.addAndGet(10 * SECOND - 1);
        assertThat(counter.record(A, Reason.SHORT, "still within the interval")).isFalse();
        now.addAndGet(1);
        assertThat(counter.record(A, Reason.SHORT, "interval over")).isTrue();
        assertThat(counter.total()).as("every refusal counted, logged or not").isEqualTo(5);
    }

    @Test
    @DisplayName("a flood from thousands of peers logs at most MAX_LINES_PER_INTERVAL lines an interval, then one "
            + "line summing up the rest; every refusal is counted")
    void boundedLinesInAll() {
        Logger log = (Logger) LoggerFactory.getLogger("RefusalCounterTest.flood");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        RefusalCounter<Reason> flooded = new RefusalCounter<>(Reason.class, log, 10 * SECOND, now::get);
        int logged = 0;
        for (int i = 0; i < 5_000; i++) {
            if (flooded.record(new InetSocketAddress("10.1." + i / 250 + "." + i % 250, 30490), Reason.ODD, "flood")) {
                logged++;
            }
        }
        assertThat(logged).isEqualTo(RefusalCounter.MAX_LINES_PER_INTERVAL);
        assertThat(lines.list).hasSize(RefusalCounter.MAX_LINES_PER_INTERVAL);
        assertThat(flooded.count(Reason.ODD)).isEqualTo(5_000);

        now.addAndGet(10 * SECOND - 1);
        assertThat(flooded.record(B, Reason.ODD, "still the first interval")).isFalse();
        now.addAndGet(1);
        assertThat(flooded.record(B, Reason.ODD, "the next interval")).as("logged again").isTrue();
        assertThat(lines.list).hasSize(RefusalCounter.MAX_LINES_PER_INTERVAL + 2);
        assertThat(lines.list.get(RefusalCounter.MAX_LINES_PER_INTERVAL).getFormattedMessage())
                .as("the summary of the first interval comes before the next line")
                .startsWith((5_000 - RefusalCounter.MAX_LINES_PER_INTERVAL + 1) + " more refusals");
        assertThat(lines.list.get(RefusalCounter.MAX_LINES_PER_INTERVAL + 1).getFormattedMessage())
                .contains("the next interval");
        log.detachAppender(lines);
    }
}
