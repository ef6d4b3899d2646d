package io.vehicle.launcher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.launcher.tools.node.NodeProcess;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The committed scenarios through the real command line, as CI and a bench run them: {@code vehicle
 * simulator run} in a JVM of its own, its exit code, its JUnit XML and its pcap.
 */
class SimulatorCliScenariosTest {

    static final Path SCENARIOS = Repository.path("simulator/scenarios");

    static ToolProcess vehicle(String... args) throws Exception {
        List<String> command = new ArrayList<>(NodeProcess.javaCommand());
        command.addAll(List.of(args));
        return ToolProcess.start(command, null);
    }

    static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    @DisplayName("vehicle simulator run: every committed scenario passes, one JUnit test case per expectation, a pcap")
    void committedScenariosPass(@TempDir Path dir) throws Exception {
        ExternalTools.requireTshark();
        Path junit = dir.resolve("scenarios.xml");
        Path pcap = dir.resolve("scenarios.pcap");
        int sdPort = TestPorts.sdPort(4);
        int someipPort = TestPorts.sdPort(2); // one known port, so that tshark can be told it is SOME/IP
        int exit;
        try (ToolProcess run = vehicle("simulator", "run", SCENARIOS.toString(), "--junit", junit.toString(),
                "--pcap", pcap.toString(), "--sd-port", Integer.toString(sdPort), "--someip-port",
                Integer.toString(someipPort), "--fast-sd", "--quiet")) {
            exit = run.awaitExit(600);
            assertThat(exit).as(run.transcript()).isZero();
            assertThat(run.remainingStdout(10)).contains("all scenarios passed");
        }
        Document report = xml(junit);
        NodeList suites = report.getElementsByTagName("testsuite");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            names.add(suite.getAttribute("name"));
            assertThat(suite.getAttribute("failures")).as(suite.getAttribute("name")).isEqualTo("0");
            assertThat(suite.getAttribute("errors")).as(suite.getAttribute("name")).isEqualTo("0");
            assertThat(Integer.parseInt(suite.getAttribute("tests"))).as(suite.getAttribute("name")).isPositive();
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(12).contains("hvac-warms-cabin", "seats-heating-and-position",
                "windows-and-sunroof", "doors-and-trunk", "lights-and-mirrors", "infotainment-media", "drive-cycle",
                "windshield-defrost", "fault-crash-and-restart", "fault-stop-offer", "fault-packet-loss", "fault-delay",
                "fault-malformed-burst", "fault-sensor-freeze", "fault-clock-skew");
        assertThat(report.getElementsByTagName("testcase").getLength()).isGreaterThanOrEqualTo(90);
        assertThat(report.getElementsByTagName("failure").getLength()).isZero();
        assertThat(Files.size(pcap)).as("pcap of the whole run").isGreaterThan(100_000);

        // tshark decodes the pcap: SOME/IP and SD, nothing malformed or flagged but the deliberate burst
        List<String> decode = List.of("tshark", "-r", pcap.toString(), "-d", "udp.port==" + sdPort + ",someip",
                "-d", "udp.port==" + someipPort + ",someip", "-d", "tcp.port==" + someipPort + ",someip");
        List<String> flagged = tshark(decode, "-Y", "_ws.malformed || _ws.expert.severity >= warning", "-T", "fields",
                "-e", "udp.payload", "-e", "frame.number", "-e", "_ws.expert.message");
        assertThat(flagged).as("the malformed burst of fault-malformed-burst is flagged").isNotEmpty();
        assertThat(flagged).as("only frames with the burst's marker service id 0x5E1F")
                .allSatisfy(line -> assertThat(line).startsWith("5e1f"));
        List<String> services = tshark(decode, "-Y", "someip && !someipsd", "-T", "fields", "-e", "someip.serviceid");
        assertThat(services.stream().flatMap(l -> List.of(l.split(",")).stream()).distinct())
                .as("SOME/IP of every catalog service").contains("0x1001", "0x1002", "0x1003", "0x1004", "0x1005",
                        "0x1006", "0x1007", "0x1008", "0x1009");
        assertThat(tshark(decode, "-Y", "someipsd.entry.type == 0x01", "-T", "fields", "-e", "frame.number"))
                .as("SD offers").isNotEmpty();
    }

    static List<String> tshark(List<String> decode, String... query) throws Exception {
        List<String> command = new ArrayList<>(decode);
        command.addAll(List.of(query));
        return ExternalTools.run(command).lines().toList();
    }

    @Test
    @DisplayName("vehicle simulator run: a failing scenario exits 1; its JUnit failure says expectation, actual value, time")
    void failingScenario(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("fail.xml");
        try (ToolProcess run = vehicle("simulator", "run", SCENARIOS.resolve("must-fail").toString(), "--junit",
                junit.toString(), "--sd-port", Integer.toString(TestPorts.sdPort(5)), "--someip-port", "0",
                "--fast-sd")) {
            assertThat(run.awaitExit(120)).as(run.transcript()).isEqualTo(1);
            assertThat(run.remainingStdout(10)).contains("some scenarios failed");
        }
        Document report = xml(junit);
        Element failure = (Element) report.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .startsWith("expected Vehicle.Cabin.HVAC.AmbientAirTemperature = 30 ± 0.5, actual 21.")
                .endsWith("at 00:01:00.000");
        assertThat(((Element) failure.getParentNode()).getAttribute("name"))
                .isEqualTo("the cabin is at 30 degrees after a minute");
        assertThat(failure.getTextContent()).contains("simulated time: 00:01:00.000");
    }

    @Test
    @DisplayName("vehicle simulator run: a bad scenario file exits 2 with the reason")
    void badFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nsteps:\n  - {frobnicate: 1}\n");
        try (ToolProcess run = vehicle("simulator", "run", bad.toString())) {
            assertThat(run.awaitExit(60)).isEqualTo(2);
            assertThat(run.awaitStderr(l -> l.contains("frobnicate"), 10, "the unknown key in the error")).isNotNull();
        }
    }

    @Test
    @DisplayName("vehicle simulator as a process, driven by the Python bench example through its control API")
    void pythonBenchExampleDrivesTheCommand(@TempDir Path stubs) throws Exception {
        ExternalTools.requirePythonGrpc();
        ExternalTools.run(List.of(ExternalTools.PYTHON, "-m", "grpc_tools.protoc",
                "-I" + Repository.path("idl/src/main/proto"), "--python_out=" + stubs, "--grpc_python_out=" + stubs,
                "vehicle/simulator/v1/simulator_control.proto", "kuksa/val/v2/types.proto"));
        int sdPort = TestPorts.sdPort(11);
        try (SomeIpNode bench = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.123")
                .withSd(sdPort, SdTimings.fast()));
             ToolProcess simulator = SimulatorCommandTest.withControl(sdPort)) {
            Map<Integer, BlockingQueue<String>> seen = SimulatorCommandTest.watch(bench);
            String control = SimulatorCommandTest.controlAddress(simulator);
            String port = control.substring(control.lastIndexOf(':') + 1);
            assertThat(seen.get(0x1007).poll(20, TimeUnit.SECONDS)).isEqualTo("up 127.0.10.4");
            List<String> command = List.of(ExternalTools.PYTHON,
                    Repository.path("simulator/examples/python/bench_example.py").toString(), "--port", port);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", stubs.toString());
            Process python = builder.start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output.lines().toList()).contains(
                    "ecu climate-ecu 127.0.10.1 ECU_STATE_RUNNING HvacService",
                    "forced Vehicle.Exterior.AirTemperature = -7.5 held=True",
                    "frozen=True infotainment offered=False",
                    "cleared fault-1,fault-2; frozen=False held=False infotainment offered=True",
                    "bench example done");
            // the example's StopOffer and its clearing really reached the wire
            assertThat(seen.get(0x1007).poll(10, TimeUnit.SECONDS)).isEqualTo("down STOP_OFFER");
            assertThat(seen.get(0x1007).poll(10, TimeUnit.SECONDS)).isEqualTo("up 127.0.10.4");
        }
    }

    @Test
    @DisplayName("vehicle simulator run, SIGTERM mid-scenario: StopOffer on the wire and in the pcap, partial JUnit XML")
    void sigtermMidRun(@TempDir Path dir) throws Exception {
        ExternalTools.requireTshark();
        Path scenario = dir.resolve("long-drive.yaml");
        Files.writeString(scenario, """
                name: long-drive
                clock: {rate: 1}
                steps:
                  - name: the cabin starts at 22
                    expect: {signal: Vehicle.Cabin.HVAC.AmbientAirTemperature, equals: 22}
                  - advance: 10m
                  - expect: {signal: Vehicle.Speed, equals: 0}
                """);
        Path junit = dir.resolve("partial.xml");
        Path pcap = dir.resolve("partial.pcap");
        int sdPort = TestPorts.sdPort(1);
        try (SomeIpNode bench = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.124")
                .withSd(sdPort, SdTimings.fast()));
             ToolProcess run = vehicle("simulator", "run", scenario.toString(), "--junit", junit.toString(), "--pcap",
                     pcap.toString(), "--sd-port", Integer.toString(sdPort), "--someip-port", "0", "--fast-sd")) {
            Map<Integer, BlockingQueue<String>> seen = SimulatorCommandTest.watch(bench);
            run.awaitStdout(l -> l.contains("PASS the cabin starts at 22"), 60, "the first expectation");
            run.awaitStdout(l -> l.contains("step 2:"), 10, "the ten simulated minutes at real time");
            assertThat(seen.get(0x1001).poll(20, TimeUnit.SECONDS)).isEqualTo("up 127.0.10.1");
            run.process().toHandle().destroy(); // SIGTERM
            assertThat(run.awaitExit(60)).as("128 + SIGTERM, after the shutdown hook ran").isEqualTo(143);
            assertThat(seen.get(0x1001).poll(10, TimeUnit.SECONDS)).as("the ECUs withdrew their offers")
                    .isEqualTo("down STOP_OFFER");
            assertThat(run.remainingStdout(10)).contains("interrupted after 1 of 1 scenarios");
        }
        Document report = xml(junit);
        NodeList cases = report.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("the cabin starts at 22");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()
                + ((Element) cases.item(0)).getElementsByTagName("error").getLength()).isZero();
        Element interrupted = (Element) cases.item(1);
        assertThat(interrupted.getAttribute("name")).isEqualTo("run to the end");
        assertThat(((Element) interrupted.getElementsByTagName("error").item(0)).getAttribute("message"))
                .contains("interrupted");
        List<String> stopOffers = tshark(List.of("tshark", "-r", pcap.toString(), "-d", "udp.port==" + sdPort
                + ",someip"), "-Y", "someipsd.entry.type == 0x01 && someipsd.entry.ttl == 0 && ip.src == 127.0.10.1",
                "-T", "fields", "-e", "someipsd.entry.serviceid");
        assertThat(String.join(",", stopOffers)).as("the climate ECU's StopOffer, flushed into the pcap")
                .contains("0x1001");
    }
}
