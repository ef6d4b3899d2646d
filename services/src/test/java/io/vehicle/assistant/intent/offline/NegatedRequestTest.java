package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.SharedOfflineEngine;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Negated requests on the AI path, where doing nothing is the safe default: a denied request ("不要开空调", "don't
 * close the window") is never done and never reversed, in a clause of its own or beside a request that is done;
 * only words that say the driver no longer wants a switch on ("空调别开了", "don't keep the seat heater on")
 * switch it off.
 */
class NegatedRequestTest {

    private static final String AC = "Vehicle.Cabin.HVAC.IsAirConditioningActive";
    private static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    private static final String SEAT_HEATING = "Vehicle.Cabin.Seat.Row1.DriverSide.Heating";
    private static final String MUTE = "Vehicle.Cabin.Infotainment.Media.IsMuted";
    private static final String SUNROOF = "Vehicle.Cabin.Sunroof.Position";
    private static final String[] WINDOWS = {"Vehicle.Cabin.Door.Row1.DriverSide.Window.Position",
            "Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position",
            "Vehicle.Cabin.Door.Row2.DriverSide.Window.Position",
            "Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position"};

    /** Everything on and half open, so that both "on" and "off", "open" and "close" would be visible writes. */
    private static final VehicleState STATE = VehicleState.of(Map.ofEntries(Map.entry(AC, true),
            Map.entry(FAN, 40L), Map.entry(SEAT_HEATING, 30L), Map.entry(MUTE, false), Map.entry(SUNROOF, 50L),
            Map.entry(WINDOWS[0], 0L), Map.entry(WINDOWS[1], 0L), Map.entry(WINDOWS[2], 0L),
            Map.entry(WINDOWS[3], 0L), Map.entry("Vehicle.Speed", 0L)));

    private final OfflineIntentEngine engine = SharedOfflineEngine.get();

    private Understanding understand(String text) {
        return engine.understand(text, new Conversation(), STATE);
    }

    private void assertNothingDone(String text) {
        Understanding understanding = understand(text);
        assertThat(understanding.actions()).as(text).isEmpty();
        // The same outcome as any other clause with nothing to do ("don't turn on the AC" before this fix).
        assertThat(understanding.kind()).as(text).isEqualTo(Understanding.Kind.NOT_UNDERSTOOD);
    }

    private void assertDone(String text, Tuple... actions) {
        assertThat(understand(text).actions()).as(text).extracting(ProposedAction::path, ProposedAction::value)
                .containsExactly(actions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"不要开空调", "别开座椅加热", "不用开窗", "甭开空调", "不必打开天窗", "空调不要开",
            "不要把空调打开", "别启动座椅通风", "不开空调", "不需要开风扇", "不要开空调和风扇", "不要开空调和座椅加热"})
    void aChineseDeniedRequestToSwitchOnDoesNothing(String text) {
        // 不要开 was an "off" verb: 不要开空调 switched the A/C off.
        assertNothingDone(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't turn on the AC", "do not open the sunroof", "no need to start the seat heater",
            "never open the windows", "dont switch on the fan", "don't turn the seat heater on",
            "don't turn on the AC and the fan", "please don't turn on the air conditioning"})
    void anEnglishDeniedRequestToSwitchOnDoesNothing(String text) {
        assertNothingDone(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"不要关窗", "别关车窗", "不用关天窗", "别关了", "不要把空调关掉", "don't close the window",
            "do not shut the sunroof", "no need to close the windows", "don't turn off the AC", "never turn the fan off"})
    void aDeniedRequestToSwitchOffOrCloseDoesNothingEither(String text) {
        assertNothingDone(text);
    }

    @Test
    void wordsOfNoLongerWantingASwitchOnTurnItOff() {
        assertDone("空调别开了", tuple(AC, false));
        assertDone("不要开空调了", tuple(AC, false));
        assertDone("空调不用开着了", tuple(AC, false));
        assertDone("别再开座椅加热了", tuple(SEAT_HEATING, 0L));
        assertDone("风扇别开了", tuple(FAN, 0L));
        assertDone("音乐别开了", tuple(MUTE, true));   // the volume has no off of its own: mute
        assertDone("stop the AC", tuple(AC, false));
        assertDone("don't keep the seat heater on", tuple(SEAT_HEATING, 0L));
        assertDone("don't leave the AC on", tuple(AC, false));
        assertDone("do not keep the fan on", tuple(FAN, 0L));
    }

    @Test
    void stoppingWithoutADeviceStopsTheConversationsSubject() {
        Conversation conversation = new Conversation();
        assertThat(engine.understand("打开座椅加热", conversation, STATE).actions()).extracting(ProposedAction::path)
                .containsExactly(SEAT_HEATING);
        assertThat(engine.understand("别开了", conversation, STATE).actions())
                .extracting(ProposedAction::path, ProposedAction::value).containsExactly(tuple(SEAT_HEATING, 0L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"别开窗了", "车窗不用开着了", "don't leave the windows open", "don't keep the sunroof open"})
    void whatOpensAndClosesIsNotClosedByTheSameWords(String text) {
        // "别开窗了" may as well mean "don't open it after all": only a switch is surely stopped.
        assertNothingDone(text);
    }

    @Test
    void theRestOfASentenceWithADeniedRequestIsDone() {
        assertDone("不要开空调，把车窗打开一点", tuple(WINDOWS[0], 10L));
        assertDone("don't turn on the AC, just open the windows a little", tuple(WINDOWS[0], 10L),
                tuple(WINDOWS[1], 10L), tuple(WINDOWS[2], 10L), tuple(WINDOWS[3], 10L));
        assertDone("别开空调，打开座椅加热", tuple(SEAT_HEATING, 50L));
        assertDone("open the sunroof a bit but don't turn on the fan", tuple(SUNROOF, 60L));
        assertDone("空调别开了，把车窗打开一点", tuple(AC, false), tuple(WINDOWS[0], 10L));
        assertDone("don't close the window and turn off the AC", tuple(AC, false));
    }

    @Test
    void otherNegationsKeepTheirMeaning() {
        assertNothingDone("没那么冷");
        assertNothingDone("I'm not cold");
        assertDone("not so loud please", tuple("Vehicle.Cabin.Infotainment.Media.Volume", 30L));
        assertDone("不是天窗，是遮阳帘，打开", tuple("Vehicle.Cabin.Sunroof.Shade.Position", 100L));
        // A prohibition keeps someone else from doing it; the examples know the remedy.
        assertDone("别让小孩开门", tuple("Vehicle.Cabin.Door.Row2.DriverSide.IsChildLockActive", true),
                tuple("Vehicle.Cabin.Door.Row2.PassengerSide.IsChildLockActive", true));
    }
}
