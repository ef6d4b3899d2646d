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
                .isEqualTo("The A/C is not available right now.");
        assertThat(reply(Language.ZH, ActionResult.of(AC, true, ActionStatus.TIMEOUT, "2 s")))
                .isEqualTo("空调没有及时响应。");
        assertThat(reply(Language.ZH, ActionResult.denied(AC, true, Denial.NOT_PERMITTED, "scope")))
                .isEqualTo("我没有权限打开空调。");
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
