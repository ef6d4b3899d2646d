package io.vehicle.launcher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.launcher.tools.node.NodeProcess;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Path junit = dir.resolve("scenarios.xml");
        Path pcap = dir.resolve("scenarios.pcap");
        int exit;
        try (ToolProcess run = vehicle("simulator", "run", SCENARIOS.toString(), "--junit", junit.toString(),
                "--pcap", pcap.toString(), "--sd-port", Integer.toString(TestPorts.sdPort(4)), "--someip-port", "0",
                "--fast-sd", "--quiet")) {
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
}
