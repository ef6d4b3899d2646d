package io.vehicle.simulator.ecu;

import io.vehicle.simulator.plant.VehiclePlant;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import java.util.concurrent.Executor;

/**
 * What every virtual service is built with: the plant and the simulation thread it lives on. Each service's
 * skeleton runs its request handlers on that thread too (its handler executor): a setter's answer is then
 * computed, stored and notified by the skeleton in one simulation task. Run on the I/O thread instead, the
 * skeleton stored the answer only when that thread got on again, and a plant step published in between was
 * overwritten by the older answer, which subscribers then kept as the field's value.
 */
public record ServiceWiring(VehiclePlant plant, Executor simulation) {

    ServiceSignals signals(DescriptorSkeleton skeleton) {
        return new ServiceSignals(skeleton, plant, simulation);
    }
}
