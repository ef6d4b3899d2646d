package io.vehicle.simulator.plant;

import java.util.function.Consumer;

/**
 * Doors lock by themselves once the vehicle passes the auto-lock speed, and a door open while the
 * vehicle moves faster than walking pace raises DoorAjar (once each time it happens).
 */
final class DoorModel implements PlantModel {

    private final VehicleParameters parameters;
    private boolean ajarWarned;
    private boolean autoLocked;

    DoorModel(VehicleParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public String service() {
        return "DoorService";
    }

    @Override
    public void step(PlantValues values, long dtNanos, Consumer<PlantEvent> events) {
        double speed = Math.abs(values.number(VssPaths.SPEED));
        if (parameters.autoLockSpeedKmh() > 0) {
            if (speed >= parameters.autoLockSpeedKmh() && !autoLocked) {
                autoLocked = true;
                for (String door : VssPaths.DOORS) {
                    values.write(VssPaths.doorLocked(door), true, PlantValues.Source.PLANT);
                }
            } else if (speed < 1) {
                autoLocked = false;
            }
        }
        boolean open = VssPaths.DOORS.stream().anyMatch(d -> values.bool(VssPaths.doorOpen(d)))
                || values.bool(VssPaths.TRUNK_OPEN);
        boolean warn = open && speed > 5;
        if (warn && !ajarWarned) {
            events.accept(new PlantEvent.DoorAjar(values.number(VssPaths.SPEED)));
        }
        ajarWarned = warn;
    }
}
