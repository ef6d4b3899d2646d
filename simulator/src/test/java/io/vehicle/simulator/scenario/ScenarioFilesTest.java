package io.vehicle.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The committed scenarios, run from JUnit in-process (the CLI runs the same files in CI). */
class ScenarioFilesTest {

    static final Path SCENARIOS = Repository.path("simulator/scenarios");

    static ScenarioRunner runner() {
        SimulatorConfig base = SimulatorConfig.defaults().withSdPort(TestPorts.sdPort(1))
                .withSdTimings(SdTimings.fast()).withSomeipPort(0);
        return new ScenarioRunner(new ScenarioRunner.Options(base, "127.0.10.100", null, null));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    @DisplayName("every committed scenario passes")
    Stream<DynamicTest> scenariosPass() throws IOException {
        ScenarioRunner runner = runner();
        return files(SCENARIOS).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ScenarioResult result = runner.run(Scenario.load(file), file.toString());
            assertThat(result.cases()).as(String.join("\n", result.log())).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.failure()).as(c.name()).isNull());
        }));
    }

    @Test
    @DisplayName("a failing expectation reports the expectation, the actual value and the time, in JUnit XML too")
    void failureReport(@TempDir Path dir) throws Exception {
        Path file = SCENARIOS.resolve("must-fail/cabin-never-that-hot.yaml");
        ScenarioResult result = runner().run(Scenario.load(file), file.toString());
        assertThat(result.passed()).isFalse();
        ScenarioResult.Case failed = result.cases().get(0);
        assertThat(failed.name()).isEqualTo("the cabin is at 30 degrees after a minute");
        assertThat(failed.failure()).startsWith("expected Vehicle.Cabin.HVAC.AmbientAirTemperature = 30 ± 0.5, actual 21.")
                .endsWith(" at 00:01:00.000");
        assertThat(result.cases().get(1).passed()).isTrue();

        Path xml = dir.resolve("report.xml");
        JUnitXmlReport.write(List.of(result), xml);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("cabin-never-that-hot");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) document.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(failed.failure());
        assertThat(failure.getTextContent()).contains("simulated time: 00:01:00.000");
    }

    @Test
    @DisplayName("bad scenario files are refused with the step and the reason")
    void badFiles(@TempDir Path dir) throws Exception {
        Path twoActions = dir.resolve("two.yaml");
        Files.writeString(twoActions, "name: x\nsteps:\n  - {advance: 1s, release: Vehicle.Speed}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.load(twoActions))
                .hasMessageContaining("step 1").hasMessageContaining("exactly one");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "name: x\nsteps:\n  - {expect: {signal: Vehicle.Speed, equal: 0}}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.load(typo)).hasMessageContaining("equal");
        Path noDeadline = dir.resolve("wait.yaml");
        Files.writeString(noDeadline, "name: x\nsteps:\n  - {wait: {signal: Vehicle.Speed, equals: 0}}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.load(noDeadline))
                .hasMessageContaining("within");
    }
}
