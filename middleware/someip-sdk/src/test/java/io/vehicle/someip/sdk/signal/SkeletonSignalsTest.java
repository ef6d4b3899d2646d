package io.vehicle.someip.sdk.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.testing.TestPorts;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A provider sets the signals of its own fields by path; the IDL still bounds the values. */
class SkeletonSignalsTest {

    static final ServiceBinding HVAC = ServiceBinding.of(ClimateSettings.getDescriptor().getFile()
            .findServiceByName("HvacService"));

    @Test
    @DisplayName("set and get by path, several signals of one field at once, read-only ones too")
    void setAndGet() {
        try (SomeIpNode node = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(TestPorts.sdPort(11), SdTimings.fast()))) {
            DescriptorSkeleton ecu = DescriptorSkeleton.builder(HVAC, SomeIpSerializer.shared()).handle(
                    "SetZoneTemperature", io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest.getDefaultInstance(),
                    r -> null).build(node);
            SkeletonSignals signals = new SkeletonSignals(ecu, SignalRegistry.catalog());
            signals.setAll(Map.of("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", 19.5,
                    "Vehicle.Cabin.HVAC.IsAirConditioningActive", true,
                    "Vehicle.Cabin.HVAC.AmbientAirTemperature", 31.0));
            assertThat(signals.get("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature")).isEqualTo(19.5);
            assertThat(signals.get("Vehicle.Cabin.HVAC.AmbientAirTemperature")).isEqualTo(31.0);
            ClimateSettings climate = ecu.fieldValue("Climate", ClimateSettings.getDefaultInstance());
            assertThat(climate.getAirConditioning()).isTrue();
            assertThat(climate.getSetpoints().getRow1Driver()).isEqualTo(19.5f);
            assertThat(signals.signals()).hasSize(13);

            assertThatThrownBy(() -> signals.setAll(Map.of("Vehicle.Cabin.HVAC.IsAirConditioningActive", false,
                    "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", 99.0)))
                    .isInstanceOf(SignalValueException.class).hasMessageContaining("99 is outside 16..28 celsius");
            assertThat(signals.get("Vehicle.Cabin.HVAC.IsAirConditioningActive")).as("nothing written").isEqualTo(true);
            assertThatThrownBy(() -> signals.set("Vehicle.Speed", 10.0)).isInstanceOf(UnknownSignalException.class)
                    .hasMessageContaining("not in a field of vehicle.hvac.v1.HvacService");
        }
    }
}
