package io.vehicle.launcher.simulator;

import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.pcap.PcapRecorder;
import io.vehicle.simulator.scenario.JUnitXmlReport;
import io.vehicle.simulator.scenario.Scenario;
import io.vehicle.simulator.scenario.ScenarioResult;
import io.vehicle.simulator.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vehicle simulator run}: scenarios against a fresh simulator each, with JUnit XML and pcap. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs scenario files (or every .yaml in a directory), each against a fresh simulator.",
                "A SOME/IP bench consumer drives each one. Exits 1 when an expectation fails, 2 on a bad file."})
public final class ScenarioRunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files or directories.")
    List<Path> scenarios;

    @Mixin
    SimulatorOptions simulator = new SimulatorOptions();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the results as JUnit XML.")
    Path junit;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Record all SOME/IP and SD traffic of the run.")
    Path pcap;

    @Option(names = "--bench-address", defaultValue = "127.0.10.100",
            description = "Unicast address of the bench consumer (default ${DEFAULT-VALUE}).")
    String benchAddress;

    @Option(names = {"-q", "--quiet"}, description = "Print only the results, not each step.")
    boolean quiet;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>();
        List<Scenario> loaded = new ArrayList<>();
        try {
            for (Path path : scenarios) {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> list = Files.list(path)) {
                        list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                                .forEach(files::add);
                    }
                } else {
                    files.add(path);
                }
            }
            for (Path file : files) {
                loaded.add(Scenario.load(file));
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("simulator run: " + e.getMessage());
            return 2;
        }
        SimulatorConfig base = simulator.config();
        List<ScenarioResult> results = new ArrayList<>();
        try (PcapRecorder recorder = pcap == null ? null : new PcapRecorder(pcap)) {
            if (recorder != null) {
                base.ecus().forEach(e -> recorder.own(e.unicast()));
                recorder.own(benchAddress);
            }
            ScenarioRunner runner = new ScenarioRunner(new ScenarioRunner.Options(base, benchAddress, recorder,
                    quiet ? null : line -> {
                        out.println(line);
                        out.flush();
                    }));
            for (int i = 0; i < loaded.size(); i++) {
                Scenario scenario = loaded.get(i);
                out.printf("scenario %d/%d: %s (%s)%n", i + 1, loaded.size(), scenario.name(), files.get(i));
                ScenarioResult result = runner.run(scenario, files.get(i).toString());
                results.add(result);
                out.printf("%s %s: %d expectations, %d failed, %d errors, %.1f s real for %s simulated%n",
                        result.passed() ? "PASSED" : "FAILED", scenario.name(), result.cases().size(), result.failures(),
                        result.errors(), result.real().toMillis() / 1000.0,
                        io.vehicle.simulator.plant.SimulatedDuration.format(result.simulated().toNanos()));
                result.cases().stream().filter(c -> !c.passed())
                        .forEach(c -> out.printf("  %s: %s%n", c.name(), c.failure()));
                out.flush();
            }
        }
        if (junit != null) {
            JUnitXmlReport.write(results, junit);
            out.println("JUnit XML: " + junit);
        }
        if (pcap != null) {
            out.println("pcap: " + pcap);
        }
        boolean passed = results.stream().allMatch(ScenarioResult::passed);
        out.println(passed ? "all scenarios passed" : "some scenarios failed");
        return passed ? 0 : 1;
    }
}
