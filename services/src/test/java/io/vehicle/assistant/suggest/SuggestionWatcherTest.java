package io.vehicle.assistant.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.VehicleState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuggestionWatcherTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final VehicleState FOGGY = VehicleState.of(Map.of(VehicleRules.FRONT_DEFROSTER, false,
            VehicleRules.FOG_LEVEL, 50.0));
    private static final VehicleState CLEAR = VehicleState.of(Map.of(VehicleRules.FRONT_DEFROSTER, false,
            VehicleRules.FOG_LEVEL, 0.0));

    private final ManualClock clock = new ManualClock();
    private final SuggestionWatcher watcher = new SuggestionWatcher(VehicleRules.all(), clock, Duration.ofMinutes(2),
            Duration.ofMinutes(10));
    private final List<SuggestionWatcher.Suggested> heard = new ArrayList<>();

    SuggestionWatcherTest() {
        watcher.listen(heard::add);
    }

    @Test
    void aSituationIsSuggestedOnceWhileItLasts() {
        watcher.update(FOGGY);
        watcher.update(FOGGY);
        assertThat(heard).singleElement().satisfies(s -> assertThat(s.offer().rule()).isEqualTo("windshield-fogging"));
        assertThat(watcher.open()).hasSize(1);
    }

    @Test
    void aClearedSituationWithdrawsItsSuggestion() {
        watcher.update(FOGGY);
        String id = heard.get(0).id();
        watcher.update(CLEAR);
        assertThat(watcher.open()).isEmpty();
        assertThat(watcher.take(id)).isEmpty();
    }

    @Test
    void aTakenSuggestionKeepsItsRuleQuietForTheCooldown() {
        watcher.update(FOGGY);
        assertThat(watcher.take(heard.get(0).id())).isPresent();
        assertThat(watcher.take(heard.get(0).id())).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        watcher.update(FOGGY);
        assertThat(heard).hasSize(1);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        watcher.update(FOGGY);
        assertThat(heard).hasSize(2);
    }

    @Test
    void anUnansweredSuggestionExpiresAndCannotBeTakenAfterwards() {
        watcher.update(FOGGY);
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        assertThat(watcher.take(heard.get(0).id())).isEmpty();
        assertThat(watcher.open()).isEmpty();
        watcher.update(FOGGY);
        assertThat(heard).hasSize(1);
    }

    @Test
    void aStoppedListenerHearsNothingMore() {
        List<SuggestionWatcher.Suggested> other = new ArrayList<>();
        Runnable stop = watcher.listen(other::add);
        stop.run();
        watcher.update(FOGGY);
        assertThat(other).isEmpty();
        assertThat(heard).hasSize(1);
    }
}
