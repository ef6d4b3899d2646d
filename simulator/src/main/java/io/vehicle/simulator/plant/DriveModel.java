package io.vehicle.simulator.plant;

import io.vehicle.simulator.plant.PlantValues.Source;
import java.util.function.Consumer;

/**
 * The vehicle following its drive profile: speed toward each segment's target (accelerating at 2.5 m/s²,
 * braking at 3.5), a gear change waiting until the vehicle stands, the parking brake in PARK, distance,
 * position (heading east), the weather, and the battery: traction power from rolling and air resistance
 * and acceleration (60 % recovered when braking), the HVAC's power, and charging when a segment says so.
 */
final class DriveModel implements PlantModel {

    private static final double ACCELERATION = 2.5;
    private static final double DECELERATION = 3.5;
    private static final double ROLLING = 0.010;
    private static final double DRAG_AREA = 0.6;
    private static final double AIR_DENSITY = 1.2;
    private static final double EFFICIENCY = 0.9;
    private static final double RECOVERY = 0.6;
    private static final double BASE_LOAD_KW = 0.4;
    private static final double METERS_PER_DEGREE = 111_320;

    private final VehicleParameters parameters;
    private final ContinuousSignal speed = new ContinuousSignal(VssPaths.SPEED, 0.1, false);
    private final ContinuousSignal charge = new ContinuousSignal(VssPaths.STATE_OF_CHARGE, 0.1, false);
    private final ContinuousSignal outside = new ContinuousSignal(VssPaths.OUTSIDE_TEMPERATURE, 0.1, false);
    private final ContinuousSignal odometer = new ContinuousSignal(VssPaths.ODOMETER, 1, true);
    private final ContinuousSignal longitude = new ContinuousSignal(VssPaths.LONGITUDE, 1e-6, false);
    private DriveProfile profile = DriveProfile.parked();
    private int segment;
    private long segmentElapsed;
    private boolean lowChargeWarned;

    DriveModel(VehicleParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public String service() {
        return "VehicleStateService";
    }

    void profile(DriveProfile value) {
        profile = value;
        segment = 0;
        segmentElapsed = 0;
    }

    DriveProfile profile() {
        return profile;
    }

    int activeSegment() {
        return segment;
    }

    long activeSegmentElapsedNanos() {
        return segmentElapsed;
    }

    @Override
    public void step(PlantValues values, long dtNanos, Consumer<PlantEvent> events) {
        double seconds = dtNanos / 1e9;
        DriveSegment current = profile.segments().isEmpty() ? null : profile.segments().get(segment);
        double v = speed.read(values) / 3.6;
        double target = current == null ? v : current.speedKmh() / 3.6;
        String gear = values.text(VssPaths.GEAR);
        if (current != null && current.gear() != null && !current.gear().equals(gear)) {
            if (Math.abs(v) < 0.05) {
                values.write(VssPaths.GEAR, current.gear(), Source.PLANT);
                gear = values.text(VssPaths.GEAR);
            }
            if (!gear.equals(current.gear())) {
                target = 0; // stop first, then shift
            }
        }
        if ("PARK".equals(gear) || "NEUTRAL".equals(gear) && Math.abs(target) > 0) {
            target = "PARK".equals(gear) ? 0 : v;
        }
        double rate = Math.abs(target) > Math.abs(v) && Math.signum(target) != -Math.signum(v) ? ACCELERATION
                : DECELERATION;
        double next = v + Math.max(-rate * seconds, Math.min(rate * seconds, target - v));
        speed.write(values, next * 3.6);
        values.write(VssPaths.PARKING_BRAKE, "PARK".equals(gear), Source.PLANT);

        double mean = (Math.abs(v) + Math.abs(next)) / 2;
        double distance = mean * seconds;
        odometer.write(values, odometer.read(values) + distance);
        double latitude = values.number(VssPaths.LATITUDE);
        longitude.write(values, longitude.read(values)
                + distance / (METERS_PER_DEGREE * Math.cos(Math.toRadians(latitude))));

        if (current != null && current.outsideCelsius() != null) {
            double t = outside.read(values);
            double step = 0.1 * seconds; // weather: 6 degrees a minute at most
            outside.write(values, t + Math.max(-step, Math.min(step, current.outsideCelsius() - t)));
        }
        energy(values, current, Math.abs(v), Math.abs(next), seconds, events);
        advanceProfile(dtNanos);
    }

    private void energy(PlantValues values, DriveSegment current, double v, double next, double seconds,
                        Consumer<PlantEvent> events) {
        boolean charging = current != null && current.charging();
        values.write(VssPaths.CHARGING, charging, Source.PLANT);
        double mean = (v + next) / 2;
        double mass = parameters.vehicleMassKg();
        double force = mass * 9.81 * ROLLING * (mean > 0.01 ? 1 : 0) + 0.5 * AIR_DENSITY * DRAG_AREA * mean * mean
                + mass * (next - v) / seconds;
        double tractionKw = force * mean / 1000;
        tractionKw = tractionKw > 0 ? tractionKw / EFFICIENCY : tractionKw * RECOVERY;
        double hvacKw = CabinClimateModel.effectiveFan(values) / 100
                * (CabinClimateModel.compressorRuns(values, parameters) ? 2.5 : 1.5);
        double netKw = BASE_LOAD_KW + hvacKw + tractionKw - (charging ? parameters.chargePowerKw() : 0);
        double capacity = parameters.batteryCapacityKwh();
        double soc = charge.read(values) - netKw * seconds / 3600 / capacity * 100;
        soc = Math.max(0, Math.min(100, soc));
        charge.write(values, soc);
        // Range at a typical 16 kWh per 100 km, in steps of 100 m.
        values.write(VssPaths.RANGE, Math.round(soc / 100 * capacity / 0.16 * 10) * 100L, Source.PLANT);
        double reported = values.number(VssPaths.STATE_OF_CHARGE);
        if (reported < parameters.lowChargePercent() && !lowChargeWarned) {
            lowChargeWarned = true;
            events.accept(new PlantEvent.LowCharge(reported, (Long) values.value(VssPaths.RANGE)));
        } else if (reported >= parameters.lowChargePercent() + 1) {
            lowChargeWarned = false;
        }
    }

    private void advanceProfile(long dtNanos) {
        if (profile.segments().isEmpty()) {
            return;
        }
        DriveSegment current = profile.segments().get(segment);
        if (current.duration().isZero()) {
            return;
        }
        segmentElapsed += dtNanos;
        while (segmentElapsed >= current.duration().toNanos()) {
            if (segment + 1 < profile.segments().size()) {
                segmentElapsed -= current.duration().toNanos();
                segment++;
            } else if (profile.repeat()) {
                segmentElapsed -= current.duration().toNanos();
                segment = 0;
            } else {
                segmentElapsed = current.duration().toNanos(); // the last segment's state stays
                return;
            }
            current = profile.segments().get(segment);
            if (current.duration().isZero()) {
                return;
            }
        }
    }
}
