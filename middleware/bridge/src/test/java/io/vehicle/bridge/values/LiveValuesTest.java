package io.vehicle.bridge.values;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.fixture.MutableClock;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bridge's value flow runs on the I/O threads that received each message, so a notification and SD's
 * verdict that its ECU left can reach {@link LiveValues} in either order: a value must never outlive its ECU.
 */
class LiveValuesTest {

    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";

    final LiveValues values = new LiveValues(SignalRegistry.catalog(),
            new MutableClock(Instant.parse("2026-11-29T12:00:00Z")));
    final LiveValuesFeeder ecus = new LiveValuesFeeder(values);
    /** What listeners heard of the cabin temperature (an ECU going up or down changes its other signals too). */
    final List<SignalState> heard = new ArrayList<>();
    final SignalDefinition cabin = values.get(CABIN).signal();

    LiveValuesTest() {
        values.addListener(state -> {
            if (state.path().equals(CABIN)) {
                heard.add(state);
            }
        });
    }

    @Test
    @DisplayName("a notification that arrives after its ECU went down does not revive the signal")
    void lateNotificationAfterDown() {
        ecus.report(CABIN, 21.0f);
        ecus.down(CABIN);
        int before = heard.size();

        values.received(cabin, 22.0f);

        assertThat(values.get(CABIN).availability()).isEqualTo(Availability.UNAVAILABLE);
        assertThat(values.get(CABIN).value()).isNull();
        assertThat(heard).hasSize(before);
    }

    @Test
    @DisplayName("once SD finds the ECU again, its next notification is the current value, heard once")
    void valueAfterServiceUp() {
        ecus.report(CABIN, 21.0f);
        ecus.down(CABIN);
        values.received(cabin, 22.0f); // dropped: the ECU is gone

        values.serviceUp(cabin.service().serviceId(), "test: ECU back");
        values.received(cabin, 23.0f);

        SignalState state = values.get(CABIN);
        assertThat(state.availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(state.value()).isEqualTo(23.0f);
        assertThat(heard).extracting(SignalState::availability).containsExactly(Availability.NOT_YET_RECEIVED,
                Availability.AVAILABLE, Availability.UNAVAILABLE, Availability.NOT_YET_RECEIVED,
                Availability.AVAILABLE);
    }

    @Test
    @DisplayName("before SD ever found the ECU, a stray notification is not taken as a value")
    void notificationBeforeFirstOffer() {
        values.received(cabin, 22.0f);

        assertThat(values.get(CABIN).availability()).isEqualTo(Availability.UNAVAILABLE);
        assertThat(heard).isEmpty();
    }
}
