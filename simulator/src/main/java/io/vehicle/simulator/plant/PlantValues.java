package io.vehicle.simulator.plant;

import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.SignalValueException;
import io.vehicle.someip.sdk.signal.UnknownSignalException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The plant's value of every catalog signal, by VSS path: what the physics (or a setter) made it, when
 * it last changed in simulated time, whether a bench holds it (forced: the plant, setters and the drive
 * profile leave it alone) and whether its sensor is frozen (the ECU keeps reporting an old value while
 * the plant moves on). Values are plain Java as {@code SignalCodec} reads them: Boolean, Long, Double,
 * String, a List for arrays. Confined to the simulation thread.
 */
public final class PlantValues {

    /** Who writes a value: a hold refuses all but a {@link Source#FORCE}. */
    public enum Source {
        PLANT,
        SETTER,
        FORCE
    }

    /** Told of every change of a reported value (the value an ECU sends). */
    public interface Listener {
        void changed(String path, Object reported, long simulatedNanos);
    }

    private static final class Entry {
        Object value;
        long changed;
        boolean held;
        boolean frozen;
        Object frozenValue;

        Object reported() {
            return frozen ? frozenValue : value;
        }
    }

    private final SignalRegistry registry;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long now;

    public PlantValues(SignalRegistry registry, Map<String, Object> initial) {
        this.registry = registry;
        for (SignalDefinition signal : registry.all()) {
            if (signal.field() == null) {
                continue; // only values of SOME/IP fields are plant state
            }
            Object value = initial.get(signal.path());
            if (value == null) {
                throw new IllegalArgumentException("no initial value for " + signal.path());
            }
            SignalCheck.value(signal, value).ifPresent(v -> {
                throw new SignalValueException(v);
            });
            Entry entry = new Entry();
            entry.value = value;
            entries.put(signal.path(), entry);
        }
    }

    public SignalRegistry registry() {
        return registry;
    }

    /** The simulated time new changes are stamped with. */
    public void now(long simulatedNanos) {
        now = simulatedNanos;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public Collection<String> paths() {
        return entries.keySet();
    }

    public boolean has(String path) {
        return entries.containsKey(path);
    }

    /** The plant's true value. */
    public Object value(String path) {
        return entry(path).value;
    }

    public double number(String path) {
        return ((Number) value(path)).doubleValue();
    }

    public boolean bool(String path) {
        return (Boolean) value(path);
    }

    public String text(String path) {
        return (String) value(path);
    }

    /** What the owning ECU reports: the frozen value while a sensor freeze lasts, else the true value. */
    public Object reported(String path) {
        return entry(path).reported();
    }

    public long changedAt(String path) {
        return entry(path).changed;
    }

    public boolean held(String path) {
        return entry(path).held;
    }

    public boolean frozen(String path) {
        return entry(path).frozen;
    }

    /**
     * Writes a value; false (and nothing changes) when the value is held and the source is not a force.
     * The value must fit the signal (the plant's own writes always do; setters and forces are checked first).
     */
    public boolean write(String path, Object value, Source source) {
        Entry entry = entry(path);
        if (entry.held && source != Source.FORCE) {
            return false;
        }
        if (source != Source.PLANT) {
            SignalCheck.value(registry.require(path), value).ifPresent(v -> {
                throw new SignalValueException(v);
            });
        }
        if (Objects.equals(entry.value, value)) {
            return true;
        }
        Object before = entry.reported();
        entry.value = value;
        entry.changed = now;
        if (!Objects.equals(before, entry.reported())) {
            listeners.forEach(l -> l.changed(path, entry.reported(), now));
        }
        return true;
    }

    /** Forces a value (a bench's ForceValue); with {@code hold} it stays until {@link #release}. */
    public void force(String path, Object value, boolean hold) {
        Entry entry = entry(path);
        entry.held = false;
        write(path, value, Source.FORCE);
        entry.held = hold;
    }

    public void release(String path) {
        entry(path).held = false;
    }

    /** Keeps the reported value where it is while the true value moves on (a sensor freeze). */
    public void freeze(String path) {
        Entry entry = entry(path);
        if (!entry.frozen) {
            entry.frozenValue = entry.value;
            entry.frozen = true;
        }
    }

    public void unfreeze(String path) {
        Entry entry = entry(path);
        if (entry.frozen) {
            Object before = entry.reported();
            entry.frozen = false;
            entry.frozenValue = null;
            if (!Objects.equals(before, entry.value)) {
                listeners.forEach(l -> l.changed(path, entry.value, now));
            }
        }
    }

    /** Every path with its reported value, in catalog order. */
    public Map<String, Object> snapshot() {
        Map<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((path, entry) -> copy.put(path, entry.reported()));
        return copy;
    }

    public List<String> heldPaths() {
        List<String> held = new ArrayList<>();
        entries.forEach((path, entry) -> {
            if (entry.held) {
                held.add(path);
            }
        });
        return held;
    }

    private Entry entry(String path) {
        Entry entry = entries.get(path);
        if (entry == null) {
            if (registry.find(path).isPresent()) {
                throw new UnknownSignalException(path, path + " is carried by an event, not a plant value");
            }
            throw new UnknownSignalException(path);
        }
        return entry;
    }
}
