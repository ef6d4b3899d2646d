package io.vehicle.simulator.plant;

import java.util.function.Consumer;

/** One piece of the vehicle's physics, stepped on the clock of the ECU that owns it. */
interface PlantModel {

    /** The service (simple name) whose ECU owns the model: a clock skew of that ECU skews the model. */
    String service();

    /** Moves the model {@code dtNanos} of its ECU's local time forward, reading and writing plant values. */
    void step(PlantValues values, long dtNanos, Consumer<PlantEvent> events);
}
