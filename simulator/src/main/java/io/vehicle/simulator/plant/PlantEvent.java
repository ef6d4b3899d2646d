package io.vehicle.simulator.plant;

/** Something the physics did that an ECU announces with an event of its service (not a field value). */
public sealed interface PlantEvent {

    /** The service whose ECU sends it (simple name, e.g. "HvacService"). */
    String service();

    /** The front defroster (and rear heating) cleared the fog: HvacService.DefrostFinished. */
    record DefrostFinished(boolean front, boolean rear, int durationS) implements PlantEvent {
        public String service() {
            return "HvacService";
        }
    }

    /** A door is open while the vehicle moves: DoorService.DoorAjar. */
    record DoorAjar(double speedKmh) implements PlantEvent {
        public String service() {
            return "DoorService";
        }
    }

    /** The charge fell below the warning level: VehicleStateService.LowCharge. */
    record LowCharge(double stateOfCharge, long rangeM) implements PlantEvent {
        public String service() {
            return "VehicleStateService";
        }
    }
}
