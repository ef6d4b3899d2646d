package io.vehicle.simulator.ecu;

import io.vehicle.api.mirrors.v1.MirrorServiceSkeleton;
import io.vehicle.idl.mirrors.v1.FoldRequest;
import io.vehicle.idl.mirrors.v1.MirrorState;
import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Exterior mirrors of the body ECU: fold and heating; they do not fold in above the fold speed. */
public final class MirrorEcu extends MirrorServiceSkeleton implements VirtualService {

    static final List<String> FOLDED = List.of("Vehicle.Body.Mirrors.DriverSide.IsFolded",
            "Vehicle.Body.Mirrors.PassengerSide.IsFolded");

    private final ServiceSignals signals;

    public MirrorEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("POWER_OFF", "FOLD_SPEED");
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
    protected CompletionStage<MirrorState> onSetMirrors(MirrorState requested) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            for (String path : FOLDED) {
                if ((Boolean) signals.requested(path, requested)) {
                    checkFold(path);
                }
            }
            signals.apply("Mirrors", requested);
            return signals.build("Mirrors", mirrors());
        });
    }

    @Override
    protected CompletionStage<MirrorState> foldAll(FoldRequest request) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            if (request.getFolded()) {
                FOLDED.forEach(this::checkFold);
            }
            FOLDED.forEach(path -> signals.values().write(path, request.getFolded(), Source.SETTER));
            signals.publish("Mirrors", false);
            return mirrors();
        });
    }

    private void checkFold(String path) {
        double limit = signals.plant().parameters().mirrorFoldMaxSpeedKmh();
        if (!signals.values().bool(path) && signals.speed() > limit) {
            throw signals.refuse("FOLD_SPEED", path + ": " + signals.speed() + " km/h is above " + limit);
        }
    }
}
