package io.vehicle.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a scenario run found: one case per expectation (and per failed step), the log, the times. */
public record ScenarioResult(String name, String source, Instant started, Duration real, Duration simulated,
                             List<Case> cases, List<String> log) {

    /**
     * One test case: an expectation, a wait, an expected refusal, or a step that broke the run.
     *
     * @param failure null when it passed; otherwise what was expected, the actual value and the time
     * @param error   the step itself failed (the run stopped there), rather than an expectation
     */
    public record Case(String name, long simulatedNanos, Duration real, String failure, boolean error) {
        public boolean passed() {
            return failure == null;
        }
    }

    public ScenarioResult {
        cases = List.copyOf(cases);
        log = List.copyOf(log);
    }

    public boolean passed() {
        return cases.stream().allMatch(Case::passed);
    }

    public long failures() {
        return cases.stream().filter(c -> !c.passed() && !c.error()).count();
    }

    public long errors() {
        return cases.stream().filter(Case::error).count();
    }
}
