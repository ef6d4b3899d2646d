package io.vehicle.simulator.ecu;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.vehicle.idl.signal.Access;
import io.vehicle.simulator.plant.PlantValues;
import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.simulator.plant.VehiclePlant;
import io.vehicle.simulator.plant.VssPaths;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalCodec;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The glue between one virtual service and the plant: its fields' values are built from the plant's
 * reported values (published when they change, or every cycle), setters are checked against the
 * catalog and write what they may into the plant, and every request is handled on the simulation
 * thread, where the plant lives.
 */
public final class ServiceSignals {

    private final DescriptorSkeleton skeleton;
    private final VehiclePlant plant;
    private final ApplicationErrors errors;
    private final Executor simulation;
    private final Map<String, List<SignalDefinition>> signalsByField = new LinkedHashMap<>();

    ServiceSignals(DescriptorSkeleton skeleton, VehiclePlant plant, Executor simulation) {
        this.skeleton = skeleton;
        this.plant = plant;
        this.simulation = simulation;
        this.errors = new ApplicationErrors(skeleton.binding());
        for (FieldBinding field : skeleton.binding().fields().values()) {
            // by id and name: the registry holds bindings of its own, not the typed skeleton's
            signalsByField.put(field.name(), plant.values().registry().all().stream()
                    .filter(s -> s.service().serviceId() == skeleton.binding().serviceId() && s.field() != null
                            && s.field().name().equals(field.name()))
                    .toList());
        }
    }

    public ApplicationErrors errors() {
        return errors;
    }

    public VehiclePlant plant() {
        return plant;
    }

    public PlantValues values() {
        return plant.values();
    }

    public DescriptorSkeleton skeleton() {
        return skeleton;
    }

    /**
     * Runs a request's work on the simulation thread; a SomeIpErrorException there answers with its code.
     * Handlers call it on the simulation thread (see {@link ServiceWiring}), so the skeleton has hooked on
     * to the future before the work runs, and stores a setter's answer in the task that computed it.
     */
    public <T> CompletableFuture<T> onSimulation(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, simulation);
    }

    /**
     * The plain setter: (with {@code needsPower}) refused while the power is off, every writable signal
     * checked against the catalog and written to the plant; answers with the field as the ECU reports it.
     */
    public <T extends Message> CompletableFuture<T> set(String field, T requested, Supplier<T> current,
                                                        boolean needsPower) {
        return onSimulation(() -> {
            if (needsPower) {
                requirePower();
            }
            check(field, requested);
            apply(field, requested);
            return build(field, current.get());
        });
    }

    /** The field's value as the ECU reports it now: its current value with every signal from the plant. */
    public <T extends Message> T build(String field, T current) {
        T value = current;
        for (SignalDefinition signal : signalsByField.get(field)) {
            value = SignalCodec.write(signal, value, values().reported(signal.path()));
        }
        return value;
    }

    /** Publishes every field whose value differs from what was last sent, or every field when {@code all}. */
    public void publish(boolean all) {
        for (String field : signalsByField.keySet()) {
            publish(field, all);
        }
    }

    public void publish(String field, boolean always) {
        FieldBinding binding = skeleton.binding().fields().get(field);
        Message current;
        try {
            current = skeleton.fieldValue(field, DynamicMessage.getDefaultInstance(binding.type()));
        } catch (IllegalStateException e) {
            // not set yet, and its type's default does not serialize (a fixed-length array)
            current = DynamicMessage.getDefaultInstance(binding.type());
            always = true;
        }
        Message next = build(field, current);
        if (always || !next.equals(current)) {
            skeleton.updateField(field, next);
        }
    }

    /**
     * Checks every writable signal of a requested field value against the catalog, as a real ECU checks
     * its inputs: OUT_OF_RANGE or INVALID_VALUE, never a silent clamp. Read-only members are not checked:
     * the ECU keeps its own values for them.
     */
    public void check(String field, Message requested) {
        for (SignalDefinition signal : signalsByField.get(field)) {
            if (signal.access() != Access.READ_WRITE) {
                continue;
            }
            Optional<SignalViolation> violation = SignalCheck.value(signal, SignalCodec.read(signal, requested));
            if (violation.isPresent()) {
                throw errors.refuse(violation.get().kind() == SignalViolation.Kind.OUT_OF_RANGE ? "OUT_OF_RANGE"
                        : "INVALID_VALUE", violation.get().toString());
            }
        }
    }

    /** Writes the writable signals of a requested field value into the plant (held values stay). */
    public void apply(String field, Message requested) {
        for (SignalDefinition signal : signalsByField.get(field)) {
            if (signal.access() == Access.READ_WRITE) {
                values().write(signal.path(), SignalCodec.read(signal, requested), Source.SETTER);
            }
        }
    }

    /** The requested value of one signal inside a field value. */
    public Object requested(String path, Message requested) {
        return SignalCodec.read(values().registry().require(path), requested);
    }

    /** Refuses with POWER_OFF while the low voltage system is OFF or LOCK. */
    public void requirePower() {
        String power = values().text(VssPaths.POWER_STATE);
        if (power.equals("OFF") || power.equals("LOCK")) {
            throw errors.refuse("POWER_OFF", "Vehicle.LowVoltageSystemState is " + power);
        }
    }

    public double speed() {
        return Math.abs(values().number(VssPaths.SPEED));
    }

    public SomeIpErrorException refuse(String name, String detail) {
        return errors.refuse(name, detail);
    }
}
