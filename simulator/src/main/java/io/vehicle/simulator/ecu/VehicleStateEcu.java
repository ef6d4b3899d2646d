package io.vehicle.simulator.ecu;

import io.vehicle.api.state.v1.VehicleStateServiceSkeleton;
import io.vehicle.idl.state.v1.LowChargeWarning;
import io.vehicle.simulator.plant.PlantEvent;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;

/** The vehicle gateway's state service: speed, gear, power, energy and environment, all read-only. */
public final class VehicleStateEcu extends VehicleStateServiceSkeleton implements VirtualService {

    private final ServiceSignals signals;

    public VehicleStateEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.publish(true);
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
    public void plantEvent(PlantEvent event) {
        if (event instanceof PlantEvent.LowCharge low) {
            publishLowCharge(LowChargeWarning.newBuilder().setStateOfCharge((float) low.stateOfCharge())
                    .setRangeM((int) low.rangeM()).build());
        }
    }
}
