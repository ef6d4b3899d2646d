package io.vehicle.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.fixture.MutableClock;
import io.vehicle.bridge.policy.PolicyEngine.Proposal;
import io.vehicle.bridge.policy.Verdict.Check;
import io.vehicle.bridge.policy.Verdict.Decision;
import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.LiveValuesFeeder;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every rule type of the write policy, judged on live values fed as the ECUs would report them and a
 * clock the test moves: writers, range and allowed values, step, rate limits per signal and per writer,
 * preconditions with and/or, freshness (missing and stale data), confirmation, default deny, and which
 * rule a refusal cites.
 */
class PolicyEngineTest {

    static final SignalRegistry CATALOG = SignalRegistry.catalog();
    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String PASSENGER = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature";
    static final String WINDOW = "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position";
    static final String LOCK = "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked";
    static final String TRUNK = "Vehicle.Body.Trunk.Rear.IsOpen";
    static final String SPEED = "Vehicle.Speed";
    static final String GEAR = "Vehicle.Powertrain.Transmission.SelectedGear";
    static final String VOLUME = "Vehicle.Cabin.Infotainment.Media.Volume";

    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    LiveValues values = new LiveValues(CATALOG, clock);
    LiveValuesFeeder ecus = new LiveValuesFeeder(values);
    PolicyEngine engine;

    @BeforeEach
    void policy() {
        use("""
                defaults:
                  maxDataAgeMs: 1000
                rules:
                  - id: setpoints
                    signals: [Vehicle.Cabin.HVAC.Station.*.*.Temperature]
                    writers: ["*"]
                    range: {min: 18, max: 26}
                    maxStep: 3
                    rateLimit: {maxWrites: 2, perSeconds: 10}
                    clientRateLimit: {maxWrites: 3, perSeconds: 60}
                  - id: windows-standstill
                    signals: [Vehicle.Cabin.Door.*.*.Window.Position]
                    writers: ["*"]
                    preconditions: ["Vehicle.Speed < 3"]
                  - id: windows-driving
                    signals: [Vehicle.Cabin.Door.*.*.Window.Position]
                    writers: ["*"]
                    maxStep: 25
                  - id: lock
                    signals: [Vehicle.Cabin.Door.*.*.IsLocked]
                    writers: ["*"]
                    allowed: ["true"]
                  - id: unlock
                    signals: [Vehicle.Cabin.Door.*.*.IsLocked]
                    writers: [driver-app]
                    allowed: ["false"]
                    preconditions: ["Vehicle.Speed < 3 or Vehicle.Powertrain.Transmission.SelectedGear == PARK"]
                    maxDataAgeMs: 500
                  - id: trunk
                    signals: [Vehicle.Body.Trunk.Rear.IsOpen]
                    writers: ["*"]
                    preconditions: ["Vehicle.Speed < 1 and Vehicle.Powertrain.Transmission.SelectedGear == PARK"]
                    needsConfirmation: true
                """);
        ecus.report(DRIVER, 21.0);
        ecus.report(PASSENGER, 21.0);
        ecus.report(WINDOW, 0L);
        ecus.report(SPEED, 0.0);
        ecus.report(GEAR, "PARK");
    }

    void use(String yaml) {
        Policy policy = new PolicyFile(CATALOG, 1000).parse(yaml, "test");
        engine = new PolicyEngine(() -> policy, values);
    }

    Verdict judge(String writer, String path, Object value) {
        return engine.judge(writer, List.of(proposal(path, value)), false, true).get(0);
    }

    static Proposal proposal(String path, Object value) {
        return new Proposal(CATALOG.require(path), value);
    }

    @Test
    @DisplayName("default deny: a writable signal no rule covers is refused with NO_RULE")
    void defaultDeny() {
        Verdict verdict = judge("anyone", VOLUME, 10L);
        assertThat(verdict.decision()).isEqualTo(Decision.DENY);
        assertThat(verdict.check()).isEqualTo(Check.NO_RULE);
        assertThat(verdict.reason()).contains(VOLUME).contains("default deny");
    }

    @Test
    @DisplayName("writers: rules that cover the signal but not this writer refuse with WRITER")
    void writers() {
        ecus.report(SPEED, 50.0);
        ecus.report(GEAR, "DRIVE");
        Verdict verdict = judge("assistant", LOCK, false);
        // "lock" covers it for everyone but does not admit false; "unlock" admits false only for driver-app.
        assertThat(verdict.check()).isEqualTo(Check.RANGE);
        assertThat(verdict.ruleId()).isEqualTo("lock");
        assertThat(judge("driver-app", LOCK, false).check()).isEqualTo(Check.PRECONDITION);
        use("""
                rules:
                  - id: only-bench
                    signals: [Vehicle.Cabin.HVAC]
                    writers: [bench]
                """);
        Verdict other = judge("assistant", DRIVER, 22.0);
        assertThat(other.check()).isEqualTo(Check.WRITER);
        assertThat(other.reason()).contains("only-bench").contains("assistant");
        assertThat(judge("bench", DRIVER, 22.0).allowed()).isTrue();
    }

    @Test
    @DisplayName("range and allowed values of the rule, narrower than the catalog's")
    void range() {
        Verdict high = judge("a", DRIVER, 27.0);
        assertThat(high.check()).isEqualTo(Check.RANGE);
        assertThat(high.reason()).contains("27").contains("18..26");
        assertThat(judge("a", LOCK, true).allowed()).isTrue();
    }

    @Test
    @DisplayName("step: at most maxStep away from the current value the ECU reported")
    void step() {
        Verdict jump = judge("a", DRIVER, 25.0);
        assertThat(jump.check()).isEqualTo(Check.STEP);
        assertThat(jump.reason()).contains("4").contains("21").contains("3");
        assertThat(judge("a", DRIVER, 24.0).allowed()).isTrue();
    }

    @Test
    @DisplayName("rate limit per signal: the third write within 10 s is refused; the bucket refills with time")
    void rateLimitPerSignal() {
        assertThat(judge("a", DRIVER, 22.0).allowed()).isTrue();
        assertThat(judge("b", DRIVER, 22.0).allowed()).isTrue();
        Verdict third = judge("c", DRIVER, 22.0);
        assertThat(third.check()).isEqualTo(Check.RATE_LIMIT);
        assertThat(third.reason()).contains("2 per 10 s");
        assertThat(judge("c", PASSENGER, 22.0).allowed()).as("another signal has its own bucket").isTrue();
        clock.advance(Duration.ofSeconds(5));
        ecus.report(DRIVER, 22.0);
        assertThat(judge("c", DRIVER, 22.0).allowed()).as("one write refilled after 5 s").isTrue();
        assertThat(judge("c", DRIVER, 22.0).check()).isEqualTo(Check.RATE_LIMIT);
    }

    @Test
    @DisplayName("rate limit per writer across the rule's signals; other writers are not affected")
    void rateLimitPerWriter() {
        use("""
                rules:
                  - id: setpoints
                    signals: [Vehicle.Cabin.HVAC.Station.*.*.Temperature]
                    writers: ["*"]
                    clientRateLimit: {maxWrites: 3, perSeconds: 60}
                """);
        assertThat(judge("app", DRIVER, 22.0).allowed()).isTrue();
        assertThat(judge("app", PASSENGER, 22.0).allowed()).isTrue();
        assertThat(judge("app", "Vehicle.Cabin.HVAC.Station.Row2.Driver.Temperature", 22.0).allowed()).isTrue();
        Verdict fourth = judge("app", "Vehicle.Cabin.HVAC.Station.Row2.Passenger.Temperature", 22.0);
        assertThat(fourth.check()).isEqualTo(Check.RATE_LIMIT);
        assertThat(fourth.reason()).contains("writer 'app'");
        assertThat(judge("assistant", DRIVER, 22.0).allowed()).isTrue();
    }

    @Test
    @DisplayName("a dry run and a refused batch take no rate-limit tokens; an allowed batch takes them all")
    void rateLimitsOnlyForWritesCarriedOut() {
        for (int i = 0; i < 5; i++) {
            assertThat(engine.judge("a", List.of(proposal(DRIVER, 22.0)), false, false).get(0).allowed()).isTrue();
        }
        List<Verdict> refused = engine.judge("a", List.of(proposal(DRIVER, 22.0), proposal(PASSENGER, 40.0)), false,
                true);
        assertThat(refused.get(0).allowed()).isTrue();
        assertThat(refused.get(1).check()).isEqualTo(Check.RANGE);
        List<Verdict> both = engine.judge("a", List.of(proposal(DRIVER, 22.0), proposal(PASSENGER, 22.0)), false, true);
        assertThat(both).allMatch(Verdict::allowed);
        assertThat(judge("a", DRIVER, 22.0).allowed()).isTrue();
        assertThat(judge("a", DRIVER, 22.0).check()).isEqualTo(Check.RATE_LIMIT);
    }

    @Test
    @DisplayName("within one batch two writes to one signal count twice against its bucket")
    void batchCountsEveryWrite() {
        List<Verdict> verdicts = engine.judge("a", List.of(proposal(DRIVER, 22.0), proposal(DRIVER, 22.5),
                proposal(DRIVER, 23.0)), false, true);
        assertThat(verdicts).extracting(Verdict::check).containsExactly(Check.NONE, Check.NONE, Check.RATE_LIMIT);
    }

    @Test
    @DisplayName("preconditions with and / or, on live values; the refusal names the values it saw")
    void preconditions() {
        ecus.report(SPEED, 42.0);
        ecus.report(GEAR, "DRIVE");
        Verdict verdict = judge("driver-app", LOCK, false);
        assertThat(verdict.check()).isEqualTo(Check.PRECONDITION);
        assertThat(verdict.reason()).contains("Vehicle.Speed is 42 km/h").contains("DRIVE")
                .contains("Vehicle.Speed < 3 or Vehicle.Powertrain.Transmission.SelectedGear == PARK");
        ecus.report(GEAR, "PARK");
        assertThat(judge("driver-app", LOCK, false).allowed()).as("or: PARK is enough").isTrue();
        ecus.report(SPEED, 0.5);
        ecus.report(GEAR, "DRIVE");
        assertThat(judge("a", TRUNK, true).check()).as("and: both must hold").isEqualTo(Check.PRECONDITION);
    }

    @Test
    @DisplayName("the closest rule answers: a big window step while driving is refused for its step, not the speed")
    void closestRuleAnswers() {
        ecus.report(SPEED, 80.0);
        Verdict big = judge("a", WINDOW, 60L);
        assertThat(big.ruleId()).isEqualTo("windows-driving");
        assertThat(big.check()).isEqualTo(Check.STEP);
        Verdict small = judge("a", WINDOW, 20L);
        assertThat(small.allowed()).isTrue();
        assertThat(small.ruleId()).isEqualTo("windows-driving");
        ecus.report(SPEED, 0.0);
        assertThat(judge("a", WINDOW, 100L).ruleId()).isEqualTo("windows-standstill");
    }

    @Test
    @DisplayName("freshness: missing data denies, data older than the rule allows denies, fresh data passes")
    void freshness() {
        ecus.down(SPEED);
        Verdict missing = judge("driver-app", LOCK, false);
        assertThat(missing.check()).isEqualTo(Check.FRESHNESS);
        assertThat(missing.reason()).contains("Vehicle.Speed has no current value").contains("ECU gone");

        ecus.report(SPEED, 0.0);
        ecus.report(GEAR, "PARK");
        clock.advance(Duration.ofMillis(700));
        Verdict stale = judge("driver-app", LOCK, false);
        assertThat(stale.check()).isEqualTo(Check.FRESHNESS);
        assertThat(stale.reason()).contains("0.7 s ago").contains("at most 0.5 s");
        ecus.report(SPEED, 0.0);
        ecus.report(GEAR, "PARK"); // the ECU confirms the same values again: fresh
        assertThat(judge("driver-app", LOCK, false).allowed()).isTrue();
    }

    @Test
    @DisplayName("the current value a step is measured from must be fresh too")
    void stepNeedsFreshCurrentValue() {
        clock.advance(Duration.ofSeconds(2));
        ecus.report(SPEED, 0.0);
        Verdict verdict = judge("a", DRIVER, 22.0);
        assertThat(verdict.check()).isEqualTo(Check.FRESHNESS);
        assertThat(verdict.reason()).contains(DRIVER);
        assertThat(engine.dataNeeded("a", List.of(proposal(DRIVER, 22.0))))
                .containsKey(CATALOG.require(DRIVER));
    }

    @Test
    @DisplayName("needs confirmation: NEEDS_CONFIRMATION without it, allowed with it")
    void confirmation() {
        Verdict unconfirmed = judge("a", TRUNK, true);
        assertThat(unconfirmed.decision()).isEqualTo(Decision.NEEDS_CONFIRMATION);
        assertThat(unconfirmed.check()).isEqualTo(Check.CONFIRMATION);
        assertThat(unconfirmed.confirmationRequired()).isTrue();
        Verdict confirmed = engine.judge("a", List.of(proposal(TRUNK, true)), true, true).get(0);
        assertThat(confirmed.allowed()).isTrue();
        assertThat(confirmed.confirmationRequired()).isTrue();
    }

    @Test
    @DisplayName("methods of the vehicle services: default deny, then the rule's writers, preconditions and rate")
    void methods() {
        String method = "vehicle.hvac.v1.HvacService/SetZoneTemperature";
        assertThat(engine.judgeMethod("a", method, false, true).check()).isEqualTo(Check.NO_RULE);
        use("""
                rules:
                  - id: zone
                    methods: [vehicle.hvac.v1.HvacService/*]
                    writers: [bench]
                    preconditions: ["Vehicle.Speed < 1"]
                    rateLimit: {maxWrites: 1, perSeconds: 60}
                """);
        assertThat(engine.judgeMethod("a", method, false, true).check()).isEqualTo(Check.WRITER);
        assertThat(engine.judgeMethod("bench", method, false, true).allowed()).isTrue();
        assertThat(engine.judgeMethod("bench", method, false, true).check()).isEqualTo(Check.RATE_LIMIT);
        ecus.report(SPEED, 5.0);
        assertThat(engine.judgeMethod("bench", method, false, true).check()).isEqualTo(Check.PRECONDITION);
    }
}
