package io.vehicle.simulator.ecu;

import com.google.protobuf.Message;
import io.vehicle.api.windows.v1.WindowServiceSkeleton;
import io.vehicle.idl.windows.v1.ChildLocks;
import io.vehicle.idl.windows.v1.SunroofState;
import io.vehicle.idl.windows.v1.VentAllRequest;
import io.vehicle.idl.windows.v1.WindowPositions;
import io.vehicle.simulator.plant.VssPaths;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The window and sunroof motors of the body ECU: a setter starts the motors and answers with where the
 * glass is now; notifications follow it percent by percent. Only the openings a request changes move (a
 * request that repeats a moving window's position does not stop it). Above the speed limit nothing
 * opens further than the limit opening.
 */
public final class WindowEcu extends WindowServiceSkeleton implements VirtualService {

    private static final List<String> WINDOWS = VssPaths.DOORS.stream().map(VssPaths::window).toList();
    private static final List<String> ROOF = List.of(VssPaths.SUNROOF, VssPaths.SUNROOF_SHADE);

    private final ServiceSignals signals;

    public WindowEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("OUT_OF_RANGE", "POWER_OFF", "OPENING_LIMITED");
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
    protected CompletionStage<WindowPositions> onSetWindows(WindowPositions requested) {
        return signals.onSimulation(() -> {
            move("Windows", requested, WINDOWS);
            return signals.build("Windows", windows());
        });
    }

    @Override
    protected CompletionStage<SunroofState> onSetSunroof(SunroofState requested) {
        return signals.onSimulation(() -> {
            move("Sunroof", requested, ROOF);
            return signals.build("Sunroof", sunroof());
        });
    }

    @Override
    protected CompletionStage<ChildLocks> onSetChildLocks(ChildLocks requested) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            signals.apply("ChildLocks", requested);
            return signals.build("ChildLocks", childLocks());
        });
    }

    @Override
    protected CompletionStage<WindowPositions> ventAll(VentAllRequest request) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            if (request.getPercent() > 100) {
                throw signals.refuse("OUT_OF_RANGE", "opening " + request.getPercent() + " is outside 0..100 percent");
            }
            Map<String, Double> targets = new LinkedHashMap<>();
            WINDOWS.forEach(path -> targets.put(path, (double) request.getPercent()));
            start(targets);
            return signals.build("Windows", windows());
        });
    }

    private void move(String field, Message requested, List<String> paths) {
        signals.requirePower();
        signals.check(field, requested);
        Map<String, Double> targets = new LinkedHashMap<>();
        for (String path : paths) {
            double wanted = ((Number) signals.requested(path, requested)).doubleValue();
            if (wanted != signals.values().number(path)) {
                targets.put(path, wanted);
            }
        }
        start(targets);
    }

    /** Checks the speed limit for every opening that would open further, then starts them all (or none). */
    private void start(Map<String, Double> targets) {
        double limit = signals.plant().parameters().windowsLimitOpening();
        if (signals.speed() > signals.plant().parameters().windowsSpeedLimitKmh()) {
            targets.forEach((path, target) -> {
                if (target > limit && target > signals.values().number(path)) {
                    throw signals.refuse("OPENING_LIMITED", path + " may open to " + limit + " percent at "
                            + signals.values().number(VssPaths.SPEED) + " km/h");
                }
            });
        }
        targets.forEach(signals.plant()::moveWindow);
    }
}
