package io.vehicle.someip.sdk.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.signal.Access;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The registry read from the catalog's descriptors agrees with the catalog, and locates every signal. */
class SignalRegistryTest {

    static final SignalRegistry REGISTRY = SignalRegistry.catalog();

    @Test
    @DisplayName("every signal of the catalog is in the registry with the catalog's metadata")
    void everyCatalogSignalIsRegistered() {
        List<Signal> catalog = VehicleCatalog.signals();
        assertThat(REGISTRY.all()).hasSameSizeAs(catalog);
        for (Signal expected : catalog) {
            SignalDefinition signal = REGISTRY.require(expected.path());
            assertThat(signal.leaf().getFullName()).as(expected.path()).isEqualTo(expected.field());
            assertThat(signal.service().descriptor().getFullName()).isEqualTo(expected.service());
            assertThat(signal.unit()).isEqualTo(expected.unit());
            assertThat(signal.min()).isEqualTo(expected.min());
            assertThat(signal.max()).isEqualTo(expected.max());
            assertThat(signal.allowed()).isEqualTo(expected.allowedValues());
            assertThat(signal.access()).isEqualTo(expected.access());
            assertThat(signal.maxTravel()).as(expected.path()).isEqualTo(expected.maxTravel());
        }
        assertThat(REGISTRY.require("Vehicle.Cabin.Sunroof.Position").maxTravel()).hasSeconds(12);
        assertThat(REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature").maxTravel()).isZero();
        assertThat(REGISTRY.longestTravel()).hasSeconds(30);
    }

    @Test
    @DisplayName("every catalog signal lives in a field, and every read-write one has a setter")
    void signalsLiveInFields() {
        for (SignalDefinition signal : REGISTRY.all()) {
            assertThat(signal.field()).as(signal.path()).isNotNull();
            assertThat(signal.rootType()).as(signal.path()).isEqualTo(signal.field().type());
            assertThat(signal.notifier()).as(signal.path()).isEqualTo(signal.field().notifier());
            assertThat(signal.writable()).as(signal.path()).isEqualTo(signal.access() == Access.READ_WRITE);
        }
    }

    @Test
    @DisplayName("a nested signal is located through its parent message")
    void nestedLocation() {
        SignalDefinition setpoint = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature");
        assertThat(setpoint.location()).extracting(f -> f.getName()).containsExactly("setpoints", "row1_driver");
        assertThat(setpoint.field().name()).isEqualTo("Climate");
        assertThat(setpoint.type()).isEqualTo(SignalType.FLOAT);
        assertThat(REGISTRY.ofField(setpoint.service(), "Climate")).contains(setpoint).hasSize(12);
    }

    @Test
    @DisplayName("an unknown path is refused by name")
    void unknownPath() {
        assertThat(REGISTRY.find("Vehicle.Cabin.Teleporter")).isEmpty();
        assertThatThrownBy(() -> REGISTRY.require("Vehicle.Cabin.Teleporter"))
                .isInstanceOf(UnknownSignalException.class).hasMessageContaining("Vehicle.Cabin.Teleporter");
    }

    @Test
    @DisplayName("patterns select branches and wildcards in declaration order")
    void matching() {
        assertThat(REGISTRY.matching(SignalPattern.parse("Vehicle.Cabin.HVAC.Station")))
                .extracting(SignalDefinition::path).hasSize(7).allMatch(p -> p.startsWith("Vehicle.Cabin.HVAC.Station."));
        assertThat(REGISTRY.matching(SignalPattern.parse("Vehicle.Cabin.Door.*.*.Window.Position"))).hasSize(4);
        assertThat(REGISTRY.matching(SignalPattern.parse("**.IsLocked"))).hasSize(5);
    }
}
