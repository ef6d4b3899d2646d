package io.vehicle.assistant.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one rule every proposed write must keep: a writable catalog signal and a value of its type. */
public final class CatalogAssertions {

    private static final Map<String, Signal> CATALOG = VehicleCatalog.signals().stream()
            .collect(Collectors.toMap(Signal::path, Function.identity()));

    private CatalogAssertions() {
    }

    /** A Double for float, a Long for integers, a Boolean for bool, an allowed name for enumerations. */
    public static void assertWritableAndTyped(ProposedAction action, String said) {
        Signal signal = CATALOG.get(action.path());
        assertThat(signal).as("\"%s\" proposed %s", said, action.path()).isNotNull();
        assertThat(signal.writable()).as("\"%s\" proposed read-only %s", said, action.path()).isTrue();
        Object value = action.value();
        if (signal.type().equals("bool")) {
            assertThat(value).as(said).isInstanceOf(Boolean.class);
        } else if (!signal.allowedValues().isEmpty()) {
            assertThat(value).as(said).isInstanceOf(String.class);
            assertThat(signal.allowedValues()).as(said).contains((String) value);
        } else if (signal.type().contains("int")) {
            assertThat(value).as(said).isInstanceOf(Long.class);
        } else {
            assertThat(value).as(said).isInstanceOf(Double.class);
        }
    }
}
