package io.vehicle.simulator.plant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.SignalValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signal values as YAML and JSON files give them (Integer for 30, Double for 21.5) turned into the
 * types {@code SignalCodec} works with (Long for every integer signal, Double for float and double),
 * and checked against the catalog.
 */
public final class SignalValues {

    private SignalValues() {
    }

    /** The value for {@code signal}; {@link SignalValueException} when it does not fit. */
    public static Object normalize(SignalDefinition signal, Object raw) {
        Object value = raw instanceof List<?> list ? list.stream().map(e -> scalar(signal, e)).toList()
                : scalar(signal, raw);
        SignalCheck.value(signal, value).ifPresent(v -> {
            throw new SignalValueException(v);
        });
        return value;
    }

    private static Object scalar(SignalDefinition signal, Object raw) {
        if (raw instanceof Number number) {
            if (signal.type().isIntegral()) {
                double d = number.doubleValue();
                return d == Math.rint(d) ? (Object) number.longValue() : raw;
            }
            if (signal.type().isNumeric()) {
                return number.doubleValue();
            }
        }
        return raw;
    }

    /** The vehicle's default initial state (initial-state.yaml), normalized. */
    public static Map<String, Object> defaults(SignalRegistry registry) {
        try (InputStream in = SignalValues.class.getResourceAsStream("initial-state.yaml")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = new ObjectMapper(new YAMLFactory()).readValue(in, LinkedHashMap.class);
            return normalizeAll(registry, raw);
        } catch (IOException e) {
            throw new UncheckedIOException("initial-state.yaml", e);
        }
    }

    /** Every entry normalized; unknown paths and bad values fail with the path in the message. */
    public static Map<String, Object> normalizeAll(SignalRegistry registry, Map<String, ?> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        raw.forEach((path, value) -> {
            try {
                values.put(path, normalize(registry.require(path), value));
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return values;
    }
}
