package io.vehicle.launcher.assistant;

import io.vehicle.assistant.eval.TestVehicle;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.simulator.PlantValueSnapshot;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.plant.SignalValues;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The evaluation's vehicle: the embedded simulator, driven through its bench surface (force, release, read),
 * never through the bridge. Sensors (read-only signals such as the speed) are forced and held against their
 * plant models; actuators are forced without hold, so the assistant's writes still take effect.
 */
final class SimulatorVehicle implements TestVehicle {

    private final Simulator simulator;
    private final Map<String, Object> defaults;
    private final Map<String, Signal> catalog = VehicleCatalog.signals().stream()
            .collect(Collectors.toMap(Signal::path, Function.identity()));

    SimulatorVehicle(Simulator simulator) {
        this.simulator = simulator;
        Map<String, Object> initial = new LinkedHashMap<>(SignalValues.defaults(SignalRegistry.catalog()));
        initial.putAll(SignalValues.normalizeAll(SignalRegistry.catalog(), simulator.config().vehicle().initial()));
        this.defaults = Map.copyOf(initial);
    }

    /** Every held value released and every plant value that moved put back where the simulator started. */
    @Override
    public void reset() {
        for (PlantValueSnapshot value : simulator.values(java.util.List.of())) {
            if (value.held()) {
                simulator.release(value.path());
            }
            Object initial = defaults.get(value.path());
            if (initial != null && !same(initial, value.value())) {
                simulator.force(value.path(), initial, false);
            }
        }
    }

    @Override
    public void force(Map<String, Object> values) {
        values.forEach((path, value) -> {
            Signal signal = catalog.get(path);
            if (signal == null) {
                throw new IllegalArgumentException("unknown signal " + path);
            }
            try {
                simulator.force(path, value, !signal.writable());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot force " + path + " = " + value + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Map<String, Object> read(Collection<String> paths) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String path : paths) {
            if (!catalog.containsKey(path)) {
                continue;
            }
            Object value = simulator.value(path).value();
            if (value instanceof Number number) {
                values.put(path, number.doubleValue());
            } else if (value instanceof Boolean || value instanceof String) {
                values.put(path, value);
            }
        }
        return values;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Math.abs(x.doubleValue() - y.doubleValue()) < 1e-9;
        }
        return Objects.equals(a, b);
    }
}
