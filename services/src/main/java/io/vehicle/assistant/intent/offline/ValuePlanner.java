package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.idl.catalog.Signal;
import java.util.OptionalDouble;

/**
 * The value to propose for one signal, from the device's operation for the verb and the amount the driver said.
 * Values are proposed as said, never clamped: "set it to 35 degrees" proposes 35 and the gateway refuses it with
 * the range. Relative changes start from the current value; when the state lacks it, from the middle of the
 * signal's range (and the reason says so). Fahrenheit becomes Celsius rounded to 0.5.
 */
final class ValuePlanner {

    /** A planned value, or why there is none ({@code value} null). */
    record Planned(Object value, String note, Problem problem) {

        static Planned of(Object value, String note) {
            return new Planned(value, note, null);
        }

        static Planned failed(Problem problem) {
            return new Planned(null, "", problem);
        }
    }

    enum Problem {
        /** The verb needs a number or value that was not said ("set the fan"). */
        MISSING_VALUE,
        /** The number's unit does not fit the signal ("volume to 22 degrees"). */
        WRONG_UNIT
    }

    private ValuePlanner() {
    }

    static Planned plan(Device device, Signal signal, String operation, Clause clause, VehicleState state) {
        switch (operation) {
            case "true":
                return Planned.of(Boolean.TRUE, "");
            case "false":
                return Planned.of(Boolean.FALSE, "");
            case "max":
                return number(signal, signal.max(), "");
            case "min":
                return number(signal, signal.min(), "");
            case "next":
            case "previous":
                // "all the way up": to the end of the order, not one step.
                int steps = clause.intensity == Intensity.FULL ? device.order.size() : 1;
                return step(device, signal, (operation.equals("next") ? 1 : -1) * steps, state);
            case "set":
                return set(device, signal, clause);
            case "up":
            case "down":
                return relative(device, signal, operation.equals("up") ? 1 : -1, clause, state, false);
            case "open":
            case "close":
                return relative(device, signal, operation.equals("open") ? 1 : -1, clause, state, true);
            default:
                String value = operation.substring("value:".length());
                return signal.allowedValues().isEmpty()
                        ? number(signal, Double.parseDouble(value), "")
                        : Planned.of(value, "");
        }
    }

    private static Planned set(Device device, Signal signal, Clause clause) {
        Meaning.ValueWord word = clause.valueFor(device.id);
        if (word != null) {
            return Planned.of(word.value(), "");
        }
        if (clause.amount == null || device.kind != Device.Kind.NUMBER) {
            return Planned.failed(Problem.MISSING_VALUE);
        }
        return absolute(device, signal, clause.amount);
    }

    private static Planned absolute(Device device, Signal signal, Amount amount) {
        if (!device.accepts(amount.unit())) {
            return Planned.failed(Problem.WRONG_UNIT);
        }
        if (amount.fraction()) {
            return number(signal, signal.min() + amount.value() * (signal.max() - signal.min()), "");
        }
        return number(signal, inSignalUnit(amount.value(), amount.unit(), false), "");
    }

    /**
     * "a bit warmer", "turn it down by 2", "open the window" (all the way unless an amount is said), "open it to
     * 30 %" (an absolute value after all).
     */
    private static Planned relative(Device device, Signal signal, int sign, Clause clause, VehicleState state,
            boolean extremeByDefault) {
        Amount amount = clause.amount;
        if (amount != null) {
            if (!device.accepts(amount.unit())) {
                return Planned.failed(Problem.WRONG_UNIT);
            }
            boolean absolute = clause.absolute || amount.fraction()
                    || (extremeByDefault && !clause.relative && clause.intensity == null);
            if (absolute) {
                return absolute(device, signal, amount);
            }
        }
        if (clause.intensity == Intensity.FULL
                || (extremeByDefault && amount == null && clause.intensity == null)) {
            return number(signal, sign > 0 ? signal.max() : signal.min(), "");
        }
        double delta = amount != null
                ? inSignalUnit(amount.value(), amount.unit(), true)
                : device.steps.get(clause.intensity == null ? Intensity.NORMAL : clause.intensity);
        OptionalDouble current = state.number(signal.path());
        String note = "";
        double base;
        if (current.isPresent()) {
            base = current.getAsDouble();
        } else {
            base = (signal.min() + signal.max()) / 2;
            note = "current value unknown, assumed " + format(base);
        }
        return number(signal, base + sign * delta, note);
    }

    private static Planned step(Device device, Signal signal, int direction, VehicleState state) {
        Object current = state.value(signal.path()).orElse(null);
        int index = current == null ? 0 : device.order.indexOf(current.toString());
        String note = "";
        if (index < 0 || current == null) {
            index = 0;
            note = "current value unknown, assumed " + device.order.get(0);
        }
        int target = Math.max(0, Math.min(device.order.size() - 1, index + direction));
        return Planned.of(device.order.get(target), note);
    }

    /** Converts to the signal's unit; a Fahrenheit temperature (or difference) becomes Celsius rounded to 0.5. */
    static double inSignalUnit(double value, String unit, boolean difference) {
        return switch (unit) {
            case "fahrenheit" -> Math.round((difference ? value : value - 32) * 5 / 9 * 2) / 2.0;
            case "cm" -> value * 10;
            default -> value;
        };
    }

    private static Planned number(Signal signal, double value, String note) {
        if (signal.type().contains("int")) {
            return Planned.of(Math.round(value), note);
        }
        return Planned.of(value, note);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
