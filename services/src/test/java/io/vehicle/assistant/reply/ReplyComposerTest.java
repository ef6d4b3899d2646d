package io.vehicle.assistant.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyComposerTest {

    private static final String DRIVER_TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    private static final String TRUNK = "Vehicle.Body.Trunk.Rear.IsOpen";
    private static final String AC = "Vehicle.Cabin.HVAC.IsAirConditioningActive";
    private static final List<String> WINDOWS = List.of("Vehicle.Cabin.Door.Row1.DriverSide.Window.Position",
            "Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position", "Vehicle.Cabin.Door.Row2.DriverSide.Window.Position",
            "Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position");

    private final ReplyComposer composer = ReplyComposer.load();

    private static Understanding proposed(Language language, List<ActionResult> results) {
        List<ProposedAction> actions = results.stream().map(r -> new ProposedAction(r.path(), r.value(), "test")).toList();
        return Understanding.actions(language, actions, "test");
    }

    private String reply(Language language, ActionResult... results) {
        return composer.compose(proposed(language, List.of(results)), List.of(results));
    }

    private static ActionResult[] windowsClosedAndAcOn() {
        List<ActionResult> results = new ArrayList<>();
        WINDOWS.forEach(w -> results.add(ActionResult.confirmed(w, 0L)));
        results.add(ActionResult.confirmed(AC, true));
        return results.toArray(ActionResult[]::new);
    }

    @Test
    void whatChangedInOneSentence() {
        assertThat(reply(Language.EN, ActionResult.confirmed(DRIVER_TEMPERATURE, 23.0)))
                .isEqualTo("Driver side set to 23 °C.");
        assertThat(reply(Language.ZH, ActionResult.confirmed(DRIVER_TEMPERATURE, 23.0))).isEqualTo("驾驶侧温度已调到23°C。");
        assertThat(reply(Language.EN, windowsClosedAndAcOn())).isEqualTo("Windows closed and A/C on.");
        assertThat(reply(Language.ZH, windowsClosedAndAcOn())).isEqualTo("车窗已关闭，空调已打开。");
        assertThat(reply(Language.EN, ActionResult.confirmed(WINDOWS.get(2), 100L),
                ActionResult.confirmed(WINDOWS.get(3), 100L))).isEqualTo("Rear windows opened.");
        assertThat(reply(Language.EN, ActionResult.confirmed(DRIVER_TEMPERATURE, 22.5))).contains("22.5 °C");
    }

    @Test
    void aConfirmationIsAskedBeforeAnythingElse() {
        assertThat(reply(Language.EN, ActionResult.of(TRUNK, true, ActionStatus.NEEDS_CONFIRMATION, "policy")))
                .isEqualTo("Open the trunk? Say yes to confirm.");
        assertThat(reply(Language.ZH, ActionResult.of(TRUNK, true, ActionStatus.NEEDS_CONFIRMATION, "policy")))
                .isEqualTo("确认打开后备箱吗？");
    }

    @Test
    void refusalsSayWhyInTheDriversLanguage() {
        assertThat(reply(Language.EN, ActionResult.outOfRange(DRIVER_TEMPERATURE, 35.0, 16, 28)))
                .isEqualTo("The temperature can only be set between 16 and 28 °C.");
        assertThat(reply(Language.ZH, ActionResult.outOfRange(DRIVER_TEMPERATURE, 35.0, 16, 28)))
                .isEqualTo("温度只能设在16到28°C之间。");
        assertThat(reply(Language.EN, ActionResult.denied(TRUNK, true, Denial.WHILE_DRIVING, "Vehicle.Speed < 3")))
                .isEqualTo("I can't open the trunk while driving.");
        assertThat(reply(Language.ZH, ActionResult.denied(TRUNK, true, Denial.WHILE_DRIVING, "Vehicle.Speed < 3")))
                .isEqualTo("行驶中不能打开后备箱。");
        assertThat(reply(Language.EN, ActionResult.of(AC, true, ActionStatus.REJECTED_BY_ECU, "0x05")))
                .isEqualTo("The A/C did not accept the change.");
        assertThat(reply(Language.EN, ActionResult.of(AC, true, ActionStatus.UNAVAILABLE, "no offer")))
                .isEqualTo("The A/C can't be changed right now because the climate control unit is not reachable.");
        assertThat(reply(Language.ZH, ActionResult.of(TRUNK, true, ActionStatus.UNAVAILABLE, "no offer")))
                .isEqualTo("车门控制器暂时无法连接，后备箱现在无法调节。");
        assertThat(reply(Language.EN, ActionResult.of(TRUNK, true, ActionStatus.TIMEOUT, "2 s")))
                .isEqualTo("The door control unit did not confirm the trunk in time.");
        assertThat(reply(Language.ZH, ActionResult.of(AC, true, ActionStatus.TIMEOUT, "2 s")))
                .isEqualTo("空调控制器未及时确认空调已调节。");
        assertThat(reply(Language.ZH, ActionResult.denied(AC, true, Denial.NOT_PERMITTED, "scope")))
                .isEqualTo("我没有权限打开空调。");
    }

    @Test
    void anEcusRefusalSaysItsReasonInTheDriversLanguage() {
        ActionResult locked = ActionResult.rejectedByEcu(TRUNK, true, new EcuRefusal("TRUNK_LOCKED",
                "The trunk does not open while it is locked (Vehicle.Body.Trunk.Rear.IsLocked)"), "the ECU refused");
        assertThat(reply(Language.EN, locked)).isEqualTo("The trunk is locked, so it stayed closed.");
        assertThat(reply(Language.ZH, locked)).isEqualTo("后备箱已上锁，未能打开。");
        ActionResult cold = ActionResult.rejectedByEcu(AC, true, new EcuRefusal("AC_UNAVAILABLE", "too cold"), "r");
        assertThat(reply(Language.EN, cold)).isEqualTo("It's too cold outside to run the A/C.");
        ActionResult unlock = ActionResult.rejectedByEcu("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked", false,
                new EcuRefusal("UNLOCK_WHILE_MOVING", "Doors do not unlock above the speed limit"), "r");
        assertThat(reply(Language.EN, unlock)).isEqualTo("The car is moving, so I can't unlock the doors.");
        assertThat(reply(Language.ZH, unlock)).isEqualTo("行驶中无法解锁车门。");
        // What changed comes first, the ECU's reason after it.
        List<ActionResult> results = new ArrayList<>(List.of(windowsClosedAndAcOn()));
        results.add(locked);
        assertThat(reply(Language.EN, results.toArray(ActionResult[]::new)))
                .isEqualTo("Windows closed and A/C on, but the trunk is locked, so it stayed closed.");
    }

    @Test
    void anErrorWithoutAPhraseIsToldByItsDescriptionAndNeverByItsCode() {
        ActionResult newer = ActionResult.rejectedByEcu(TRUNK, true, new EcuRefusal("LID_FROZEN",
                "The lid is frozen shut (Vehicle.Body.Trunk.Rear.IsOpen)."), "r");
        assertThat(reply(Language.EN, newer)).isEqualTo("The trunk did not accept the change: the lid is frozen shut.");
        assertThat(reply(Language.ZH, newer)).isEqualTo("后备箱没有接受这次调节（the lid is frozen shut）。");
        ActionResult undeclared = ActionResult.rejectedByEcu(TRUNK, true, new EcuRefusal(
                "service-specific error 0x5E", "service-specific error 0x5E: no"), "r");
        assertThat(reply(Language.EN, undeclared)).isEqualTo("The trunk did not accept the change.");
        assertThat(reply(Language.ZH, undeclared)).isEqualTo("后备箱没有接受这次调节。");
        ActionResult standard = ActionResult.rejectedByEcu(AC, true, new EcuRefusal("E_NOT_OK", "E_NOT_OK: x"), "r");
        assertThat(reply(Language.EN, standard)).isEqualTo("The A/C did not accept the change.");
        ActionResult booting = ActionResult.rejectedByEcu(AC, true, new EcuRefusal("E_NOT_READY", "booting"), "r");
        assertThat(reply(Language.EN, booting)).isEqualTo("The climate control unit is not ready yet, so the A/C wasn't changed.");
        assertThatThrownBy(() -> new ActionResult(AC, true, ActionStatus.TIMEOUT, null, null,
                new EcuRefusal("E_NOT_OK", ""), "")).hasMessageContaining("ECU error");
    }

    @Test
    void aPartialSuccessSaysBoth() {
        List<ActionResult> results = new ArrayList<>(List.of(windowsClosedAndAcOn()));
        results.add(ActionResult.denied(TRUNK, true, Denial.WHILE_DRIVING, "speed"));
        ActionResult[] all = results.toArray(ActionResult[]::new);
        assertThat(reply(Language.EN, all)).isEqualTo("Windows closed and A/C on, but I can't open the trunk while driving.");
        assertThat(reply(Language.ZH, all)).isEqualTo("车窗已关闭，空调已打开，但行驶中不能打开后备箱。");
    }

    @Test
    void questionsAndNotUnderstoodPassThrough() {
        assertThat(composer.compose(Understanding.notUnderstood(Language.EN, "t"), List.of()))
                .isEqualTo("I didn't understand.");
        assertThat(composer.compose(Understanding.notUnderstood(Language.ZH, "t"), List.of())).isEqualTo("抱歉，我没听懂。");
        assertThat(composer.compose(Understanding.clarify(Language.EN, "Do you mean the window or the sunroof?", "t"),
                List.of())).isEqualTo("Do you mean the window or the sunroof?");
    }

    @Test
    void missingResultsOrUnknownSignalsAreClearErrors() {
        Understanding understanding = Understanding.actions(Language.EN, List.of(new ProposedAction(AC, true, "r")), "t");
        assertThatThrownBy(() -> composer.compose(understanding, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no results");
        assertThatThrownBy(() -> composer.compose(understanding, List.of(ActionResult.confirmed("Vehicle.Warp", true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no reply phrases for Vehicle.Warp");
        assertThatThrownBy(() -> new ActionResult(AC, true, ActionStatus.DENIED_BY_POLICY, null, null, ""))
                .hasMessageContaining("denial");
    }

    @Test
    void everyWritableSignalHasAFinishedSentenceInBothLanguages() {
        for (Signal signal : VehicleCatalog.signals()) {
            if (!signal.writable() || signal.type().startsWith("repeated")) {
                continue;   // the ambient colour (RGB triple) is not proposed by any engine yet
            }
            Object value = signal.type().equals("bool") ? Boolean.TRUE
                    : !signal.allowedValues().isEmpty() ? signal.allowedValues().get(0)
                    : signal.type().contains("int") ? (Object) Math.round(signal.min()) : (Object) signal.min();
            for (Language language : Language.values()) {
                String done = reply(language, ActionResult.confirmed(signal.path(), value));
                String refused = reply(language, ActionResult.of(signal.path(), value, ActionStatus.TIMEOUT, "t"));
                String confirm = reply(language, ActionResult.of(signal.path(), value, ActionStatus.NEEDS_CONFIRMATION, "t"));
                for (String sentence : List.of(done, refused, confirm)) {
                    assertThat(sentence).as(signal.path()).doesNotContain("{").doesNotContain("null");
                    assertThat(sentence).as(signal.path()).matches(language == Language.EN ? "[A-Z].*[.?]$" : ".*[。？]$");
                }
            }
        }
    }
}
