package io.vehicle.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalCodec;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.SignalType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The load of {@code vehicle simulator bench}: every field's value changes at every step and stays in the IDL's limits. */
class ChangingSignalsTest {

    static final SignalRegistry REGISTRY = SignalRegistry.catalog();
    static final long STEP = Duration.ofMillis(10).toNanos();

    @Test
    @DisplayName("every field of every catalog service gets a new value within the IDL limits at each of several steps")
    void everyFieldChangesEveryStep() {
        PlantValues values = new PlantValues(REGISTRY, SignalValues.defaults(REGISTRY));
        VehiclePlant plant = new VehiclePlant(values, VehicleParameters.defaults());
        ChangingSignals changing = new ChangingSignals(values);
        Map<String, Message> previous = fieldValues(values);
        // every field but the seat's memory presets, which carry no signal (only StorePreset changes them)
        assertThat(previous).hasSize(VehicleCatalog.services().stream()
                .mapToInt(s -> ServiceBinding.of(s).fields().size()).sum() - 1).doesNotContainKey("SeatService.Presets");
        long now = 0;
        for (int step = 1; step <= 8; step++) {
            // as the simulator does it: the physics first, then the forced values, then the ECUs publish
            now += STEP;
            plant.step(now, STEP);
            changing.step();
            Map<String, Message> current = fieldValues(values);
            for (Map.Entry<String, Message> field : current.entrySet()) {
                assertThat(field.getValue()).as("%s at step %d", field.getKey(), step)
                        .isNotEqualTo(previous.get(field.getKey()));
                assertThat(SignalCheck.message(REGISTRY, field.getValue())).as("%s at step %d", field.getKey(), step)
                        .isEmpty();
            }
            for (String path : values.paths()) {
                assertThat(SignalCheck.value(REGISTRY.require(path), values.reported(path)))
                        .as("%s at step %d", path, step).isEmpty();
            }
            previous = current;
        }
    }

    /**
     * Each field of each catalog service that carries signals, as its ECU builds it: every signal from the
     * plant; a field without signals is left out (the caller checks which those are).
     */
    static Map<String, Message> fieldValues(PlantValues values) {
        Map<String, Message> fields = new LinkedHashMap<>();
        for (var service : VehicleCatalog.services()) {
            ServiceBinding binding = ServiceBinding.of(service);
            for (FieldBinding field : binding.fields().values()) {
                List<SignalDefinition> signals = REGISTRY.all().stream()
                        .filter(s -> s.service().serviceId() == binding.serviceId() && s.field() != null
                                && s.field().name().equals(field.name()))
                        .toList();
                String name = service.getName() + "." + field.name();
                if (signals.isEmpty()) {
                    continue;
                }
                Message value = DynamicMessage.getDefaultInstance(field.type());
                for (SignalDefinition signal : signals) {
                    value = SignalCodec.write(signal, value, values.reported(signal.path()));
                }
                fields.put(name, value);
            }
        }
        return fields;
    }

    @Test
    @DisplayName("each kind of signal: numbers alternate inside the range, booleans toggle, allowed values step round")
    void eachKindOfSignal() {
        SignalDefinition temperature = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature");
        Object first = ChangingSignals.next(temperature, 21.0);
        Object second = ChangingSignals.next(temperature, first);
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(temperature.min()
                + (temperature.max() - temperature.min()) / 4, temperature.min()
                + 3 * (temperature.max() - temperature.min()) / 4);
        assertThat(ChangingSignals.next(temperature, second)).isEqualTo(first);

        SignalDefinition locked = REGISTRY.require("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked");
        assertThat(ChangingSignals.next(locked, true)).isEqualTo(false);
        assertThat(ChangingSignals.next(locked, false)).isEqualTo(true);

        SignalDefinition gear = REGISTRY.require("Vehicle.Powertrain.Transmission.SelectedGear");
        Object value = "PARK";
        for (String expected : List.of("REVERSE", "NEUTRAL", "DRIVE", "PARK")) {
            value = ChangingSignals.next(gear, value);
            assertThat(value).isEqualTo(expected);
        }

        SignalDefinition color = REGISTRY.require("Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color");
        Object rgb = ChangingSignals.next(color, List.of(255L, 180L, 90L));
        assertThat(rgb).isEqualTo(List.of(192L, 192L, 192L));
        assertThat(ChangingSignals.next(color, rgb)).isEqualTo(List.of(63L, 63L, 63L));

        SignalDefinition track = REGISTRY.require("Vehicle.Cabin.Infotainment.Media.Played.Track");
        assertThat(track.type()).isEqualTo(SignalType.STRING);
        Object title = ChangingSignals.next(track, "Morning Show");
        assertThat(ChangingSignals.next(track, title)).isNotEqualTo(title);
    }

    @Test
    @DisplayName("a signal that admits one value only is refused with its path, not driven to the same value")
    void oneValueOnly() {
        SignalDefinition speed = REGISTRY.require("Vehicle.Speed");
        SignalDefinition pinned = new SignalDefinition(speed.path(), speed.type(), false, speed.unit(), 5.0, 5.0,
                List.of(), speed.access(), speed.description(), speed.maxTravel(), speed.service(), speed.field(), speed.notifier(),
                speed.location());
        assertThatThrownBy(() -> ChangingSignals.next(pinned, 5.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Vehicle.Speed").hasMessageContaining("only one value");

        SignalDefinition gear = REGISTRY.require("Vehicle.Powertrain.Transmission.SelectedGear");
        SignalDefinition parkOnly = new SignalDefinition(gear.path(), gear.type(), false, gear.unit(), null, null,
                List.of("PARK"), gear.access(), gear.description(), gear.maxTravel(), gear.service(), gear.field(), gear.notifier(),
                gear.location());
        assertThatThrownBy(() -> ChangingSignals.next(parkOnly, "PARK")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SelectedGear");
    }
}
