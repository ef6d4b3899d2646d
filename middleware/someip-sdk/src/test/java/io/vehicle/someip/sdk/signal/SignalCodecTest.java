package io.vehicle.someip.sdk.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.vehicle.idl.hvac.v1.AirDistribution;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignalCodecTest {

    static final SignalRegistry REGISTRY = SignalRegistry.catalog();
    static final SignalDefinition DRIVER = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature");
    static final SignalDefinition PASSENGER = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature");
    static final SignalDefinition AIR = REGISTRY.require("Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution");
    static final SignalDefinition AC = REGISTRY.require("Vehicle.Cabin.HVAC.IsAirConditioningActive");

    static final ClimateSettings CLIMATE = ClimateSettings.newBuilder()
            .setSetpoints(ZoneSetpoints.newBuilder().setRow1Driver(21.5f).setRow1Passenger(20f))
            .setRow1DriverAirDistribution(AirDistribution.AIR_DISTRIBUTION_DOWN).setAirConditioning(true).build();

    @Test
    @DisplayName("reads nested, enum and boolean signals as plain values")
    void reads() {
        assertThat(SignalCodec.read(DRIVER, CLIMATE)).isEqualTo(21.5);
        assertThat(SignalCodec.read(AIR, CLIMATE)).isEqualTo("DOWN");
        assertThat(SignalCodec.read(AC, CLIMATE)).isEqualTo(true);
    }

    @Test
    @DisplayName("a write changes the one signal and keeps its siblings, in the message's own type")
    void writeKeepsSiblings() {
        ClimateSettings written = SignalCodec.write(DRIVER, CLIMATE, 23.0);
        assertThat(written.getSetpoints().getRow1Driver()).isEqualTo(23.0f);
        assertThat(written.getSetpoints().getRow1Passenger()).isEqualTo(20f);
        assertThat(written.getAirConditioning()).isTrue();
        assertThat(SignalCodec.write(AIR, CLIMATE, "UP").getRow1DriverAirDistribution())
                .isEqualTo(AirDistribution.AIR_DISTRIBUTION_UP);
    }

    @Test
    @DisplayName("DynamicMessage round trip for every catalog signal with a value inside its range")
    void everySignalRoundTripsOnDynamicMessages() {
        for (SignalDefinition signal : REGISTRY.all()) {
            Object value = sample(signal);
            Message root = DynamicMessage.getDefaultInstance(signal.rootType());
            Message written = SignalCodec.write(signal, root, value);
            assertThat(SignalCheck.value(signal, value)).as(signal.path()).isEmpty();
            assertThat(SignalCodec.read(signal, written)).as(signal.path()).isEqualTo(value);
        }
    }

    @Test
    @DisplayName("unsigned 32-bit values above 2^31 keep their unsigned value")
    void unsigned32() {
        SignalDefinition range = REGISTRY.require("Vehicle.Powertrain.Range");
        Message written = SignalCodec.write(range, DynamicMessage.getDefaultInstance(range.rootType()), 3_000_000_000L);
        assertThat(SignalCodec.read(range, written)).isEqualTo(3_000_000_000L);
    }

    /** A value inside the signal's range (or one of its allowed values) that differs from the default. */
    static Object sample(SignalDefinition signal) {
        Object one = switch (signal.type()) {
            case BOOLEAN -> true;
            case STRING -> signal.allowed().isEmpty() ? "Träumerei \"live\"" : signal.allowed().get(0);
            case ENUM -> signal.allowed().get(signal.allowed().size() - 1);
            case FLOAT, DOUBLE -> signal.max() != null ? (signal.min() + signal.max()) / 2 + 0.5 : 12.5;
            default -> signal.max() != null ? (long) ((signal.min() + signal.max()) / 2) + 1 : 7L;
        };
        return signal.array() ? List.of(one, one, one) : one;
    }
}
