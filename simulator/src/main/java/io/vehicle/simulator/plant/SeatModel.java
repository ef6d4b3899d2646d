package io.vehicle.simulator.plant;

import java.util.function.Consumer;

/**
 * Seat surfaces warm toward the cabin temperature plus up to 18 degrees at full heating (ventilation
 * takes up to 4 off) with a time constant of two and a half minutes; the driver seat moves toward its
 * requested position at its motors' speed and reports where it is on the way.
 */
final class SeatModel implements PlantModel {

    private static final double TIME_CONSTANT_S = 150;

    private final VehicleParameters parameters;
    private final ContinuousSignal[] surfaces = new ContinuousSignal[VssPaths.SEATS.size()];
    private final ContinuousSignal position = new ContinuousSignal(VssPaths.SEAT_POSITION, 1, true);
    private final ContinuousSignal height = new ContinuousSignal(VssPaths.SEAT_HEIGHT, 1, true);
    private final ContinuousSignal recline = new ContinuousSignal(VssPaths.SEAT_RECLINE, 0.5, false);
    private Double targetPosition;
    private Double targetHeight;
    private Double targetRecline;

    SeatModel(VehicleParameters parameters) {
        this.parameters = parameters;
        for (int i = 0; i < surfaces.length; i++) {
            surfaces[i] = new ContinuousSignal(VssPaths.seatTemperature(VssPaths.SEATS.get(i)), 0.1, false);
        }
    }

    @Override
    public String service() {
        return "SeatService";
    }

    /** Where the seat motors should go; null keeps an axis where it is. */
    void moveTo(Double positionMm, Double heightMm, Double reclineDegrees) {
        targetPosition = positionMm;
        targetHeight = heightMm;
        targetRecline = reclineDegrees;
    }

    boolean moving() {
        return targetPosition != null || targetHeight != null || targetRecline != null;
    }

    @Override
    public void step(PlantValues values, long dtNanos, Consumer<PlantEvent> events) {
        double seconds = dtNanos / 1e9;
        double cabin = values.number(VssPaths.CABIN_TEMPERATURE);
        double approach = 1 - Math.exp(-seconds / TIME_CONSTANT_S);
        for (int i = 0; i < surfaces.length; i++) {
            String seat = VssPaths.SEATS.get(i);
            double target = cabin + values.number(VssPaths.seatHeating(seat)) / 100 * 18;
            if (values.has(VssPaths.seatVentilation(seat))) {
                target -= values.number(VssPaths.seatVentilation(seat)) / 100 * 4;
            }
            double t = surfaces[i].read(values);
            surfaces[i].write(values, t + (target - t) * approach);
        }
        double rate = parameters.seatMoveRateMmPerS();
        targetPosition = move(values, position, targetPosition, rate * seconds);
        targetHeight = move(values, height, targetHeight, rate / 3 * seconds);
        targetRecline = move(values, recline, targetRecline, 4 * seconds);
    }

    /** One step of a motor toward its target; null once there. */
    static Double move(PlantValues values, ContinuousSignal axis, Double target, double maxStep) {
        if (target == null) {
            return null;
        }
        double now = axis.read(values);
        double next = now + Math.max(-maxStep, Math.min(maxStep, target - now));
        axis.write(values, next);
        return Math.abs(target - axis.read(values)) < 1e-9 ? null : target;
    }
}
