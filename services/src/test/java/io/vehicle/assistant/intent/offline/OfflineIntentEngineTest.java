package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.SharedOfflineEngine;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine end to end: off-topic input, asking back, conversations, language, and bad input. */
class OfflineIntentEngineTest {

    private static final String DRIVER_TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    private static final String PASSENGER_TEMPERATURE = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature";

    private final OfflineIntentEngine engine = SharedOfflineEngine.get();

    private Understanding understand(String text) {
        return engine.understand(text, new Conversation(), VehicleState.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"what's the weather in Paris", "tell me a joke", "asdf qwer", "帮我订机票",
            "navigate to the airport", "今天天气怎么样", "is the trunk open", "后备箱开着吗", "what is the cabin temperature",
            "open the door", "打开车门", "turn on the high beams", "打开远光灯", "shift into drive"})
    void offTopicNonsenseAndForbiddenTargetsAreNotUnderstood(String text) {
        assertThat(understand(text).kind()).as(text).isEqualTo(Understanding.Kind.NOT_UNDERSTOOD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't open the windows", "do not unlock the doors", "I'm not cold", "it isn't hot",
            "not the sunroof", "no need to open the trunk", "我不冷", "一点都不热", "不是天窗", "不要关窗",
            "close everything except the sunroof", "除了天窗都关上", "I'm neither hot nor cold"})
    void aNegatedRequestIsNeitherDoneNorReversed(String text) {
        // Embeddings put "open" and "don't open" side by side: without the rule the windows opened.
        assertThat(understand(text).kind()).as(text).isEqualTo(Understanding.Kind.NOT_UNDERSTOOD);
    }

    @Test
    void notSoMuchOfAStateAsksForLessOfIt() {
        assertThat(understand("not so loud please").actions()).extracting(ProposedAction::path, ProposedAction::value)
                .containsExactly(tuple("Vehicle.Cabin.Infotainment.Media.Volume", 30L));
        assertThat(understand("别那么吵").actions()).extracting(ProposedAction::path, ProposedAction::value)
                .containsExactly(tuple("Vehicle.Cabin.Infotainment.Media.Volume", 30L));
        assertThat(understand("没那么冷").kind()).isEqualTo(Understanding.Kind.NOT_UNDERSTOOD);
        // The constraint beside a request is left out; the request is done.
        assertThat(understand("warmer, but not too hot").actions()).extracting(ProposedAction::path, ProposedAction::value)
                .containsExactly(tuple(DRIVER_TEMPERATURE, 23.0));
    }

    @Test
    void aProhibitionTheExamplesKnowHasItsRemedy() {
        assertThat(understand("别让小孩自己开门").actions()).extracting(ProposedAction::path).containsExactly(
                "Vehicle.Cabin.Door.Row2.DriverSide.IsChildLockActive",
                "Vehicle.Cabin.Door.Row2.PassengerSide.IsChildLockActive");
        // A denied request of one's own ("不用开空调") has none: see NegatedRequestTest.
    }

    @Test
    void aCorrectionLendsNothingToTheRestOfTheSentence() {
        assertThat(understand("not the sunroof, open the sunshade").actions()).extracting(ProposedAction::path)
                .containsExactly("Vehicle.Cabin.Sunroof.Shade.Position");
        assertThat(understand("不是天窗，是遮阳帘，打开").actions()).extracting(ProposedAction::path)
                .containsExactly("Vehicle.Cabin.Sunroof.Shade.Position");
        // 不 inside a word the lexicon does not know is no negation.
        assertThat(understand("热得受不了").actions()).extracting(ProposedAction::path)
                .containsExactly(DRIVER_TEMPERATURE);
    }

    @Test
    void onBeforeAZoneSaysWhereNotWhat() {
        assertThat(understand("a bit cooler on the passenger side").actions())
                .extracting(ProposedAction::path, ProposedAction::value)
                .containsExactly(tuple(PASSENGER_TEMPERATURE, 21.0));
        assertThat(understand("seat heater on the passenger side").actions())
                .extracting(ProposedAction::path, ProposedAction::value)
                .containsExactly(tuple("Vehicle.Cabin.Seat.Row1.PassengerSide.Heating", 50L));
    }

    @Test
    void darknessWithoutADeviceLightsTheCabinWithOneItsDevice() {
        for (String text : new String[] {"it's pitch dark in here", "车里太暗了"}) {
            assertThat(understand(text).actions()).as(text).extracting(ProposedAction::path, ProposedAction::value)
                    .containsExactly(tuple("Vehicle.Cabin.Light.IsDomeOn", true));
        }
        for (String text : new String[] {"the screen is too dark", "屏幕太暗了", "brighter", "too bright"}) {
            assertThat(understand(text).actions()).as(text).extracting(ProposedAction::path)
                    .containsExactly("Vehicle.Cabin.Infotainment.HMI.Brightness");
        }
    }

    @Test
    void wordFamiliesOfTheLexicon() {
        VehicleState closed = VehicleState.of(Map.of("Vehicle.Cabin.Door.Row1.DriverSide.Window.Position", 0));
        for (String text : new String[] {"主驾车窗开条小缝", "车窗开个缝", "车窗开道缝"}) {
            assertThat(engine.understand(text, new Conversation(), closed).actions()).as(text)
                    .extracting(ProposedAction::path, ProposedAction::value)
                    .containsExactly(tuple("Vehicle.Cabin.Door.Row1.DriverSide.Window.Position", 10L));
        }
        for (String text : new String[] {"风吹到脚下", "往脚下吹", "blow the air at my feet"}) {
            assertThat(understand(text).actions()).as(text).extracting(ProposedAction::value).containsExactly("DOWN");
        }
        assertThat(understand("turn of the rear defroster").actions()).extracting(ProposedAction::value)
                .containsExactly(false);
    }

    @Test
    void aLowMarginBetweenTwoDevicesAsksWhichOne() {
        // The nearest examples for these are about two devices almost equally.
        Understanding english = understand("I can't see anything");
        assertThat(english.kind()).isEqualTo(Understanding.Kind.CLARIFY);
        assertThat(english.question()).startsWith("Do you mean").endsWith("?");
        Understanding chinese = understand("玻璃");
        assertThat(chinese.kind()).isEqualTo(Understanding.Kind.CLARIFY);
        assertThat(chinese.question()).startsWith("您是指").contains("还是").endsWith("？");
    }

    @Test
    void aRequestWithoutAnythingToActOnAsksWhat() {
        assertThat(understand("turn it up").question()).isEqualTo("What would you like me to adjust?");
        assertThat(understand("调大一点").question()).isEqualTo("您想调节什么？");
        assertThat(understand("the fan").question()).isEqualTo("What should I do with the fan?");
    }

    @Test
    void anAnswerCompletesTheQuestionedRequest() {
        Conversation conversation = new Conversation();
        VehicleState state = VehicleState.of(Map.of("Vehicle.Cabin.Sunroof.Position", 0));
        assertThat(engine.understand("open it a bit", conversation, state).kind())
                .isEqualTo(Understanding.Kind.CLARIFY);
        Understanding answer = engine.understand("the sunroof", conversation, state);
        assertThat(answer.actions()).extracting(ProposedAction::path, ProposedAction::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Vehicle.Cabin.Sunroof.Position", 10L));
    }

    @Test
    void followUpsUseTheConversationsSubjectAndZone() {
        Conversation conversation = new Conversation();
        engine.understand("set the passenger side to 20", conversation,
                VehicleState.of(Map.of(PASSENGER_TEMPERATURE, 24)));
        Understanding warmer = engine.understand("a bit warmer", conversation,
                VehicleState.of(Map.of(PASSENGER_TEMPERATURE, 20)));
        assertThat(warmer.actions()).singleElement().satisfies(a -> {
            assertThat(a.path()).isEqualTo(PASSENGER_TEMPERATURE);
            assertThat(a.value()).isEqualTo(21.0);
        });
        Understanding other = engine.understand("the other side too", conversation,
                VehicleState.of(Map.of(PASSENGER_TEMPERATURE, 21, DRIVER_TEMPERATURE, 25)));
        assertThat(other.actions()).singleElement().satisfies(a -> {
            assertThat(a.path()).isEqualTo(DRIVER_TEMPERATURE);
            assertThat(a.value()).isEqualTo(21.0);
        });
        assertThat(conversation.subject()).extracting(ProposedAction::path).containsExactly(DRIVER_TEMPERATURE);
    }

    @Test
    void chineseFollowUpLowersAgain() {
        Conversation conversation = new Conversation();
        engine.understand("温度调到22度", conversation, VehicleState.of(Map.of(DRIVER_TEMPERATURE, 25)));
        Understanding lower = engine.understand("再低一点", conversation,
                VehicleState.of(Map.of(DRIVER_TEMPERATURE, 22)));
        assertThat(lower.language()).isEqualTo(Language.ZH);
        assertThat(lower.actions()).singleElement().extracting(ProposedAction::value).isEqualTo(21.0);
    }

    @Test
    void outOfRangeValuesAreProposedAsSaidNotClamped() {
        Understanding hot = engine.understand("set it to 35 degrees", new Conversation(),
                VehicleState.of(Map.of(DRIVER_TEMPERATURE, 22)));
        assertThat(hot.actions()).singleElement().extracting(ProposedAction::value).isEqualTo(35.0);
        Understanding warmer = engine.understand("warmer", new Conversation(),
                VehicleState.of(Map.of(DRIVER_TEMPERATURE, 28)));
        assertThat(warmer.actions()).singleElement().extracting(ProposedAction::value).isEqualTo(29.0);
    }

    @Test
    void anUnknownCurrentValueStartsFromTheMiddleAndSaysSo() {
        Understanding warmer = understand("a bit warmer");
        assertThat(warmer.actions()).singleElement().satisfies(a -> {
            assertThat(a.value()).isEqualTo(23.0);   // 16..28 °C: the middle is 22
            assertThat(a.reason()).contains("current value unknown, assumed 22");
        });
    }

    @Test
    void theLanguageFollowsTheScript() {
        assertThat(understand("turn on the AC").language()).isEqualTo(Language.EN);
        assertThat(understand("打开空调").language()).isEqualTo(Language.ZH);
        assertThat(understand("打开AC").actions()).extracting(ProposedAction::path)
                .containsExactly("Vehicle.Cabin.HVAC.IsAirConditioningActive");
        assertThat(understand("turn on the AC").engine()).isEqualTo("offline");
    }

    @Test
    void inputThatIsNoSpeechIsNotUnderstoodAndRecorded() {
        Conversation conversation = new Conversation();
        String[] inputs = {null, "", "   ", "\u0000\u0007\u001b[2J", "a".repeat(10_000), "🚗🔥❄️", "%s%s%n", "\uD800",
                "x\uDC00y", "打开".repeat(500)};
        for (String input : inputs) {
            Understanding understanding = engine.understand(input, conversation, VehicleState.empty());
            assertThat(understanding.kind()).as(String.valueOf(input)).isEqualTo(Understanding.Kind.NOT_UNDERSTOOD);
            assertThat(conversation.lastTurn()).isPresent();
        }
    }

    @Test
    void hostileTextProposesNothing() {
        // "drop" is a direction word, so asking back is as right as giving up; acting is not.
        for (String input : new String[] {"'; DROP TABLE cars; --", "<script>alert(1)</script>", "${jndi:ldap://x}",
                "../../etc/passwd", "{\"path\": \"Vehicle.Speed\", \"value\": 250}"}) {
            assertThat(understand(input).kind()).as(input).isNotEqualTo(Understanding.Kind.ACTIONS);
        }
    }

    @Test
    void nullConversationOrStateIsAProgrammingError() {
        assertThatThrownBy(() -> engine.understand("warmer", null, VehicleState.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("conversation");
        assertThatThrownBy(() -> engine.understand("warmer", new Conversation(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("state");
    }

    @Test
    void aWrongTypeInTheStateDoesNotBreakRelativeChanges() {
        // A state that carries an enumeration name where a number belongs is treated as unknown.
        Understanding warmer = engine.understand("a bit warmer", new Conversation(),
                VehicleState.of(Map.of(DRIVER_TEMPERATURE, "HOT")));
        assertThat(warmer.actions()).singleElement().extracting(ProposedAction::value).isEqualTo(23.0);
    }
}
