package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vehicle.assistant.intent.CatalogAssertions;
import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.SharedOfflineEngine;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import java.util.Map;

/**
 * Any text, then a follow-up in the same conversation: the engine answers without throwing, and whatever it
 * proposes is a writable catalog signal with a value of its type. Under plain {@code mvn test} this runs the
 * inputs in OfflineIntentEngineFuzzTestInputs/understand; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class OfflineIntentEngineFuzzTest {

    private static final VehicleState STATE = VehicleState.of(Map.of(
            "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", 22,
            "Vehicle.Cabin.Infotainment.Media.Volume", 40,
            "Vehicle.Body.Windshield.Front.Wiping.Mode", "SLOW"));

    @FuzzTest(maxDuration = "60s")
    void understand(FuzzedDataProvider data) {
        String first = data.consumeString(400);
        String second = data.consumeRemainingAsString();
        Conversation conversation = new Conversation();
        for (String utterance : new String[] {first, second}) {
            Understanding understanding = SharedOfflineEngine.get().understand(utterance, conversation, STATE);
            assertThat(understanding.engine()).isEqualTo("offline");
            assertThat(conversation.lastTurn()).isPresent();
            for (ProposedAction action : understanding.actions()) {
                CatalogAssertions.assertWritableAndTyped(action, utterance);
            }
        }
    }
}
