package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
import io.vehicle.idl.catalog.Signal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The devices of {@code devices.yaml} bound to the catalog. Loading fails with a clear message when the data names
 * a signal the catalog lacks, a read-only signal, mixed types, or a value outside a signal's allowed list, so the
 * engine can never propose such a write.
 */
final class DeviceTable {

    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Device> byPath = new LinkedHashMap<>();
    private final Device zonedNumberDevice;
    private final Map<Verb, Device> verbDevices = new java.util.EnumMap<>(Verb.class);

    DeviceTable(DeviceFile file, List<Signal> catalog) {
        for (DeviceFile.DeviceEntry entry : file.devices()) {
            Device device = bind(entry, file, catalog);
            if (devices.put(device.id, device) != null) {
                throw new IllegalArgumentException("devices.yaml: device " + entry.id() + " is defined twice");
            }
            for (Signal signal : device.signals) {
                Device previous = byPath.putIfAbsent(signal.path(), device);
                if (previous != null) {
                    throw new IllegalArgumentException("devices.yaml: " + signal.path() + " belongs to both "
                            + previous.id + " and " + device.id);
                }
            }
        }
        for (Device device : devices.values()) {
            String where = "devices.yaml " + device.id + " offSwitch";
            if (device.offSwitch != null && require(device.offSwitch, where).kind != Device.Kind.BOOLEAN) {
                throw new IllegalArgumentException("devices.yaml: " + device.id + ": offSwitch " + device.offSwitch
                        + " is not a switch");
            }
        }
        zonedNumberDevice = file.zonedNumberDevice() == null ? null
                : require(file.zonedNumberDevice(), "devices.yaml zonedNumberDevice");
        if (file.verbDevices() != null) {
            file.verbDevices().forEach((verb, id) -> {
                Device device = require(id, "devices.yaml verbDevices");
                if (!device.supports(verb)) {
                    throw new IllegalArgumentException("devices.yaml verbDevices: " + id + " cannot " + verb);
                }
                verbDevices.put(verb, device);
            });
        }
    }

    /** The device a verb alone means ("lock" the doors, "fold" the mirrors), if the data names one. */
    Optional<Device> forVerb(Verb verb) {
        return Optional.ofNullable(verbDevices.get(verb));
    }

    /** The device a zone with a bare number means ("passenger side to 24"), if the data names one. */
    Optional<Device> zonedNumberDevice() {
        return Optional.ofNullable(zonedNumberDevice);
    }

    private static Device bind(DeviceFile.DeviceEntry entry, DeviceFile file, List<Signal> catalog) {
        String id = entry.id();
        List<Signal> signals = new ArrayList<>();
        for (String pattern : entry.paths()) {
            Pattern regex = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E[^.]+\\Q"));
            List<Signal> matched = catalog.stream().filter(s -> regex.matcher(s.path()).matches()).toList();
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("devices.yaml: " + id + ": no catalog signal matches " + pattern);
            }
            for (Signal signal : matched) {
                if (!signal.writable()) {
                    throw new IllegalArgumentException("devices.yaml: " + id + ": " + signal.path() + " is read-only");
                }
                signals.add(signal);
            }
        }
        Signal first = signals.get(0);
        for (Signal signal : signals) {
            if (!signal.type().equals(first.type()) || !signal.unit().equals(first.unit())) {
                throw new IllegalArgumentException("devices.yaml: " + id + " mixes types: " + first.path() + " and "
                        + signal.path());
            }
        }
        Device.Kind kind = first.type().equals("bool") ? Device.Kind.BOOLEAN
                : first.allowedValues().isEmpty() ? Device.Kind.NUMBER : Device.Kind.ENUMERATION;
        if (kind == Device.Kind.NUMBER && (!first.hasRange() || first.type().startsWith("repeated"))) {
            throw new IllegalArgumentException("devices.yaml: " + id + ": " + first.path()
                    + " is not a single number with a range");
        }
        Map<CabinZone, Signal> byCell = new EnumMap<>(CabinZone.class);
        for (Signal signal : signals) {
            Optional<CabinZone> cell = CabinZone.ofPath(signal.path());
            if (cell.isPresent() && byCell.put(cell.get(), signal) != null) {
                throw new IllegalArgumentException("devices.yaml: " + id + " has two signals for " + cell.get());
            }
        }
        if (!byCell.isEmpty() && byCell.size() != signals.size()) {
            throw new IllegalArgumentException("devices.yaml: " + id + " mixes zoned and unzoned signals");
        }
        Map<Verb, String> operations = new EnumMap<>(Verb.class);
        operations.putAll(file.defaults().getOrDefault(kind, Map.of()));
        if (entry.verbs() != null) {
            operations.putAll(entry.verbs());
        }
        operations.values().removeIf("none"::equals);
        List<String> order = entry.order() == null ? List.of() : List.copyOf(entry.order());
        for (String operation : operations.values()) {
            checkOperation(id, operation, first, order);
        }
        for (String value : order) {
            checkAllowed(id, value, first);
        }
        Map<Intensity, Double> steps = file.steps().get(first.unit());
        if (kind == Device.Kind.NUMBER && steps == null) {
            throw new IllegalArgumentException("devices.yaml: no steps for unit '" + first.unit() + "' of " + id);
        }
        String defaultZone = entry.defaultZone() == null ? "all" : entry.defaultZone();
        return new Device(id, kind, signals, byCell, operations,
                entry.quantities() == null ? java.util.Set.of() : new LinkedHashSet<>(entry.quantities()),
                defaultZone, entry.zoneByVerb() == null ? Map.of() : entry.zoneByVerb(), order, steps,
                entry.offSwitch());
    }

    private static void checkOperation(String id, String operation, Signal signal, List<String> order) {
        switch (operation) {
            case "up", "down", "max", "min", "set", "open", "close" -> {
                if (!signal.allowedValues().isEmpty() && !signal.type().equals("bool") && !operation.equals("set")) {
                    throw new IllegalArgumentException("devices.yaml: " + id + ": '" + operation
                            + "' needs a number, " + signal.path() + " is an enumeration");
                }
            }
            case "next", "previous" -> {
                if (order.isEmpty()) {
                    throw new IllegalArgumentException("devices.yaml: " + id + ": '" + operation + "' needs an order");
                }
            }
            case "true", "false" -> checkAllowed(id, operation, signal);
            default -> {
                if (!operation.startsWith("value:")) {
                    throw new IllegalArgumentException("devices.yaml: " + id + ": unknown operation '" + operation + "'");
                }
                String value = operation.substring("value:".length());
                if (signal.allowedValues().isEmpty()) {
                    double number = Double.parseDouble(value);
                    if (number < signal.min() || number > signal.max()) {
                        throw new IllegalArgumentException("devices.yaml: " + id + ": " + value + " is outside "
                                + signal.min() + ".." + signal.max());
                    }
                } else {
                    checkAllowed(id, value, signal);
                }
            }
        }
    }

    private static void checkAllowed(String id, String value, Signal signal) {
        if (!signal.allowedValues().contains(value)) {
            throw new IllegalArgumentException("devices.yaml: " + id + ": '" + value + "' is not among "
                    + signal.allowedValues() + " of " + signal.path());
        }
    }

    Optional<Device> get(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    Device require(String id, String where) {
        Device device = devices.get(id);
        if (device == null) {
            throw new IllegalArgumentException(where + ": unknown device '" + id + "'");
        }
        return device;
    }

    Optional<Device> ofPath(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** The devices a quantity applies to, in the order of devices.yaml (the first is the default). */
    List<Device> withQuantity(String quantity) {
        return devices.values().stream().filter(d -> d.quantities.contains(quantity)).toList();
    }

    java.util.Collection<Device> all() {
        return devices.values();
    }
}
