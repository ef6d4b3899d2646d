package io.vehicle.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's Python bench example (simulator/examples/python) against a running simulator's control
 * API: stubs generated from idl/ with Debian's grpc_tools into a temporary directory, grpcio over real
 * HTTP/2. It forces a value, injects faults, clears them, and checks each step itself.
 */
class PythonBenchExampleTest {

    static final Path PROTO = Repository.path("idl/src/main/proto");
    static final Path EXAMPLE = Repository.path("simulator/examples/python/bench_example.py");

    @Test
    @DisplayName("bench_example.py: force a value, inject a sensor freeze and a StopOffer, clear them")
    void pythonBenchDrivesTheSimulator(@TempDir Path stubs) throws Exception {
        ExternalTools.requirePythonGrpc();
        ExternalTools.run(List.of(ExternalTools.PYTHON, "-m", "grpc_tools.protoc", "-I" + PROTO,
                "--python_out=" + stubs, "--grpc_python_out=" + stubs, "vehicle/simulator/v1/simulator_control.proto",
                "kuksa/val/v2/types.proto"));
        SimulatorConfig config = SimulatorConfig.defaults().withSdPort(TestPorts.sdPort(8))
                .withSdTimings(SdTimings.fast()).withSomeipPort(0).withClock(new SimulatorConfig.Clock("10", 100));
        try (Simulator simulator = Simulator.start(config);
             ControlServer control = ControlServer.start(simulator, "127.0.0.1", 0)) {
            ProcessBuilder builder = new ProcessBuilder(ExternalTools.PYTHON, EXAMPLE.toString(), "--port",
                    Integer.toString(control.port())).redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", stubs.toString());
            Process python = builder.start();
            String output = new String(python.getInputStream().readAllBytes());
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output.lines().toList()).contains(
                    "ecu body-ecu 127.0.10.3 ECU_STATE_RUNNING WindowService,DoorService,LightService,MirrorService,"
                            + "WindshieldService",
                    "ecu climate-ecu 127.0.10.1 ECU_STATE_RUNNING HvacService",
                    "forced Vehicle.Exterior.AirTemperature = -7.5 held=True",
                    "faults fault-1 fault-2",
                    "frozen=True infotainment offered=False",
                    "refused NOT_FOUND unknown signal Vehicle.Nope",
                    "cleared fault-1,fault-2; frozen=False held=False infotainment offered=True",
                    "bench example done");
            // the faults really went away in the simulator, not only in the example's view
            assertThat(simulator.activeFaults()).isEmpty();
            assertThat(simulator.value("Vehicle.Exterior.AirTemperature").held()).isFalse();
        }
    }
}
