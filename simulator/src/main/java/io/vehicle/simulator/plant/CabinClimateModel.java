package io.vehicle.simulator.plant;

import java.util.function.Consumer;

/**
 * The cabin air: the HVAC drives it toward the driver zone's setpoint (the sensor sits there), as fast
 * as the fan allows (heating up to 4 degrees a minute at full fan, cooling 3 with the A/C, much less
 * with outside air alone), while heat leaks to the outside (half as much on recirculation). In auto mode
 * the controller picks the fan level and the A/C itself. The compressor does not run below the minimum
 * outside temperature.
 */
final class CabinClimateModel implements PlantModel {

    private static final double HEAT_CAPACITY_PER_MIN = 4.0;
    private static final double COOL_CAPACITY_PER_MIN = 3.0;
    private static final double APPROACH_PER_MIN = 0.8;
    private static final double LEAK_PER_MIN = 0.02;

    private final VehicleParameters parameters;
    private final ContinuousSignal cabin = new ContinuousSignal(VssPaths.CABIN_TEMPERATURE, 0.1, false);

    CabinClimateModel(VehicleParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public String service() {
        return "HvacService";
    }

    /** The fan level the HVAC runs at (percent): the set level, or the auto controller's. */
    static double effectiveFan(PlantValues values) {
        if (values.bool(VssPaths.AUTO_MODE)) {
            double gap = Math.abs(values.number(VssPaths.DRIVER_SETPOINT) - values.number(VssPaths.CABIN_TEMPERATURE));
            return Math.max(30, Math.min(100, gap * 30));
        }
        return values.number(VssPaths.DRIVER_FAN);
    }

    /** Whether the compressor runs: asked for (or auto and cooling) and warm enough outside. */
    static boolean compressorRuns(PlantValues values, VehicleParameters parameters) {
        boolean wanted = values.bool(VssPaths.AIR_CONDITIONING) || values.bool(VssPaths.AUTO_MODE)
                && values.number(VssPaths.DRIVER_SETPOINT) < values.number(VssPaths.CABIN_TEMPERATURE);
        return wanted && values.number(VssPaths.OUTSIDE_TEMPERATURE) >= parameters.acMinOutsideCelsius();
    }

    @Override
    public void step(PlantValues values, long dtNanos, Consumer<PlantEvent> events) {
        double minutes = dtNanos / 60e9;
        double t = cabin.read(values);
        double outside = values.number(VssPaths.OUTSIDE_TEMPERATURE);
        double target = values.number(VssPaths.DRIVER_SETPOINT);
        double fan = effectiveFan(values) / 100;
        double leak = (outside - t) * LEAK_PER_MIN * (values.bool(VssPaths.RECIRCULATION) ? 0.5 : 1.0);
        double heat = HEAT_CAPACITY_PER_MIN * fan;
        double cool = compressorRuns(values, parameters) ? COOL_CAPACITY_PER_MIN * fan
                : Math.max(0, t - outside) * 0.05 * fan;
        double hvac = fan == 0 ? 0 : Math.max(-cool, Math.min(heat, (target - t) * APPROACH_PER_MIN - leak));
        cabin.write(values, t + (hvac + leak) * minutes);
    }
}
