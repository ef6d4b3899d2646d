package io.vehicle.simulator.ecu;

import io.vehicle.api.lights.v1.LightServiceSkeleton;
import io.vehicle.idl.lights.v1.AmbientScene;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Interior lights of the body ECU: ambient colour and brightness, reading and dome lights, named scenes. */
public final class LightEcu extends LightServiceSkeleton implements VirtualService {

    static final String COLOR = "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color";
    static final String INTENSITY = "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Intensity";

    /** Scene name to red, green, blue and brightness. */
    static final Map<String, List<Long>> SCENES = Map.of(
            "Ocean", List.of(0L, 105L, 148L, 60L),
            "Sunset", List.of(255L, 94L, 77L, 50L),
            "Forest", List.of(34L, 139L, 34L, 40L),
            "Relax", List.of(255L, 180L, 90L, 30L),
            "Focus", List.of(230L, 240L, 255L, 80L));

    private final ServiceSignals signals;

    public LightEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("OUT_OF_RANGE", "POWER_OFF", "UNKNOWN_SCENE");
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
    protected CompletionStage<InteriorLights> onSetInterior(InteriorLights requested) {
        return signals.set("Interior", requested, this::interior, true);
    }

    @Override
    protected CompletionStage<InteriorLights> applyScene(AmbientScene request) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            List<Long> scene = SCENES.get(request.getName());
            if (scene == null) {
                throw signals.refuse("UNKNOWN_SCENE", "'" + request.getName() + "' is not one of "
                        + new java.util.TreeSet<>(SCENES.keySet()));
            }
            signals.values().write(COLOR, scene.subList(0, 3), Source.SETTER);
            signals.values().write(INTENSITY, scene.get(3), Source.SETTER);
            signals.publish("Interior", false);
            return interior();
        });
    }
}
