package io.vehicle.simulator.ecu;

import io.vehicle.api.seats.v1.SeatServiceSkeleton;
import io.vehicle.idl.seats.v1.DriverSeatPosition;
import io.vehicle.idl.seats.v1.RecallPresetRequest;
import io.vehicle.idl.seats.v1.SeatClimate;
import io.vehicle.idl.seats.v1.SeatMemoryPreset;
import io.vehicle.idl.seats.v1.SeatMemoryPresets;
import io.vehicle.idl.seats.v1.StorePresetRequest;
import io.vehicle.simulator.plant.VssPaths;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.concurrent.CompletionStage;

/**
 * The seat ECU: heating and ventilation levels go into the plant, surface temperatures come out; the
 * driver seat drives to a requested position (or a memory preset) at its motors' speed, never while the
 * vehicle moves. Presets live in slots 1 to 8.
 */
public final class SeatEcu extends SeatServiceSkeleton implements VirtualService {

    static final int SLOTS = 8;

    private final ServiceSignals signals;

    public SeatEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("OUT_OF_RANGE", "POWER_OFF", "VEHICLE_MOVING", "PRESET_EMPTY");
        signals.publish(true);
        updatePresets(SeatMemoryPresets.newBuilder().addPresets(SeatMemoryPreset.newBuilder().setSlot(1)
                .setName("Driver").setPosition(driverPosition())).build());
    }

    @Override
    public ServiceSignals signals() {
        return signals;
    }

    @Override
    public ServiceBinding binding() {
        return BINDING;
    }

    @Override
    protected CompletionStage<SeatClimate> onSetClimate(SeatClimate requested) {
        return signals.set("Climate", requested, this::climate, true);
    }

    @Override
    protected CompletionStage<DriverSeatPosition> onSetDriverPosition(DriverSeatPosition requested) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            signals.check("DriverPosition", requested);
            moveTo(requested);
            return signals.build("DriverPosition", driverPosition());
        });
    }

    @Override
    protected CompletionStage<DriverSeatPosition> recallPreset(RecallPresetRequest request) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            SeatMemoryPreset preset = presets().getPresetsList().stream()
                    .filter(p -> p.getSlot() == checkSlot(request.getSlot())).findFirst()
                    .orElseThrow(() -> signals.refuse("PRESET_EMPTY", "slot " + request.getSlot() + " is empty"));
            moveTo(preset.getPosition());
            return signals.build("DriverPosition", driverPosition());
        });
    }

    @Override
    protected CompletionStage<SeatMemoryPresets> storePreset(StorePresetRequest request) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            int slot = checkSlot(request.getSlot());
            SeatMemoryPresets.Builder presets = SeatMemoryPresets.newBuilder();
            presets().getPresetsList().stream().filter(p -> p.getSlot() != slot).forEach(presets::addPresets);
            presets.addPresets(SeatMemoryPreset.newBuilder().setSlot(slot).setName(request.getName())
                    .setPosition(driverPosition()));
            SeatMemoryPresets sorted = SeatMemoryPresets.newBuilder().addAllPresets(presets.getPresetsList().stream()
                    .sorted(java.util.Comparator.comparingInt(SeatMemoryPreset::getSlot)).toList()).build();
            updatePresets(sorted);
            return sorted;
        });
    }

    private int checkSlot(int slot) {
        if (slot < 1 || slot > SLOTS) {
            throw signals.refuse("OUT_OF_RANGE", "preset slot " + slot + " is outside 1.." + SLOTS);
        }
        return slot;
    }

    private void moveTo(DriverSeatPosition target) {
        if (signals.speed() >= 0.1) {
            throw signals.refuse("VEHICLE_MOVING", "Vehicle.Speed is " + signals.values().number(VssPaths.SPEED)
                    + " km/h");
        }
        signals.plant().moveDriverSeat((double) target.getPositionMm(), (double) target.getHeightMm(),
                (double) target.getBackrestRecline());
    }
}
