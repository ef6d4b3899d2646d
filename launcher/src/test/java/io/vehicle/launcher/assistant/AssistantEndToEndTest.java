package io.vehicle.launcher.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.assistant.intent.SharedOfflineEngine;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.AssistantStep.StepCase;
import io.vehicle.idl.assistant.v1.Outcome;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.simulator.v1.Crash;
import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.FaultTarget;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with the offline engine: a driver's words over real gRPC to the node, the bridge's policy over
 * gRPC, SOME/IP to the simulator's ECUs, the ECU's confirmation, one short reply. Every value asserted after a
 * request is read from the simulator, never from the node or the bridge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssistantEndToEndTest {

    static final String DRIVER_TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String PASSENGER_TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature";
    static final String TRUNK = "Vehicle.Body.Trunk.Rear.IsOpen";
    static final String TRUNK_LOCK = "Vehicle.Body.Trunk.Rear.IsLocked";
    static final String DRIVER_WINDOW = "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position";
    static final String AC = "Vehicle.Cabin.HVAC.IsAirConditioningActive";
    static final String SPEED = "Vehicle.Speed";
    static final String GEAR = "Vehicle.Powertrain.Transmission.SelectedGear";
    static final String OUTSIDE_TEMPERATURE = "Vehicle.Exterior.AirTemperature";
    static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static AssistantCalls driver;
    private static int sessions;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.start(EmbeddedStack.Options.offline(TestPorts.sdPort(3), dir)
                .withQuestionTimeout(Duration.ofSeconds(2)), SharedOfflineEngine.get());
        driver = new AssistantCalls(stack.assistantPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Every test starts a new drive from the simulator's default car. */
    @BeforeEach
    void newDrive() {
        stack.clock().run();
        stack.simulator().clearFaults();
        stack.vehicle().reset();
    }

    static String session() {
        return "driver-" + (++sessions);
    }

    private static Object ecu(String path) {
        return stack.vehicle().read(List.of(path)).get(path);
    }

    private static void car(Map<String, Object> state) {
        stack.force(state, SETTLE);
    }

    private static Map<String, Object> parked(Object... pathsAndValues) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(SPEED, 0.0);
        state.put(GEAR, "PARK");
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            state.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return state;
    }

    private static Map<String, Object> driving(Object... pathsAndValues) {
        Map<String, Object> state = parked(pathsAndValues);
        state.put(SPEED, 50.0);
        state.put(GEAR, "DRIVE");
        return state;
    }

    /** The write was issued, the ECU confirmed it, and then came the reply. */
    private static void assertConfirmedWrite(AssistantCalls.Steps steps, String path) {
        assertThat(steps.kinds()).containsSubsequence(StepCase.WRITE_ISSUED, StepCase.WRITE_RESULT, StepCase.REPLY);
        assertThat(steps.of(StepCase.WRITE_RESULT).filter(s -> s.getWriteResult().getPath().equals(path)))
                .singleElement().satisfies(s -> assertThat(s.getWriteResult().getStatus())
                        .isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED));
    }

    /** The write was sent, the ECU answered it with the named error, and the reply is the expected sentence. */
    private static void assertRefusedByEcu(AssistantCalls.Steps steps, String path, String error, String reply) {
        assertThat(steps.of(StepCase.WRITE_RESULT).filter(s -> s.getWriteResult().getPath().equals(path)))
                .singleElement().satisfies(s -> {
                    assertThat(s.getWriteResult().getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_REJECTED_BY_ECU);
                    assertThat(s.getWriteResult().getEcuError().getReturnCodeName()).isEqualTo(error);
                });
        assertThat(steps.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_REFUSED);
        assertThat(steps.reply().getText()).isEqualTo(reply);
    }

    private static void assertNothingWritten(AssistantCalls.Steps steps) {
        assertThat(steps.kinds()).doesNotContain(StepCase.WRITE_ISSUED, StepCase.WRITE_RESULT);
    }

    @Test
    @Order(1)
    void feelingColdRaisesTheDriversSetpointAndTheReplySaysSoInTheDriversLanguage() throws Exception {
        Map<String, String> replies = Map.of("I'm a bit cold", "Driver side set to 23 °C.", "我有点冷",
                "驾驶侧温度已调到23°C。");
        for (Map.Entry<String, String> said : replies.entrySet()) {
            stack.vehicle().reset();
            car(parked(DRIVER_TEMPERATURE, 22.0));
            AssistantCalls.Steps steps = driver.ask(session(), said.getKey());
            AssistantStep understood = steps.of(StepCase.UNDERSTOOD).findFirst().orElseThrow();
            assertThat(understood.getUnderstood().getEngine()).isEqualTo("offline");
            assertThat(understood.getUnderstood().getActionsList()).singleElement()
                    .satisfies(a -> assertThat(a.getPath()).isEqualTo(DRIVER_TEMPERATURE));
            assertThat(steps.kinds()).containsExactly(StepCase.UNDERSTOOD, StepCase.DECISION,
                    StepCase.WRITE_ISSUED, StepCase.WRITE_RESULT, StepCase.REPLY);
            assertConfirmedWrite(steps, DRIVER_TEMPERATURE);
            assertThat(steps.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_DONE);
            assertThat(steps.reply().getText()).isEqualTo(said.getValue());
            assertThat(ecu(DRIVER_TEMPERATURE)).isEqualTo(23.0);
        }
    }

    @Test
    @Order(2)
    void aConversationKeepsItsSubject() throws Exception {
        car(parked(DRIVER_TEMPERATURE, 25.0, PASSENGER_TEMPERATURE, 25.0));
        String english = session();
        assertThat(driver.ask(english, "set the temperature to 22").reply().getOutcome())
                .isEqualTo(Outcome.OUTCOME_DONE);
        assertThat(driver.ask(english, "a bit warmer").reply().getText()).isEqualTo("Driver side set to 23 °C.");
        assertThat(ecu(DRIVER_TEMPERATURE)).isEqualTo(23.0);
        AssistantCalls.Steps other = driver.ask(english, "the other side too");
        assertConfirmedWrite(other, PASSENGER_TEMPERATURE);
        assertThat(ecu(PASSENGER_TEMPERATURE)).isEqualTo(23.0);

        String chinese = session();
        assertThat(driver.ask(chinese, "把温度调到24度").reply().getOutcome()).isEqualTo(Outcome.OUTCOME_DONE);
        AssistantCalls.Steps lower = driver.ask(chinese, "再低一点");
        assertConfirmedWrite(lower, DRIVER_TEMPERATURE);
        assertThat(lower.reply().getText()).isEqualTo("驾驶侧温度已调到23°C。");
        assertThat(ecu(DRIVER_TEMPERATURE)).isEqualTo(23.0);
    }

    @Test
    @Order(3)
    void severalCommandsInOneSentenceAreAllConfirmed() throws Exception {
        for (String said : List.of("close all windows and turn on the AC", "关窗并打开空调")) {
            stack.vehicle().reset();
            car(parked(DRIVER_WINDOW, 60.0, AC, false));
            AssistantCalls.Steps steps = driver.ask(session(), said);
            assertConfirmedWrite(steps, DRIVER_WINDOW);
            assertConfirmedWrite(steps, AC);
            assertThat(steps.reply().getOutcome()).as(said).isEqualTo(Outcome.OUTCOME_DONE);
            assertThat(ecu(DRIVER_WINDOW)).isEqualTo(0.0);
            assertThat(ecu(AC)).isEqualTo(true);
        }
    }

    @Test
    @Order(4)
    void theTrunkDoesNotOpenWhileDrivingAndTheReplySaysWhy() throws Exception {
        Map<String, String> replies = Map.of("open the trunk", "while driving", "打开后备箱", "行驶中不能打开后备箱");
        for (Map.Entry<String, String> said : replies.entrySet()) {
            car(driving(TRUNK, false));
            AssistantCalls.Steps steps = driver.ask(session(), said.getKey());
            assertThat(steps.of(StepCase.DECISION).findFirst().orElseThrow().getDecision().getActionsList())
                    .singleElement().satisfies(a -> {
                        assertThat(a.getPath()).isEqualTo(TRUNK);
                        assertThat(a.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_DENIED_BY_POLICY);
                        assertThat(a.getVerdict().getRuleId()).isEqualTo("trunk");
                    });
            assertNothingWritten(steps);
            assertThat(steps.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_REFUSED);
            assertThat(steps.reply().getText()).contains(said.getValue());
            assertThat(ecu(TRUNK)).isEqualTo(false);
        }
    }

    @Test
    @Order(5)
    void doorsStayLockedWhileMoving() throws Exception {
        Map<String, Object> locked = driving();
        List<String> doors = List.of("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked",
                "Vehicle.Cabin.Door.Row1.PassengerSide.IsLocked", "Vehicle.Cabin.Door.Row2.DriverSide.IsLocked",
                "Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked");
        doors.forEach(door -> locked.put(door, true));
        car(locked);
        AssistantCalls.Steps steps = driver.ask(session(), "unlock the doors");
        assertThat(steps.of(StepCase.DECISION).findFirst().orElseThrow().getDecision().getActionsList())
                .hasSize(4).allSatisfy(a -> assertThat(a.getStatus())
                        .isEqualTo(WriteStatus.WRITE_STATUS_DENIED_BY_POLICY));
        assertNothingWritten(steps);
        assertThat(steps.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_REFUSED);
        assertThat(steps.reply().getText()).contains("while driving");
        assertThat(stack.vehicle().read(doors).values()).containsOnly(true);
    }

    @Test
    @Order(6)
    void anOutOfRangeTemperatureIsRefusedWithTheRange() throws Exception {
        car(parked(DRIVER_TEMPERATURE, 22.0));
        AssistantCalls.Steps steps = driver.ask(session(), "set the temperature to 40");
        assertThat(ValueCodec.toPlain(steps.of(StepCase.UNDERSTOOD).findFirst().orElseThrow().getUnderstood()
                .getActions(0).getValue())).isEqualTo(40.0);
        assertNothingWritten(steps);
        assertThat(steps.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_REFUSED);
        assertThat(steps.reply().getText()).contains("16").contains("28");
        assertThat(ecu(DRIVER_TEMPERATURE)).isEqualTo(22.0);
    }

    @Test
    @Order(7)
    void theRateLimitStopsTheThirdWindowMoveWhileDriving() throws Exception {
        car(driving(DRIVER_WINDOW, 0.0));
        stack.clock().hold(); // the rule allows two writes in 5 s; no 5 s may pass however slow the machine
        try {
            String session = session();
            assertConfirmedWrite(driver.ask(session, "open the window a bit"), DRIVER_WINDOW);
            Object afterTwo;
            assertConfirmedWrite(driver.ask(session, "open the window a bit"), DRIVER_WINDOW);
            afterTwo = ecu(DRIVER_WINDOW);
            assertThat((Double) afterTwo).isGreaterThan(0.0);
            AssistantCalls.Steps third = driver.ask(session, "open the window a bit");
            assertThat(third.of(StepCase.DECISION).findFirst().orElseThrow().getDecision().getActions(0)
                    .getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_DENIED_BY_POLICY);
            assertNothingWritten(third);
            assertThat(third.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_REFUSED);
            assertThat(third.reply().getText()).containsIgnoringCase("too often");
            assertThat(ecu(DRIVER_WINDOW)).isEqualTo(afterTwo);
        } finally {
            stack.clock().run();
        }
    }

    /** Last but the audit: the crashed ECU takes a while to be found again after the fault is cleared. */
    @Test
    @Order(99)
    void aSpeedTheBridgeCannotConfirmAnyMoreRefusesAWindowAtStandstill() throws Exception {
        car(parked(DRIVER_WINDOW, 0.0));
        stack.simulator().trigger(Fault.newBuilder().setTarget(FaultTarget.newBuilder().setEcu("vehicle-gateway"))
                .setCrash(Crash.getDefaultInstance()).build(), Duration.ofMinutes(5));
        stack.clock().nextScenario(); // an hour on: the speed the bridge holds is stale and must be read again
        AssistantCalls.Steps steps = driver.ask(session(), "open the window");
        assertNothingWritten(steps);
        assertThat(steps.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_REFUSED);
        assertThat(ecu(DRIVER_WINDOW)).isEqualTo(0.0);
    }

    @Test
    @Order(9)
    void aHeldTrunkOpensOnlyOnAYesInTimeAndAnExpiredQuestionWritesNothing() throws Exception {
        car(parked(TRUNK, false, TRUNK_LOCK, false)); // a locked trunk stays shut: the ECU refuses
        String session = session();
        AssistantCalls.Steps asked = driver.ask(session, "open the trunk");
        assertNothingWritten(asked);
        assertThat(asked.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_NEEDS_CONFIRMATION);
        String question = asked.of(StepCase.QUESTION).findFirst().orElseThrow().getQuestion().getQuestionId();
        assertThat(ecu(TRUNK)).isEqualTo(false);
        AssistantCalls.Steps yes = driver.confirm(session, question, true);
        assertConfirmedWrite(yes, TRUNK);
        assertThat(ecu(TRUNK)).isEqualTo(true);

        stack.vehicle().reset();
        car(parked(TRUNK, false, TRUNK_LOCK, false));
        AssistantCalls.Steps unanswered = driver.ask(session, "打开后备箱", "late-yes");
        String late = unanswered.of(StepCase.QUESTION).findFirst().orElseThrow().getQuestion().getQuestionId();
        Await.until("the question to expire", Duration.ofSeconds(20), () -> auditSteps("late-yes")
                .contains("question_expired"));
        assertThat(driver.confirmFails(session, late)).isEqualTo(GrpcStatus.NOT_FOUND);
        assertThat(ecu(TRUNK)).isEqualTo(false);
    }

    @Test
    @Order(10)
    void vehicleAskPrintsTheStepsAndTheReplyAndAnswersAQuestionWithYes() throws Exception {
        car(parked(DRIVER_TEMPERATURE, 22.0, TRUNK, false, TRUNK_LOCK, false));
        String cold = ask("--session", "terminal-1", "我有点冷");
        assertThat(cold).contains("驾驶侧温度已调到23°C。");
        assertThat(ecu(DRIVER_TEMPERATURE)).isEqualTo(23.0);
        ask("--session", "terminal-2", "--yes", "open the trunk");
        assertThat(ecu(TRUNK)).isEqualTo(true);
    }

    @Test
    @Order(11)
    void aSuggestionFromTheBridgesValuesIsPerformedOnlyWhenAccepted() throws Exception {
        String session = session();
        // The stream is open before the situation arises; the node sees it through its subscription to the bridge.
        java.util.concurrent.CompletableFuture<io.vehicle.idl.assistant.v1.Suggestion> offered = driver.suggestion(
                session, "en", s -> s.getActionsList().stream().anyMatch(a -> a.getPath().equals(DRIVER_WINDOW)));
        car(parked(AC, true, DRIVER_TEMPERATURE, 20.0, "Vehicle.Cabin.HVAC.AmbientAirTemperature", 28.0,
                DRIVER_WINDOW, 50.0));
        io.vehicle.idl.assistant.v1.Suggestion suggestion = offered.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(suggestion.getText()).containsIgnoringCase("window");
        assertThat(ecu(DRIVER_WINDOW)).as("offered, not performed").isEqualTo(50.0);
        AssistantCalls.Steps accepted = driver.accept(session, suggestion.getSuggestionId(), true);
        assertConfirmedWrite(accepted, DRIVER_WINDOW);
        assertThat(accepted.reply().getOutcome()).isEqualTo(Outcome.OUTCOME_DONE);
        assertThat(ecu(DRIVER_WINDOW)).isEqualTo(0.0);
    }

    @Test
    @Order(12)
    void aLockedTrunkTheEcuRefusesToOpenIsExplainedInTheDriversLanguage() throws Exception {
        Map<String, String> replies = Map.of("open the trunk", "The trunk is locked, so it stayed closed.",
                "打开后备箱", "后备箱已上锁，未能打开。");
        for (Map.Entry<String, String> said : replies.entrySet()) {
            stack.vehicle().reset();
            // Parked, so the policy allows it after a yes; the door ECU itself refuses while the trunk is locked.
            car(parked(TRUNK, false, TRUNK_LOCK, true));
            String session = session();
            AssistantCalls.Steps asked = driver.ask(session, said.getKey());
            String question = asked.of(StepCase.QUESTION).findFirst().orElseThrow().getQuestion().getQuestionId();
            AssistantCalls.Steps yes = driver.confirm(session, question, true);
            assertRefusedByEcu(yes, TRUNK, "TRUNK_LOCKED", said.getValue());
            assertThat(ecu(TRUNK)).isEqualTo(false);
            assertThat(ecu(TRUNK_LOCK)).isEqualTo(true);
        }
    }

    @Test
    @Order(13)
    void anAcTheEcuCannotRunInTheColdIsExplainedInTheDriversLanguage() throws Exception {
        Map<String, String> replies = Map.of("turn on the AC", "It's too cold outside to run the A/C.",
                "打开空调", "车外温度太低，空调无法制冷。");
        for (Map.Entry<String, String> said : replies.entrySet()) {
            stack.vehicle().reset();
            car(parked(AC, false, OUTSIDE_TEMPERATURE, -5.0)); // below the compressor's minimum: the ECU refuses
            assertRefusedByEcu(driver.ask(session(), said.getKey()), AC, "AC_UNAVAILABLE", said.getValue());
            assertThat(ecu(AC)).isEqualTo(false);
        }
    }

    /** {@code vehicle ask ARGS} against the stack's node; returns what it printed. */
    private static String ask(String... args) {
        AskCommand command = new AskCommand();
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        command.out = new java.io.PrintStream(printed, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of("--node", "127.0.0.1:" + stack.assistantPort()));
        all.addAll(List.of(args));
        int exit = new picocli.CommandLine(command).execute(all.toArray(String[]::new));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        return text;
    }

    @Test
    @Order(100)
    void theAuditLogHasEveryStepOfEveryUtterance() throws Exception {
        AuditTrail.assertComplete(dir.resolve("assistant-audit.jsonl"), 19);
    }

    private static Set<String> auditSteps(String correlation) {
        try {
            return AuditTrail.steps(AuditTrail.byCorrelation(dir.resolve("assistant-audit.jsonl"))
                    .getOrDefault(correlation, List.of()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
