package io.vehicle.simulator.ecu;

import io.vehicle.api.windshield.v1.WindshieldServiceSkeleton;
import io.vehicle.idl.windshield.v1.WashRequest;
import io.vehicle.idl.windshield.v1.WindshieldState;
import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.simulator.plant.VssPaths;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.concurrent.CompletionStage;

/**
 * Wipers, washer and windshield heating of the body ECU; the fog level comes from the plant. Wash is
 * fire and forget, so it cannot refuse: with the power off or an empty reservoir it does nothing.
 */
public final class WindshieldEcu extends WindshieldServiceSkeleton implements VirtualService {

    private final ServiceSignals signals;

    public WindshieldEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("INVALID_VALUE", "POWER_OFF");
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
    protected CompletionStage<WindshieldState> onSetWindshield(WindshieldState requested) {
        return signals.set("Windshield", requested, this::windshield, true);
    }

    @Override
    protected void wash(WashRequest request) {
        signals.onSimulation(() -> {
            String power = signals.values().text(VssPaths.POWER_STATE);
            if (!power.equals("OFF") && !power.equals("LOCK")) {
                long level = (Long) signals.values().value(VssPaths.WASHER_FLUID);
                signals.values().write(VssPaths.WASHER_FLUID, Math.max(0, level - request.getCycles()), Source.PLANT);
                signals.publish("Windshield", false);
            }
            return null;
        });
    }
}
