package io.vehicle.assistant.pipeline;

import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.intent.VehicleState;

/**
 * What the pipeline asks to read an utterance: an intent engine, or a language model with the offline engine
 * behind it. Called on a worker thread; may block (a model's answer) but must return within its own deadline.
 */
@FunctionalInterface
public interface Interpreter {

    Interpretation interpret(String utterance, Conversation conversation, VehicleState state);

    /** An engine on its own: its understanding, no fallback, the reply from the results alone. */
    static Interpreter of(IntentEngine engine) {
        return (utterance, conversation, state) -> Interpretation.of(engine.understand(utterance, conversation, state));
    }
}
