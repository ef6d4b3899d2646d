package io.vehicle.bridge.values;

import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The live state of every signal of the catalog: its latest value with a timestamp and whether its ECU is
 * there. Fed by {@link ValueFeed}; read by everything that answers clients. Listeners hear every change of
 * value or availability of a signal, in order for that signal, on the thread that made the change, and
 * must not block (subscriptions only queue).
 */
public final class LiveValues {

    private final Clock clock;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<Integer, List<Slot>> byService = new LinkedHashMap<>();
    private final List<Consumer<SignalState>> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder changes = new LongAdder();

    public LiveValues(SignalRegistry registry, Clock clock) {
        this.clock = clock;
        for (SignalDefinition signal : registry.all()) {
            Slot slot = new Slot(new SignalState(signal, Availability.UNAVAILABLE, null, null, clock.instant(),
                    signal.service().descriptor().getName() + " not found by SD yet", 0));
            slots.put(signal.path(), slot);
            byService.computeIfAbsent(signal.service().serviceId(), id -> new ArrayList<>()).add(slot);
        }
    }

    public Clock clock() {
        return clock;
    }

    /** The state of a signal, or null for a path the catalog does not have. */
    public SignalState get(String path) {
        Slot slot = slots.get(path);
        return slot == null ? null : slot.current();
    }

    public List<SignalState> all() {
        return slots.values().stream().map(Slot::current).toList();
    }

    /** Hears every change from now on (value or availability). */
    public void addListener(Consumer<SignalState> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<SignalState> listener) {
        listeners.remove(listener);
    }

    /** Changes of value or availability since start. */
    public long changes() {
        return changes.sum();
    }

    /** A value the ECU notified. An unchanged value only renews the timestamp (it was confirmed again). */
    void received(SignalDefinition signal, Object value) {
        slots.get(signal.path()).receive(value, -1);
    }

    /**
     * A value read with the getter, applied only if nothing changed the signal since the read was sent
     * ({@code versionAtSend}): otherwise a notification overtook the answer and is newer.
     */
    void read(SignalDefinition signal, Object value, long versionAtSend) {
        slots.get(signal.path()).receive(value, versionAtSend);
    }

    void serviceUp(int serviceId, String reason) {
        for (Slot slot : byService.getOrDefault(serviceId, List.of())) {
            slot.up(reason);
        }
    }

    void serviceDown(int serviceId, String reason) {
        for (Slot slot : byService.getOrDefault(serviceId, List.of())) {
            slot.down(reason);
        }
    }

    Collection<SignalState> ofService(int serviceId) {
        return byService.getOrDefault(serviceId, List.of()).stream().map(Slot::current).toList();
    }

    private void publish(SignalState state) {
        changes.increment();
        for (Consumer<SignalState> listener : listeners) {
            listener.accept(state);
        }
    }

    /** One signal; its lock orders the changes its listeners see. */
    private final class Slot {
        private volatile SignalState state;
        /**
         * When the ECU last reported the unchanged value again, or null: kept apart from {@link #state} so the
         * value flow allocates nothing for the many notifications that leave a signal as it was (a field
         * notifies all its signals when one of them changes).
         */
        private volatile Instant confirmedAgain;

        Slot(SignalState initial) {
            this.state = initial;
        }

        SignalState current() {
            SignalState current = state;
            Instant again = confirmedAgain;
            return again == null || !current.available() || !again.isAfter(current.timestamp()) ? current
                    : new SignalState(current.signal(), current.availability(), current.value(), current.wire(), again,
                    current.reason(), current.version());
        }

        synchronized void receive(Object value, long versionAtSend) {
            SignalState current = state;
            if (versionAtSend >= 0 && current.version() != versionAtSend) {
                return;
            }
            if (current.available() && current.value().equals(value)) {
                confirmedAgain = clock.instant();
                return;
            }
            SignalState next = new SignalState(current.signal(), Availability.AVAILABLE, value,
                    KuksaValues.toValue(current.signal(), value), clock.instant(), "", current.version() + 1);
            state = next;
            confirmedAgain = null;
            publish(next);
        }

        synchronized void up(String reason) {
            SignalState current = state;
            if (current.availability() != Availability.UNAVAILABLE) {
                return;
            }
            SignalState next = new SignalState(current.signal(), Availability.NOT_YET_RECEIVED, null, null,
                    clock.instant(), reason + "; no value received yet", current.version() + 1);
            state = next;
            publish(next);
        }

        synchronized void down(String reason) {
            SignalState current = state;
            if (current.availability() == Availability.UNAVAILABLE) {
                return;
            }
            SignalState next = new SignalState(current.signal(), Availability.UNAVAILABLE, null, null, clock.instant(),
                    reason, current.version() + 1);
            state = next;
            publish(next);
        }
    }
}
