package io.vehicle.api.hvac.v1;

import io.vehicle.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.DefrostCompleted;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sd.SdTimings;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The generated HVAC skeleton and proxy talking over real SD, UDP and TCP on two loopback addresses. */
class HvacTypedInProcessTest {

    /** A climate ECU: zone setpoints clamp to the signal range, the setter refuses fan speeds over 100. */
    static final class ClimateEcu extends HvacServiceSkeleton {
        ClimateEcu(SomeIpNode node) {
            super(node);
        }

        @Override
        protected CompletionStage<SetZoneTemperatureResponse> setZoneTemperature(SetZoneTemperatureRequest request) {
            ClimateSettings current = climate();
            ZoneSetpoints.Builder setpoints = current.getSetpoints().toBuilder();
            float celsius = Math.max(16, Math.min(28, request.getCelsius()));
            if (request.getZone() == Zone.ZONE_ROW1_DRIVER) {
                setpoints.setRow1Driver(celsius);
            } else {
                setpoints.setRow1Passenger(celsius);
            }
            updateClimate(current.toBuilder().setSetpoints(setpoints).build());
            return CompletableFuture.completedFuture(
                    SetZoneTemperatureResponse.newBuilder().setSetpoints(setpoints).build());
        }

        @Override
        protected CompletionStage<ClimateSettings> onSetClimate(ClimateSettings requested) {
            if (requested.getRow1DriverFanSpeed() > 100) {
                return CompletableFuture.failedFuture(new SomeIpErrorException(0x20, "fan speed over 100 %"));
            }
            return CompletableFuture.completedFuture(requested);
        }
    }

    @Test
    @DisplayName("typed proxy and skeleton: method, field set/get, notifier, event, error")
    void typedRoundTrip() throws Exception {
        int port = TestPorts.sdPort(3);
        NodeConfig base = NodeConfig.defaults();
        try (SomeIpNode ecuNode = SomeIpNode.start(base.withUnicast("127.0.0.1").withSd(port, SdTimings.fast()));
             SomeIpNode cockpit = SomeIpNode.start(base.withUnicast("127.0.0.2").withSd(port, SdTimings.fast()))) {
            ClimateEcu ecu = new ClimateEcu(ecuNode);
            ecu.updateClimate(ClimateSettings.newBuilder().setSetpoints(ZoneSetpoints.newBuilder()
                    .setRow1Driver(21.5f).setRow1Passenger(21.5f).setRow2Driver(21).setRow2Passenger(21))
                    .setRow1DriverFanSpeed(40).setAutoMode(true).build());
            ecu.offer();

            HvacServiceProxy hvac = new HvacServiceProxy(cockpit);
            BlockingQueue<ClimateSettings> climate = new LinkedBlockingQueue<>();
            BlockingQueue<DefrostCompleted> defrost = new LinkedBlockingQueue<>();
            hvac.subscribeClimateChanged(climate::add);
            hvac.subscribeDefrostFinished(defrost::add);
            hvac.whenAvailable().get(10, TimeUnit.SECONDS);

            assertThat(climate.poll(10, TimeUnit.SECONDS).getSetpoints().getRow1Driver()).isEqualTo(21.5f);
            SetZoneTemperatureResponse answer = hvac.setZoneTemperature(SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(23).build()).get(5, TimeUnit.SECONDS);
            assertThat(answer.getSetpoints().getRow1Driver()).isEqualTo(23f);
            assertThat(climate.poll(10, TimeUnit.SECONDS).getSetpoints().getRow1Driver()).isEqualTo(23f);
            assertThat(hvac.getClimate().get(5, TimeUnit.SECONDS).getSetpoints().getRow1Driver()).isEqualTo(23f);

            ClimateSettings wanted = hvac.getClimate().get(5, TimeUnit.SECONDS).toBuilder()
                    .setRecirculation(true).build();
            assertThat(hvac.setClimate(wanted).get(5, TimeUnit.SECONDS).getRecirculation()).isTrue();
            assertThat(climate.poll(10, TimeUnit.SECONDS).getRecirculation()).isTrue();
            // 150 fits the UINT8 wire width but the ECU refuses it with a service-specific error.
            assertThatThrownBy(() -> hvac.setClimate(wanted.toBuilder().setRow1DriverFanSpeed(150).build())
                    .get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("0x20");

            ecu.publishDefrostFinished(DefrostCompleted.newBuilder().setFront(true).setDurationS(95).build());
            assertThat(defrost.poll(10, TimeUnit.SECONDS).getDurationS()).isEqualTo(95);
            ecu.close();
        }
    }
}
