package io.vehicle.assistant.intent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Current signal values by VSS path, as far as they are known; an engine reads them for relative changes
 * ("a bit warmer") and must cope with any path missing.
 */
public final class VehicleState {

    private static final VehicleState EMPTY = new VehicleState(Map.of());

    private final Map<String, Object> values;

    private VehicleState(Map<String, Object> values) {
        this.values = values;
    }

    public static VehicleState empty() {
        return EMPTY;
    }

    /**
     * Values are numbers, booleans or enumeration names; numbers of any boxed type are kept as {@link Double}.
     *
     * @throws IllegalArgumentException for a null path or value, or a value of another type
     */
    public static VehicleState of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            if (path == null || value == null) {
                throw new IllegalArgumentException("null path or value in vehicle state: " + path);
            }
            if (value instanceof Number number) {
                copy.put(path, number.doubleValue());
            } else if (value instanceof Boolean || value instanceof String) {
                copy.put(path, value);
            } else {
                throw new IllegalArgumentException("value of " + path + " must be a number, boolean or string, not "
                        + value.getClass().getSimpleName());
            }
        });
        return new VehicleState(Map.copyOf(copy));
    }

    public Optional<Object> value(String path) {
        return Optional.ofNullable(values.get(path));
    }

    /** The value as a number; booleans count as 0/1, enumeration names as unknown. */
    public OptionalDouble number(String path) {
        Object value = values.get(path);
        if (value instanceof Double number) {
            return OptionalDouble.of(number);
        }
        if (value instanceof Boolean flag) {
            return OptionalDouble.of(flag ? 1 : 0);
        }
        return OptionalDouble.empty();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "VehicleState" + values;
    }
}
