package io.vehicle.simulator.ecu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An independent SOME/IP implementation (scapy) as the bench: it finds the climate ECU through SD,
 * subscribes, receives cabin temperatures that change as the plant moves, sets the climate field and sees
 * the change confirmed by the field's notifier.
 */
class ScapyBenchPeerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("scapy finds HvacService via SD, subscribes, sees the cabin cool, sets the fan, gets it confirmed")
    void scapyDrivesTheClimateEcu() throws Exception {
        ExternalTools.requireScapy();
        int sdPort = TestPorts.sdPort(11);
        SimulatorConfig config = SimulatorConfig.defaults().withSdPort(sdPort).withSdTimings(SdTimings.fast())
                .withSomeipPort(0).withClock(new SimulatorConfig.Clock("60", 100))
                .withControl(new SimulatorConfig.Control(false, null, null))
                .withVehicle(new SimulatorConfig.Vehicle(Map.of("Vehicle.Cabin.HVAC.AmbientAirTemperature", 30.0),
                        null, null));
        try (Simulator simulator = Simulator.start(config);
             ToolProcess scapy = ToolProcess.start(List.of(ExternalTools.PYTHON,
                     Repository.path("simulator/src/test/python/hvac_bench_peer.py").toString(), SdConfig.DEFAULT_GROUP,
                     Integer.toString(sdPort), "127.0.10.1", "127.0.10.110"), null)) {
            JsonNode offer = JSON.readTree(scapy.awaitStdout(l -> l.contains("\"offer\""), 30, "the offer"));
            assertThat(offer.get("offer").asText()).startsWith("127.0.10.1:");
            JsonNode acked = JSON.readTree(scapy.awaitStdout(l -> l.contains("\"acked\""), 30, "the acks"));
            assertThat(acked.get("acked").toString()).isEqualTo("[1,2]");
            JsonNode seen = JSON.readTree(scapy.awaitStdout(l -> l.contains("\"temperatures\""), 30, "temperatures"));
            List<Double> temperatures = new ArrayList<>();
            seen.get("temperatures").forEach(t -> temperatures.add(t.asDouble()));
            assertThat(temperatures).as("the cabin cools from 30 toward 21").allSatisfy(t -> assertThat(t).isBetween(21.0, 30.0));
            assertThat(temperatures).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(seen.get("fan").asInt()).isEqualTo(30);
            JsonNode set = JSON.readTree(scapy.awaitStdout(l -> l.contains("\"response\""), 30, "the response"));
            assertThat(set.get("response").asInt()).as("E_OK").isZero();
            assertThat(set.get("confirmed_fan").asInt()).isEqualTo(70);
            assertThat(scapy.awaitExit(30)).as(scapy.transcript()).isZero();
            assertThat(simulator.value("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed").value()).isEqualTo(70L);
        }
    }
}
