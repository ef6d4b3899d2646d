package io.vehicle.assistant.intent;

/**
 * Turns a driver's words into proposed signal writes. Everything it proposes is checked by the gateway's policy
 * before anything is written; an engine never writes itself.
 */
public interface IntentEngine {

    /**
     * @param utterance    what the driver said, in English or Mandarin Chinese
     * @param conversation the driver's session; the engine reads it and records this turn in it
     * @param state        current signal values, possibly partial
     */
    Understanding understand(String utterance, Conversation conversation, VehicleState state);

    /** Short name for the audit log and the reply ("offline", "llm"). */
    String name();
}
