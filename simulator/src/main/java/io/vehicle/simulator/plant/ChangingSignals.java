package io.vehicle.simulator.plant;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalType;
import io.vehicle.someip.sdk.signal.SignalValueException;
import java.util.ArrayList;
import java.util.List;

/**
 * A load for benchmarks: at every {@link #step} each plant value (every signal of every SOME/IP field) is
 * forced to a value that differs from the one it was given last and fits the catalog, so that every field
 * of every ECU has changed and its notifier sends the new value, as an ECU does when all its signals move.
 * Numbers alternate between the quarter and three-quarter points of their IDL range (whole numbers for
 * integer signals), booleans toggle, enums and strings with allowed values step through them, free text
 * alternates between two short words, arrays change element by element.
 */
public final class ChangingSignals {

    private static final List<String> FREE_TEXT = List.of("bench A", "bench B");

    private final PlantValues values;
    private final List<SignalDefinition> signals = new ArrayList<>();
    private final List<Object> last = new ArrayList<>();

    public ChangingSignals(PlantValues values) {
        this.values = values;
        for (String path : values.paths()) {
            signals.add(values.registry().require(path));
            last.add(values.value(path));
        }
    }

    /** Forces every plant value to its next value (not held: the plant may move it again); simulation thread. */
    public void step() {
        for (int i = 0; i < signals.size(); i++) {
            Object next = next(signals.get(i), last.get(i));
            values.force(signals.get(i).path(), next, false);
            last.set(i, next);
        }
    }

    /**
     * A value of {@code signal} that differs from {@code previous} and passes {@link SignalCheck#value};
     * {@link IllegalArgumentException} when the signal admits only one value.
     */
    public static Object next(SignalDefinition signal, Object previous) {
        Object next;
        if (signal.array()) {
            List<?> list = (List<?>) previous;
            next = list.isEmpty() ? List.of(scalar(signal, null)) : list.stream().map(e -> scalar(signal, e)).toList();
        } else {
            next = scalar(signal, previous);
        }
        SignalCheck.value(signal, next).ifPresent(v -> {
            throw new SignalValueException(v);
        });
        if (next.equals(previous)) {
            throw new IllegalArgumentException(signal.path() + " admits only one value, so it cannot change");
        }
        return next;
    }

    private static Object scalar(SignalDefinition signal, Object previous) {
        SignalType type = signal.type();
        if (type == SignalType.BOOLEAN) {
            return !Boolean.TRUE.equals(previous);
        }
        if (type == SignalType.STRING || type == SignalType.ENUM) {
            return following(choices(signal), previous);
        }
        // a range the IDL leaves open on one side or both is closed one unit from its known end (or 0)
        double low = signal.min() != null ? signal.min() : signal.max() != null ? signal.max() - 1 : 0;
        double high = signal.max() != null ? signal.max() : low + 1;
        double quarter = low + (high - low) / 4;
        double threeQuarters = low + 3 * (high - low) / 4;
        if (type.isIntegral()) {
            // floor and ceiling keep the two apart (and inside) even for a range of one unit
            long a = (long) Math.floor(quarter);
            long b = (long) Math.ceil(threeQuarters);
            return previous instanceof Number n && n.longValue() == b ? a : b;
        }
        return previous instanceof Number n && n.doubleValue() == threeQuarters ? quarter : threeQuarters;
    }

    private static List<String> choices(SignalDefinition signal) {
        if (!signal.allowed().isEmpty()) {
            return signal.allowed();
        }
        if (signal.type() == SignalType.STRING) {
            return FREE_TEXT;
        }
        // an enum without an allowed list: every value but the zero one, protobuf's "not set"
        List<EnumValueDescriptor> enumValues = signal.leaf().getEnumType().getValues();
        return enumValues.subList(1, enumValues.size()).stream().map(EnumValueDescriptor::getName).toList();
    }

    /** The choice after {@code previous}, round the list; the first when {@code previous} is none of them. */
    private static String following(List<String> choices, Object previous) {
        int index = choices.indexOf(previous);
        return choices.get((index + 1) % choices.size());
    }
}
