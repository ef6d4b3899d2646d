package io.vehicle.simulator.plant;

import java.util.function.Consumer;

/**
 * Fog on the windshield: it builds (3 percent a minute) toward a level set by how much warmer the cabin
 * is than the cold outside, more on recirculation; the front defroster clears 25 percent a minute and
 * the windshield heating 10. When a defrost run clears the glass, the HVAC announces DefrostFinished.
 */
final class WindshieldModel implements PlantModel {

    private static final double BUILD_PER_MIN = 3;
    private static final double DEFROST_PER_MIN = 25;
    private static final double HEATING_PER_MIN = 10;

    private final ContinuousSignal fog = new ContinuousSignal(VssPaths.FOG_LEVEL, 1, true);
    private long defrostRunNanos = -1;

    @Override
    public String service() {
        return "WindshieldService";
    }

    @Override
    public void step(PlantValues values, long dtNanos, Consumer<PlantEvent> events) {
        double minutes = dtNanos / 60e9;
        double level = fog.read(values);
        boolean defrost = values.bool(VssPaths.FRONT_DEFROSTER);
        double outside = values.number(VssPaths.OUTSIDE_TEMPERATURE);
        double gap = values.number(VssPaths.CABIN_TEMPERATURE) - outside;
        double target = outside < 10 ? Math.max(0, Math.min(100, (gap - 10) * 4
                * (values.bool(VssPaths.RECIRCULATION) ? 1.5 : 1.0))) : 0;
        double clearing = (defrost ? DEFROST_PER_MIN : 0)
                + (values.bool(VssPaths.WINDSHIELD_HEATING) ? HEATING_PER_MIN : 0);
        double next;
        if (clearing > 0) {
            next = Math.max(0, level - clearing * minutes);
        } else if (level < target) {
            next = Math.min(target, level + BUILD_PER_MIN * minutes);
        } else {
            next = Math.max(target, level - BUILD_PER_MIN * minutes);
        }
        if (defrost && level > 0 && defrostRunNanos < 0) {
            defrostRunNanos = 0;
        }
        if (defrostRunNanos >= 0) {
            defrostRunNanos += dtNanos;
            if (!defrost) {
                defrostRunNanos = -1;
            } else if (next <= 0) {
                events.accept(new PlantEvent.DefrostFinished(true, values.bool(VssPaths.REAR_DEFROSTER),
                        (int) Math.round(defrostRunNanos / 1e9)));
                defrostRunNanos = -1;
            }
        }
        fog.write(values, next);
    }
}
