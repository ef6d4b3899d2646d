package io.vehicle.simulator.ecu;

import io.vehicle.simulator.plant.VehiclePlant;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import java.util.concurrent.Executor;

/** What every virtual service is built with: the plant and the simulation thread it lives on. */
public record ServiceWiring(VehiclePlant plant, Executor simulation) {

    ServiceSignals signals(DescriptorSkeleton skeleton) {
        return new ServiceSignals(skeleton, plant, simulation);
    }
}
