package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
import io.vehicle.idl.catalog.Signal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Something the driver can name and adjust ("the temperature", "the windows"): one or more writable catalog
 * signals of the same type, one per cabin cell when zoned, and the operation each verb stands for.
 */
final class Device {

    enum Kind {
        NUMBER,
        BOOLEAN,
        ENUMERATION
    }

    final String id;
    final Kind kind;
    final List<Signal> signals;
    final Map<CabinZone, Signal> byCell;
    final Map<Verb, String> operations;
    final Set<String> quantities;
    final String defaultZone;
    final Map<Verb, String> zoneByVerb;
    final List<String> order;
    final Map<Intensity, Double> steps;
    /** The switch device whose "on" turns this one off ("turn off the music" mutes), or null. */
    final String offSwitch;

    Device(String id, Kind kind, List<Signal> signals, Map<CabinZone, Signal> byCell, Map<Verb, String> operations,
            Set<String> quantities, String defaultZone, Map<Verb, String> zoneByVerb, List<String> order,
            Map<Intensity, Double> steps, String offSwitch) {
        this.id = id;
        this.kind = kind;
        this.signals = List.copyOf(signals);
        this.byCell = byCell.isEmpty() ? Map.of() : new EnumMap<>(byCell);
        this.operations = operations;
        this.quantities = quantities;
        this.defaultZone = defaultZone;
        this.zoneByVerb = zoneByVerb;
        this.order = order;
        this.steps = steps;
        this.offSwitch = offSwitch;
    }

    boolean zoned() {
        return !byCell.isEmpty();
    }

    /**
     * The operation for a verb. Where a device lacks one, a near verb stands in: "打开" (on) opens a window,
     * "open" the fan raises it, "关小" (close a little) lowers the volume, "max" (or "blast") the A/C turns it on.
     */
    Optional<String> operation(Verb verb) {
        String operation = operations.get(verb);
        List<Verb> standIns = switch (verb) {
            case ON -> List.of(Verb.OPEN);
            case OFF -> List.of(Verb.CLOSE);
            case OPEN -> List.of(Verb.RAISE, Verb.ON);
            case CLOSE -> List.of(Verb.LOWER, Verb.OFF);
            case MAX -> List.of(Verb.ON);
            default -> List.of();
        };
        for (int i = 0; operation == null && i < standIns.size(); i++) {
            operation = operations.get(standIns.get(i));
        }
        return Optional.ofNullable(operation);
    }

    /** Whether the device has an operation of its own for the verb, not a stand-in. */
    boolean ownOperation(Verb verb) {
        return operations.containsKey(verb);
    }

    boolean supports(Verb verb) {
        return operation(verb).isPresent() || switchedOff(verb);
    }

    /** Whether the verb is done by the {@link #offSwitch} instead ("把歌关了": the volume has no off, mute has). */
    boolean switchedOff(Verb verb) {
        return offSwitch != null && operation(verb).isEmpty() && (verb == Verb.ON || verb == Verb.OFF);
    }

    /** Whether a number in this unit can be written to it ("" means no unit was said). */
    boolean accepts(String unit) {
        String own = signals.get(0).unit();
        return switch (unit) {
            case "" -> kind == Kind.NUMBER;
            case "celsius", "fahrenheit" -> own.equals("celsius");
            case "degree" -> own.equals("celsius") || own.equals("degrees");
            case "percent" -> own.equals("percent");
            case "mm", "cm" -> own.equals("mm");
            default -> false;
        };
    }

    Signal any() {
        return signals.get(0);
    }

    @Override
    public String toString() {
        return id;
    }
}
