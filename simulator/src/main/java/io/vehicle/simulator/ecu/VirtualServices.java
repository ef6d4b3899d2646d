package io.vehicle.simulator.ecu;

import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.Map;

/** The virtual ECU service for each catalog service, by its simple name. */
public final class VirtualServices {

    @FunctionalInterface
    interface Factory {
        VirtualService create(SomeIpNode node, int instanceId, ServiceWiring wiring);
    }

    private static final Map<String, Factory> FACTORIES = Map.of(
            "HvacService", HvacEcu::new,
            "SeatService", SeatEcu::new,
            "WindowService", WindowEcu::new,
            "DoorService", DoorEcu::new,
            "LightService", LightEcu::new,
            "MirrorService", MirrorEcu::new,
            "InfotainmentService", InfotainmentEcu::new,
            "VehicleStateService", VehicleStateEcu::new,
            "WindshieldService", WindshieldEcu::new);

    private VirtualServices() {
    }

    public static VirtualService create(String service, SomeIpNode node, int instanceId, ServiceWiring wiring) {
        Factory factory = FACTORIES.get(service);
        if (factory == null) {
            throw new IllegalArgumentException("no virtual ECU service for " + service);
        }
        return factory.create(node, instanceId, wiring);
    }
}
