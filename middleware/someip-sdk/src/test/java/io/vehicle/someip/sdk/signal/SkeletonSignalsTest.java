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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    @DisplayName("two writers of two signals of one field, each through its own SkeletonSignals, lose no update")
    void concurrentWritersOfOneField() throws Exception {
        try (SomeIpNode node = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(TestPorts.sdPort(11), SdTimings.fast()))) {
            DescriptorSkeleton ecu = DescriptorSkeleton.builder(HVAC, SomeIpSerializer.shared()).handle(
                    "SetZoneTemperature", io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest.getDefaultInstance(),
                    r -> null).build(node);
            String driverFan = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
            String passengerFan = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed";
            // Only its writer changes a signal, so right after a write it must read back as written:
            // another writer's read-modify-write that read the field before and stored it after
            // would have put the old value back (a lost update).
            Callable<Integer> driver = writer(new SkeletonSignals(ecu, SignalRegistry.catalog()), driverFan);
            Callable<Integer> passenger = writer(new SkeletonSignals(ecu, SignalRegistry.catalog()), passengerFan);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> lost = threads.invokeAll(List.of(driver, passenger));
                assertThat(lost.get(0).get()).as("driver fan values lost").isZero();
                assertThat(lost.get(1).get()).as("passenger fan values lost").isZero();
            } finally {
                threads.shutdown();
            }
            ClimateSettings last = ecu.fieldValue("Climate", ClimateSettings.getDefaultInstance());
            assertThat(last.getRow1DriverFanSpeed()).isEqualTo(lastValue());
            assertThat(last.getRow1PassengerFanSpeed()).isEqualTo(lastValue());
        }
    }

    private static final int WRITES = 20_000;

    private static int lastValue() {
        return (WRITES - 1) % 101;
    }

    /** Writes the signal WRITES times (0..100 over and over); counts the writes it did not read back. */
    private static Callable<Integer> writer(SkeletonSignals signals, String path) {
        return () -> {
            int lost = 0;
            for (int i = 0; i < WRITES; i++) {
                long value = i % 101;
                signals.set(path, value);
                if (!Long.valueOf(value).equals(signals.get(path))) {
                    lost++;
                }
            }
            return lost;
        };
    }
}
