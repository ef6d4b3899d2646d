package io.vehicle.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.SignalValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plant models on the simulated clock: minutes pass in a loop, no sockets, no sleeps. */
class VehiclePlantTest {

    static final SignalRegistry REGISTRY = SignalRegistry.catalog();
    static final long STEP = Duration.ofMillis(100).toNanos();

    final List<PlantEvent> events = new ArrayList<>();
    long now;

    VehiclePlant plant(Map<String, Object> overrides) {
        Map<String, Object> initial = new LinkedHashMap<>(SignalValues.defaults(REGISTRY));
        initial.putAll(SignalValues.normalizeAll(REGISTRY, overrides));
        VehiclePlant plant = new VehiclePlant(new PlantValues(REGISTRY, initial), VehicleParameters.defaults());
        plant.onEvent(events::add);
        return plant;
    }

    void run(VehiclePlant plant, Duration duration) {
        for (long t = 0; t < duration.toNanos(); t += STEP) {
            now += STEP;
            plant.step(now, STEP);
        }
    }

    double value(VehiclePlant plant, String path) {
        return plant.values().number(path);
    }

    @Test
    @DisplayName("the cabin warms toward the driver's setpoint, faster with more fan, and holds it")
    void cabinFollowsSetpoint() {
        Map<String, Object> cold = Map.of(VssPaths.CABIN_TEMPERATURE, 12.0, VssPaths.DRIVER_SETPOINT, 22.0,
                VssPaths.AUTO_MODE, false, VssPaths.DRIVER_FAN, 100, VssPaths.OUTSIDE_TEMPERATURE, 5.0);
        VehiclePlant full = plant(cold);
        Map<String, Object> slow = new LinkedHashMap<>(cold);
        slow.put(VssPaths.DRIVER_FAN, 20);
        VehiclePlant low = plant(slow);
        run(full, Duration.ofMinutes(2));
        run(low, Duration.ofMinutes(2));
        assertThat(value(full, VssPaths.CABIN_TEMPERATURE)).isGreaterThan(value(low, VssPaths.CABIN_TEMPERATURE) + 2);
        run(full, Duration.ofMinutes(10));
        assertThat(value(full, VssPaths.CABIN_TEMPERATURE)).isCloseTo(22.0, within(0.15));
    }

    @Test
    @DisplayName("cooling needs the A/C, and the A/C does not run when it is too cold outside")
    void coolingNeedsCompressor() {
        Map<String, Object> hot = Map.of(VssPaths.CABIN_TEMPERATURE, 30.0, VssPaths.DRIVER_SETPOINT, 20.0,
                VssPaths.AUTO_MODE, false, VssPaths.DRIVER_FAN, 100, VssPaths.OUTSIDE_TEMPERATURE, 28.0,
                VssPaths.AIR_CONDITIONING, true);
        VehiclePlant withAc = plant(hot);
        Map<String, Object> noAc = new LinkedHashMap<>(hot);
        noAc.put(VssPaths.AIR_CONDITIONING, false);
        VehiclePlant without = plant(noAc);
        run(withAc, Duration.ofMinutes(5));
        run(without, Duration.ofMinutes(5));
        assertThat(value(withAc, VssPaths.CABIN_TEMPERATURE)).isLessThan(24);
        assertThat(value(without, VssPaths.CABIN_TEMPERATURE)).isGreaterThan(29);
    }

    @Test
    @DisplayName("a window opens at 25 %/s and reports each position on the way; held values stay")
    void windowMoves() {
        VehiclePlant plant = plant(Map.of());
        String window = VssPaths.window("Row1.DriverSide");
        List<Object> seen = new ArrayList<>();
        plant.values().addListener((path, value, at) -> {
            if (path.equals(window)) {
                seen.add(value);
            }
        });
        plant.moveWindow(window, 100);
        run(plant, Duration.ofSeconds(2));
        assertThat(value(plant, window)).isEqualTo(50);
        run(plant, Duration.ofSeconds(3));
        assertThat(value(plant, window)).isEqualTo(100);
        assertThat(seen).hasSize(40).first().isEqualTo(3L);

        plant.values().force(window, 30L, true);
        plant.moveWindow(window, 0);
        run(plant, Duration.ofSeconds(2));
        assertThat(value(plant, window)).as("held").isEqualTo(30);
        plant.values().release(window);
        run(plant, Duration.ofSeconds(2));
        assertThat(value(plant, window)).as("continues from the held value").isEqualTo(0);
    }

    @Test
    @DisplayName("seat heating warms the surface over minutes, not at once")
    void seatHeatingWarmsOverTime() {
        VehiclePlant plant = plant(Map.of(VssPaths.seatHeating("Row1.DriverSide"), 100));
        String surface = VssPaths.seatTemperature("Row1.DriverSide");
        run(plant, Duration.ofSeconds(30));
        double early = value(plant, surface);
        run(plant, Duration.ofMinutes(10));
        assertThat(early).isBetween(22.5, 26.0);
        double cabin = value(plant, VssPaths.CABIN_TEMPERATURE);
        assertThat(value(plant, surface)).isCloseTo(cabin + 18, within(0.5));
        assertThat(value(plant, VssPaths.seatTemperature("Row1.PassengerSide"))).isCloseTo(cabin, within(0.2));
    }

    @Test
    @DisplayName("the defroster clears fog over minutes and announces DefrostFinished once")
    void defrostClearsFog() {
        VehiclePlant plant = plant(Map.of(VssPaths.FOG_LEVEL, 80, VssPaths.FRONT_DEFROSTER, true,
                VssPaths.OUTSIDE_TEMPERATURE, 0.0));
        run(plant, Duration.ofMinutes(1));
        assertThat(value(plant, VssPaths.FOG_LEVEL)).isBetween(50.0, 60.0);
        assertThat(events).isEmpty();
        run(plant, Duration.ofMinutes(3));
        assertThat(value(plant, VssPaths.FOG_LEVEL)).isZero();
        assertThat(events).containsExactly(new PlantEvent.DefrostFinished(true, false, 192));
    }

    @Test
    @DisplayName("a drive profile: speed, gear, distance, battery and weather follow the segments")
    void driveProfile() {
        VehiclePlant plant = plant(Map.of());
        plant.driveProfile(new DriveProfile(List.of(
                new DriveSegment(Duration.ofSeconds(5), 0, "DRIVE", null, false),
                new DriveSegment(Duration.ofMinutes(5), 100, "DRIVE", 5.0, false),
                new DriveSegment(Duration.ofMinutes(1), 0, null, null, false),
                new DriveSegment(Duration.ZERO, 0, "PARK", null, false)), false));
        run(plant, Duration.ofSeconds(6));
        assertThat(plant.values().text(VssPaths.GEAR)).isEqualTo("DRIVE");
        assertThat(plant.values().bool(VssPaths.PARKING_BRAKE)).isFalse();
        run(plant, Duration.ofSeconds(30));
        assertThat(value(plant, VssPaths.SPEED)).isEqualTo(100.0);
        run(plant, Duration.ofMinutes(6));
        assertThat(value(plant, VssPaths.SPEED)).isZero();
        assertThat(plant.values().text(VssPaths.GEAR)).isEqualTo("PARK");
        assertThat(value(plant, VssPaths.OUTSIDE_TEMPERATURE)).isEqualTo(5.0);
        double km = (value(plant, VssPaths.ODOMETER) - 12_345_000) / 1000;
        assertThat(km).isBetween(8.0, 8.7); // about 5 min at 100 km/h with ramps
        assertThat(value(plant, VssPaths.STATE_OF_CHARGE)).isBetween(77.5, 79.5);
        assertThat(value(plant, VssPaths.LONGITUDE)).isGreaterThan(11.6);
        assertThat(plant.values().bool(VssPaths.doorLocked("Row1.DriverSide"))).isTrue();
    }

    @Test
    @DisplayName("the battery warns once when it falls below the low-charge level")
    void lowCharge() {
        VehiclePlant plant = plant(Map.of(VssPaths.STATE_OF_CHARGE, 10.05));
        plant.driveProfile(new DriveProfile(List.of(new DriveSegment(Duration.ZERO, 130, "DRIVE", null, false)), false));
        run(plant, Duration.ofMinutes(3));
        assertThat(events).filteredOn(e -> e instanceof PlantEvent.LowCharge).hasSize(1);
    }

    @Test
    @DisplayName("bad values are refused with the signal and the reason")
    void badValues() {
        VehiclePlant plant = plant(Map.of());
        assertThatThrownBy(() -> plant.values().write(VssPaths.DRIVER_SETPOINT, 40.0, Source.SETTER))
                .isInstanceOf(SignalValueException.class).hasMessageContaining("16..28");
        assertThatThrownBy(() -> plant(Map.of(VssPaths.GEAR, "SPORT"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SPORT");
        assertThatThrownBy(() -> new DriveSegment(Duration.ofSeconds(1), 50, "PARK", null, false))
                .hasMessageContaining("impossible in PARK");
        assertThatThrownBy(() -> SimulatedDuration.parse("10 parsecs")).hasMessageContaining("not a duration");
    }

    @Test
    @DisplayName("the same steps give the same values (deterministic)")
    void deterministic() {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            now = 0;
            VehiclePlant plant = plant(Map.of(VssPaths.CABIN_TEMPERATURE, 30.0));
            plant.driveProfile(new DriveProfile(List.of(new DriveSegment(Duration.ofMinutes(2), 80, "DRIVE", 0.0, false),
                    new DriveSegment(Duration.ofMinutes(1), 0, "DRIVE", null, false)), true));
            run(plant, Duration.ofMinutes(10));
            runs.add(plant.values().snapshot());
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }
}
