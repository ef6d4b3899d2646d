package io.vehicle.simulator.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.simulator.v1.ActiveFault;
import io.vehicle.simulator.EcuStatus;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.ecu.ApplicationErrors;
import io.vehicle.simulator.plant.SimulatedDuration;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.transport.TrafficTap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs a scenario against a fresh simulator: the ECUs of the configuration on a manual clock and a bench
 * consumer on a node of its own that reaches them through SOME/IP-SD, as a test bench would. The runner
 * steps the clock; conditions are read through SOME/IP after each step, so a run gives the same result
 * at any clock rate. Waits on SD availability follow the wire's real time: while one runs, the clock runs
 * no faster than real time.
 */
public final class ScenarioRunner {

    /**
     * @param base            the simulator configuration (addresses, ports, SD) the scenario's vehicle goes into
     * @param consumerAddress the bench consumer's unicast address
     * @param recorder        sees all traffic of the ECUs and the consumer (pcap), or null
     * @param progress        told of each step as it starts, or null
     */
    public record Options(SimulatorConfig base, String consumerAddress, TrafficTap recorder, Consumer<String> progress) {
    }

    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private volatile boolean stopRequested;

    public ScenarioRunner(Options options) {
        this.options = options;
    }

    /**
     * Stops the run in progress at its next plant step or scenario step, as on SIGTERM or Ctrl-C: it returns
     * its results so far with an error case that says it was interrupted, and closes its simulator (every ECU
     * sends StopOffer). Later runs stop at once.
     */
    public void stop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    private void checkStop() {
        if (stopRequested) {
            throw new Abort("interrupted");
        }
    }

    /** Why the run stops (a wait that timed out, a step that failed). */
    private static final class Abort extends RuntimeException {
        Abort(String message) {
            super(message);
        }
    }

    /** The state of one run. */
    private final class Run {
        final Scenario scenario;
        final Simulator simulator;
        final BenchConsumer consumer;
        final double rate;
        final List<ScenarioResult.Case> cases = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final Map<String, String> faultIds = new HashMap<>();
        final long realStart = System.nanoTime();
        final long stepNanos;
        long caseStart = System.nanoTime();
        long paceOrigin;
        long paceSimOrigin;

        Run(Scenario scenario, Simulator simulator, BenchConsumer consumer, double rate) {
            this.scenario = scenario;
            this.simulator = simulator;
            this.consumer = consumer;
            this.rate = rate;
            this.stepNanos = simulator.stepLength().toNanos();
            repace();
        }

        long now() {
            return simulator.now().toNanos();
        }

        void say(String format, Object... args) {
            String line = "[" + SimulatedDuration.format(now()) + "] " + String.format(format, args);
            log.add(line);
            if (options.progress() != null) {
                options.progress().accept(scenario.name() + " " + line);
            }
        }

        void pass(String name) {
            cases.add(new ScenarioResult.Case(name, now(), Duration.ofNanos(System.nanoTime() - caseStart), null, false));
            say("PASS %s", name);
        }

        void fail(String name, String failure, boolean error) {
            cases.add(new ScenarioResult.Case(name, now(), Duration.ofNanos(System.nanoTime() - caseStart), failure,
                    error));
            say("%s %s: %s", error ? "ERROR" : "FAIL", name, failure);
        }

        void repace() {
            paceOrigin = System.nanoTime();
            paceSimOrigin = now();
        }

        /** One plant step, then at most {@code rate} simulated seconds per real second. */
        void step(double maxRate) {
            checkStop();
            simulator.advance(Duration.ofNanos(stepNanos));
            double effective = Math.min(rate, maxRate);
            if (!Double.isInfinite(effective)) {
                long due = paceOrigin + (long) ((now() - paceSimOrigin) / effective);
                // pacing the simulation to real time is the product's behaviour here, not a synchronisation
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
        }

        void advanceTo(long target, double maxRate) {
            while (now() < target) {
                step(maxRate);
            }
        }
    }

    public ScenarioResult run(Scenario scenario, String source) {
        Instant started = Instant.now();
        SimulatorConfig config = configure(scenario);
        double rate = config.clock().factor();
        List<String> log = new ArrayList<>();
        try (Simulator simulator = Simulator.startManual(config)) {
            if (options.recorder() != null) {
                simulator.record(options.recorder());
            }
            NodeConfig consumerNode = NodeConfig.defaults().withUnicast(options.consumerAddress())
                    .withSd(config.sd().port(), config.sd().timings());
            try (BenchConsumer consumer = new BenchConsumer(consumerNode, SignalRegistry.catalog(), options.recorder())) {
                Run run = new Run(scenario, simulator, consumer, rate);
                try {
                    connect(run);
                    for (int i = 0; i < scenario.steps().size(); i++) {
                        checkStop();
                        execute(run, i + 1, scenario.steps().get(i));
                    }
                } catch (Abort e) {
                    if (stopRequested) {
                        run.fail("run to the end", "interrupted (SIGTERM or Ctrl-C) before the scenario ended", true);
                    }
                    run.say("scenario stopped: %s", e.getMessage());
                }
                log = run.log;
                return new ScenarioResult(scenario.name(), source, started,
                        Duration.ofNanos(System.nanoTime() - run.realStart), simulator.now(), run.cases, run.log);
            }
        } catch (RuntimeException e) {
            List<ScenarioResult.Case> broken = List.of(new ScenarioResult.Case("start the simulator", 0, Duration.ZERO,
                    e.toString(), true));
            return new ScenarioResult(scenario.name(), source, started, Duration.between(started, Instant.now()),
                    Duration.ZERO, broken, log);
        }
    }

    private SimulatorConfig configure(Scenario scenario) {
        SimulatorConfig base = options.base();
        Map<String, Object> initial = new java.util.LinkedHashMap<>(base.vehicle().initial());
        initial.putAll(scenario.initial());
        SimulatorConfig.Vehicle vehicle = new SimulatorConfig.Vehicle(initial, base.vehicle().parameters(),
                scenario.driveProfile() != null ? scenario.driveProfile() : base.vehicle().driveProfile());
        Scenario.Clock clock = scenario.clock();
        SimulatorConfig.Clock simulatorClock = new SimulatorConfig.Clock(
                clock == null || clock.rate() == null ? "max" : clock.rate(),
                clock == null || clock.stepMs() == null ? base.clock().stepMs() : clock.stepMs());
        return base.withVehicle(vehicle).withClock(simulatorClock)
                .withControl(new SimulatorConfig.Control(false, null, null));
    }

    /** Finds every offered service through SD and subscribes to their events, in real time. */
    private void connect(Run run) {
        List<String> services = new ArrayList<>();
        for (EcuStatus ecu : run.simulator.ecus()) {
            ecu.services().forEach(s -> services.add(s.name().substring(s.name().lastIndexOf('.') + 1)));
        }
        try {
            CompletableFuture.allOf(services.stream().map(s -> run.consumer.proxy(s).whenAvailable())
                    .toArray(CompletableFuture[]::new)).get(DISCOVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            CompletableFuture.allOf(run.consumer.subscribeEvents(services).toArray(CompletableFuture[]::new))
                    .get(DISCOVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            run.fail("find the ECUs through SD", "not every service of " + services + " was found and subscribed within "
                    + DISCOVERY_TIMEOUT.toSeconds() + " s: " + e, true);
            throw new Abort("ECUs not found");
        }
        run.say("bench found %d services through SD", services.size());
        run.repace();
    }

    private void execute(Run run, int number, Scenario.Step step) {
        run.caseStart = System.nanoTime();
        if (step.at() != null) {
            long at = SimulatedDuration.parse(step.at()).toNanos();
            if (at < run.now()) {
                run.fail(describe(number, step), "at " + step.at() + " is already past", true);
                throw new Abort("step " + number + " is in the past");
            }
            run.advanceTo(at, Double.POSITIVE_INFINITY);
        }
        String name = describe(number, step);
        run.say("step %d: %s", number, name);
        try {
            switch (step.action()) {
                case "set" -> stimulus(run, name, step, () -> run.consumer.write(step.set()), step.set().keySet()
                        .iterator().next());
                case "call" -> stimulus(run, name, step, () -> run.consumer.call(step.call().service(),
                        step.call().method(), JSON.writeValueAsString(step.call().body() == null ? Map.of()
                                : step.call().body())), null);
                case "force" -> {
                    var forced = run.simulator.force(step.force().path(), step.force().value(),
                            Boolean.TRUE.equals(step.force().hold()));
                    run.say("forced %s = %s%s", forced.path(), forced.value(), forced.held() ? " (held)" : "");
                }
                case "release" -> run.simulator.release(step.release());
                case "driveProfile" -> run.simulator.driveProfile(step.driveProfile());
                case "fault" -> fault(run, step.fault());
                case "clearFault" -> clearFault(run, step.clearFault());
                case "advance" -> run.advanceTo(run.now() + SimulatedDuration.parse(step.advance()).toNanos(),
                        Double.POSITIVE_INFINITY);
                case "wait" -> condition(run, name, step.waitFor(), true);
                case "expect" -> condition(run, name, step.expect(), false);
                case "expectEvent" -> event(run, name, step.expectEvent());
                default -> throw new IllegalStateException(step.action());
            }
        } catch (Abort e) {
            throw e;
        } catch (Exception e) {
            run.fail(name, "the step failed: " + e, true);
            throw new Abort("step " + number + " failed");
        }
    }

    @FunctionalInterface
    private interface Action {
        Object run() throws Exception;
    }

    /** A set or call through SOME/IP, with the refusal it must meet (expectError) if any. */
    private void stimulus(Run run, String name, Scenario.Step step, Action action, String path) throws Exception {
        String service = step.call() != null ? step.call().service()
                : SignalRegistry.catalog().require(path).service().descriptor().getName();
        String expected = step.expectError();
        try {
            Object answer = action.run();
            if (expected != null) {
                run.fail(name, "expected the ECU to refuse with " + expected + ", but it answered " + render(answer), false);
            } else if (answer == null) {
                run.say("sent (fire and forget: no answer expected)");
            } else {
                run.say("answered %s", render(answer));
            }
        } catch (SomeIpErrorException e) {
            String actual = errorName(service, e.returnCode());
            if (expected == null) {
                run.fail(name, "refused with " + actual + " (" + e.getMessage() + ")", true);
                throw new Abort("an unexpected refusal");
            } else if (expected.equals(actual)) {
                run.pass(name);
            } else {
                run.fail(name, "expected the refusal " + expected + ", actual " + actual + " (" + e.getMessage() + ")",
                        false);
            }
        }
    }

    private static String render(Object answer) {
        if (answer instanceof DynamicMessage message) {
            try {
                return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
            } catch (Exception e) {
                return message.toString();
            }
        }
        return String.valueOf(answer);
    }

    /** The IDL's name of an application error, or the SOME/IP return code's. */
    static String errorName(String service, int code) {
        ServiceBinding binding = ServiceBinding.of(VehicleCatalog.services().stream()
                .filter(s -> s.getName().equals(service)).findFirst().orElseThrow());
        var error = new ApplicationErrors(binding).byCode(code);
        if (error != null) {
            return error.getName();
        }
        var standard = io.vehicle.someip.wire.ReturnCode.fromValue(code);
        return standard != null ? standard.name() : String.format("0x%02X", code);
    }

    private void fault(Run run, Scenario.FaultStep step) {
        Duration duration = step.duration() == null ? Duration.ZERO : SimulatedDuration.parse(step.duration());
        ActiveFault active = run.simulator.trigger(ScenarioFaults.toFault(step), duration);
        if (step.id() != null) {
            run.faultIds.put(step.id(), active.getFaultId());
        }
        run.say("fault %s: %s", active.getFaultId(), step.kind());
    }

    private void clearFault(Run run, String id) {
        if (id.equals("all")) {
            run.say("cleared %s", run.simulator.clearFaults());
            return;
        }
        String faultId = run.faultIds.getOrDefault(id, id);
        run.say("cleared %s", run.simulator.clearFault(faultId));
    }

    /** A wait (stops the run when it fails) or an expectation (now, or within a deadline). */
    private void condition(Run run, String name, Scenario.Condition condition, boolean wait) {
        long deadline = condition.within() == null ? run.now()
                : run.now() + SimulatedDuration.parse(condition.within()).toNanos();
        double maxRate = condition.signal() == null ? 1.0 : Double.POSITIVE_INFINITY;
        if (maxRate < Double.POSITIVE_INFINITY) {
            run.repace();
        }
        while (true) {
            Object actual = actual(run, condition);
            if (holds(condition, actual)) {
                run.pass(name);
                return;
            }
            if (run.now() >= deadline) {
                String failure = "expected " + expectation(condition) + ", actual " + render(actual) + " at "
                        + SimulatedDuration.format(run.now());
                run.fail(name, failure, false);
                if (wait) {
                    throw new Abort("a wait timed out");
                }
                return;
            }
            run.step(maxRate);
        }
    }

    private static Object actual(Run run, Scenario.Condition condition) {
        if (condition.available() != null) {
            return run.consumer.available(condition.available()) ? "available" : "unavailable";
        }
        if (condition.unavailable() != null) {
            return run.consumer.available(condition.unavailable()) ? "available" : "unavailable";
        }
        long start = System.nanoTime();
        try {
            Object value = run.consumer.read(condition.signal());
            if (condition.latencyAtLeast() != null) {
                long latency = System.nanoTime() - start;
                if (latency < SimulatedDuration.parse(condition.latencyAtLeast()).toNanos()) {
                    return new Unreadable("answered " + render(value) + " after only "
                            + TimeUnit.NANOSECONDS.toMillis(latency) + " ms");
                }
                run.say("answered after %d ms", TimeUnit.NANOSECONDS.toMillis(latency));
            }
            return value;
        } catch (Exception e) {
            return new Unreadable(e.getMessage());
        }
    }

    /** A value that could not be read (the service is down, the call timed out). */
    private record Unreadable(String reason) {
        @Override
        public String toString() {
            return "no value (" + reason + ")";
        }
    }

    static boolean holds(Scenario.Condition condition, Object actual) {
        if (condition.available() != null) {
            return "available".equals(actual);
        }
        if (condition.unavailable() != null) {
            return "unavailable".equals(actual);
        }
        if (actual instanceof Unreadable) {
            return false;
        }
        if (condition.expected() != null) {
            Object expected = condition.expected();
            if (expected instanceof Number n && actual instanceof Number a) {
                double tolerance = condition.tolerance() == null ? 1e-3 : condition.tolerance();
                if (Math.abs(a.doubleValue() - n.doubleValue()) > tolerance) {
                    return false;
                }
            } else if (expected instanceof List<?> list && actual instanceof List<?> values) {
                if (list.size() != values.size()) {
                    return false;
                }
                for (int i = 0; i < list.size(); i++) {
                    if (((Number) list.get(i)).doubleValue() != ((Number) values.get(i)).doubleValue()) {
                        return false;
                    }
                }
            } else if (!Objects.equals(String.valueOf(expected), String.valueOf(actual))) {
                return false;
            }
        }
        if (condition.atLeast() != null && !(actual instanceof Number a && a.doubleValue() >= condition.atLeast())) {
            return false;
        }
        return condition.atMost() == null || actual instanceof Number a && a.doubleValue() <= condition.atMost();
    }

    static String expectation(Scenario.Condition condition) {
        if (condition.available() != null) {
            return condition.available() + " available";
        }
        if (condition.unavailable() != null) {
            return condition.unavailable() + " unavailable";
        }
        List<String> parts = new ArrayList<>();
        if (condition.expected() != null) {
            parts.add("= " + condition.expected() + (condition.tolerance() != null ? " ± " + condition.tolerance() : ""));
        }
        if (condition.atLeast() != null) {
            parts.add(">= " + condition.atLeast());
        }
        if (condition.atMost() != null) {
            parts.add("<= " + condition.atMost());
        }
        if (condition.latencyAtLeast() != null) {
            parts.add("answered after at least " + condition.latencyAtLeast());
        }
        return condition.signal() + " " + String.join(" and ", parts)
                + (condition.within() != null ? " within " + condition.within() : "");
    }

    /** An event the consumer must have received (after a round trip to its ECU, so none is in flight). */
    private void event(Run run, String name, Scenario.EventExpectation expectation) throws Exception {
        long deadline = run.now() + (expectation.within() == null ? 0
                : SimulatedDuration.parse(expectation.within()).toNanos());
        String expectedFields = expectation.fields() == null ? null : JSON.writeValueAsString(expectation.fields());
        while (true) {
            barrier(run, expectation.service());
            for (BenchConsumer.ReceivedEvent event : run.consumer.events()) {
                if (event.service().equals(expectation.service()) && event.event().equals(expectation.event())
                        && matches(event.payload(), expectedFields)) {
                    run.pass(name);
                    return;
                }
            }
            if (run.now() >= deadline) {
                List<String> seen = run.consumer.events().stream().filter(e -> e.service().equals(expectation.service()))
                        .map(e -> e.event() + " " + render(e.payload())).toList();
                run.fail(name, "expected event " + expectation.service() + "." + expectation.event()
                        + (expectedFields == null ? "" : " with " + expectedFields)
                        + (expectation.within() == null ? "" : " within " + expectation.within())
                        + ", actual events of the service: " + seen + " at " + SimulatedDuration.format(run.now()), false);
                return;
            }
            run.step(Double.POSITIVE_INFINITY);
        }
    }

    /** A getter round trip to the service's ECU: its answer leaves after every event sent before it. */
    private static void barrier(Run run, String service) {
        ServiceBinding binding = run.consumer.proxy(service).binding();
        String getter = binding.fields().values().iterator().next().getter().name();
        try {
            run.consumer.call(service, getter, "{}");
        } catch (Exception e) {
            // the service is down: nothing can be in flight from it either
        }
    }

    private static boolean matches(DynamicMessage payload, String expectedFields) throws Exception {
        if (expectedFields == null) {
            return true;
        }
        var actual = JSON.readTree(JsonFormat.printer().print(payload));
        var expected = JSON.readTree(expectedFields);
        for (var it = expected.fields(); it.hasNext(); ) {
            var field = it.next();
            var value = actual.get(field.getKey());
            if (value == null || !value.asText().equals(field.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(int number, Scenario.Step step) {
        if (step.name() != null) {
            return step.name();
        }
        return switch (step.action()) {
            case "set" -> "set " + step.set() + (step.expectError() != null ? " refused with " + step.expectError() : "");
            case "call" -> "call " + step.call().service() + "." + step.call().method()
                    + (step.expectError() != null ? " refused with " + step.expectError() : "");
            case "wait" -> "wait until " + expectation(step.waitFor());
            case "expect" -> "expect " + expectation(step.expect());
            case "expectEvent" -> "expect event " + step.expectEvent().service() + "." + step.expectEvent().event();
            case "fault" -> "fault " + step.fault().kind();
            default -> step.action() + " (step " + number + ")";
        };
    }
}
