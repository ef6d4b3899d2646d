package io.vehicle.simulator.plant;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The whole virtual vehicle's physics: every plant value and the models that move them, stepped
 * together in a fixed order on the simulated clock. Pure: no sockets, no threads, no wall clock, so
 * a test steps ten simulated minutes in milliseconds and gets the same values every time.
 */
public final class VehiclePlant {

    private final PlantValues values;
    private final VehicleParameters parameters;
    private final DriveModel drive;
    private final WindowModel windows;
    private final SeatModel seats;
    private final List<PlantModel> models;
    private final List<Consumer<PlantEvent>> listeners = new CopyOnWriteArrayList<>();

    public VehiclePlant(PlantValues values, VehicleParameters parameters) {
        this.values = values;
        this.parameters = parameters;
        this.drive = new DriveModel(parameters);
        this.windows = new WindowModel(parameters);
        this.seats = new SeatModel(parameters);
        // Drive first: the others react to this step's speed and weather.
        this.models = List.of(drive, new CabinClimateModel(parameters), new WindshieldModel(), seats, windows,
                new DoorModel(parameters));
    }

    public PlantValues values() {
        return values;
    }

    public VehicleParameters parameters() {
        return parameters;
    }

    public void onEvent(Consumer<PlantEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Steps every model by {@code dtNanos} of simulated time, each on its ECU's clock: {@code localStep}
     * gives the local length of the step for a service's ECU (a clock skew makes it longer or shorter).
     */
    public void step(long simulatedNowNanos, long dtNanos, ToLongFunction<String> localStep) {
        values.now(simulatedNowNanos);
        for (PlantModel model : models) {
            model.step(values, localStep.applyAsLong(model.service()), event -> listeners.forEach(l -> l.accept(event)));
        }
    }

    public void step(long simulatedNowNanos, long dtNanos) {
        step(simulatedNowNanos, dtNanos, service -> dtNanos);
    }

    public void driveProfile(DriveProfile profile) {
        drive.profile(profile);
    }

    public DriveProfile driveProfile() {
        return drive.profile();
    }

    public int activeSegment() {
        return drive.activeSegment();
    }

    public long activeSegmentElapsedNanos() {
        return drive.activeSegmentElapsedNanos();
    }

    /** Starts a window, the sunroof or the shade (by path) moving toward an opening in percent. */
    public void moveWindow(String path, double percent) {
        windows.moveTo(path, percent);
    }

    /** Where a window (or sunroof, shade) is heading; its position when it stands still. */
    public double windowTarget(String path) {
        return windows.target(values, path);
    }

    /** Starts the driver seat's motors; null keeps an axis. */
    public void moveDriverSeat(Double positionMm, Double heightMm, Double reclineDegrees) {
        seats.moveTo(positionMm, heightMm, reclineDegrees);
    }
}
