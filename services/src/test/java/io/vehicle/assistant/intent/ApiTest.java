package io.vehicle.assistant.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small value types of the API reject what they cannot carry, with a message naming it. */
class ApiTest {

    @Test
    void proposedActionsCarryOnlyTheFourValueTypes() {
        assertThat(new ProposedAction("p", 1.5, "r").value()).isEqualTo(1.5);
        assertThat(new ProposedAction("p", 2L, "r").value()).isEqualTo(2L);
        assertThat(new ProposedAction("p", true, "r").value()).isEqualTo(true);
        assertThat(new ProposedAction("p", "NIGHT", "r").value()).isEqualTo("NIGHT");
        assertThatThrownBy(() -> new ProposedAction("p", 3, "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Integer");
        assertThatThrownBy(() -> new ProposedAction("p", List.of(1, 2, 3), "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProposedAction(null, 1.0, "r")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void understandingsKeepTheirKindConsistent() {
        ProposedAction action = new ProposedAction("p", true, "r");
        assertThatThrownBy(() -> new Understanding(Understanding.Kind.ACTIONS, Language.EN, List.of(), "", "x"))
                .hasMessageContaining("without any action");
        assertThatThrownBy(() -> new Understanding(Understanding.Kind.NOT_UNDERSTOOD, Language.EN, List.of(action),
                "", "x")).hasMessageContaining("must not carry actions");
        assertThatThrownBy(() -> Understanding.clarify(Language.ZH, " ", "x")).hasMessageContaining("needs a question");
        assertThat(Understanding.notUnderstood(Language.ZH, "x").question()).isEmpty();
    }

    @Test
    void vehicleStateKeepsNumbersAsDoublesAndRefusesOtherTypes() {
        VehicleState state = VehicleState.of(Map.of("a", 21, "b", 22.5f, "c", true, "d", "NIGHT"));
        assertThat(state.number("a")).hasValue(21.0);
        assertThat(state.number("b")).hasValue(22.5);
        assertThat(state.number("c")).hasValue(1.0);
        assertThat(state.number("d")).isEmpty();
        assertThat(state.number("missing")).isEmpty();
        assertThat(state.value("d")).contains("NIGHT");
        assertThatThrownBy(() -> VehicleState.of(Map.of("a", List.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value of a");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThatThrownBy(() -> VehicleState.of(withNull)).hasMessageContaining("null path or value");
    }

    @Test
    void languageFollowsHanCharacters() {
        assertThat(Language.of("turn on the AC")).isEqualTo(Language.EN);
        assertThat(Language.of("打开AC")).isEqualTo(Language.ZH);
        assertThat(Language.of("")).isEqualTo(Language.EN);
    }

    @Test
    void aConversationRemembersTheLastTurnWithActionsAsItsSubject() {
        Conversation conversation = new Conversation();
        ProposedAction action = new ProposedAction("p", true, "r");
        conversation.remember("turn it on", Understanding.actions(Language.EN, List.of(action), "x"));
        conversation.remember("hm?", Understanding.notUnderstood(Language.EN, "x"));
        assertThat(conversation.subject()).containsExactly(action);
        assertThat(conversation.lastTurn()).get().extracting(Conversation.Turn::utterance).isEqualTo("hm?");
    }
}
