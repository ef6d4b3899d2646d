package io.vehicle.assistant.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.kuksa.val.v2.Value;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    private static Signal signal(String path) {
        return VehicleCatalog.signals().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void eachCatalogTypeTravelsInItsKuksaCase() {
        assertThat(ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"), 22.5).getFloat())
                .isEqualTo(22.5f);
        assertThat(ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed"), 40L).getUint32())
                .isEqualTo(40);
        assertThat(ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed"), 40.0).getUint32())
                .isEqualTo(40);
        assertThat(ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.IsAirConditioningActive"), true).getBool()).isTrue();
        assertThat(ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution"), "UP")
                .getString()).isEqualTo("UP");
    }

    @Test
    void aValueThatDoesNotFitItsSignalIsRefused() {
        assertThatThrownBy(() -> ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed"), 40.5))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.IsAirConditioningActive"), "yes"))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> ValueCodec.toValue(signal("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"),
                Double.NaN)).hasMessageContaining("a number");
        assertThatThrownBy(() -> ValueCodec.toValue(signal("Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color"),
                1L)).hasMessageContaining("array");
    }

    @Test
    void wireValuesReadBackAsPlainNumbersWithoutFloatNoise() {
        assertThat(ValueCodec.toPlain(Value.newBuilder().setFloat(22.1f).build())).isEqualTo(22.1);
        assertThat(ValueCodec.toPlain(Value.newBuilder().setUint32(-1).build())).isEqualTo(4294967295.0);
        assertThat(ValueCodec.toPlain(Value.newBuilder().setBool(false).build())).isEqualTo(false);
        assertThat(ValueCodec.toPlain(Value.getDefaultInstance())).isNull();
        assertThat(ValueCodec.forJson(22.0)).isEqualTo(22L);
        assertThat(ValueCodec.forJson(22.5)).isEqualTo(22.5);
    }
}
