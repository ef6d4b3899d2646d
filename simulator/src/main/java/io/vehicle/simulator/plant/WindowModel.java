package io.vehicle.simulator.plant;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Windows, sunroof and shade move toward their requested openings at their motors' speed (a window
 * travels fully in four seconds) and report each whole percent on the way.
 */
final class WindowModel implements PlantModel {

    private final VehicleParameters parameters;
    private final Map<String, ContinuousSignal> axes = new HashMap<>();
    private final Map<String, Double> targets = new HashMap<>();

    WindowModel(VehicleParameters parameters) {
        this.parameters = parameters;
        for (String door : VssPaths.DOORS) {
            axes.put(VssPaths.window(door), new ContinuousSignal(VssPaths.window(door), 1, true));
        }
        axes.put(VssPaths.SUNROOF, new ContinuousSignal(VssPaths.SUNROOF, 1, true));
        axes.put(VssPaths.SUNROOF_SHADE, new ContinuousSignal(VssPaths.SUNROOF_SHADE, 1, true));
    }

    @Override
    public String service() {
        return "WindowService";
    }

    /** Starts moving one window, the sunroof or its shade (by path) toward {@code percent}. */
    void moveTo(String path, double percent) {
        if (!axes.containsKey(path)) {
            throw new IllegalArgumentException(path + " is not a window, sunroof or shade");
        }
        targets.put(path, percent);
    }

    /** Where a window is heading, or its position when it stands still. */
    double target(PlantValues values, String path) {
        Double target = targets.get(path);
        return target != null ? target : values.number(path);
    }

    @Override
    public void step(PlantValues values, long dtNanos, Consumer<PlantEvent> events) {
        double seconds = dtNanos / 1e9;
        for (String path : java.util.List.copyOf(targets.keySet())) {
            double rate = path.startsWith("Vehicle.Cabin.Sunroof") ? parameters.sunroofRatePercentPerS()
                    : parameters.windowRatePercentPerS();
            Double left = SeatModel.move(values, axes.get(path), targets.get(path), rate * seconds);
            if (left == null) {
                targets.remove(path);
            }
        }
    }
}
