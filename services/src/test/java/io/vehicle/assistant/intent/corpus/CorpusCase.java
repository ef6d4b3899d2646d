package io.vehicle.assistant.intent.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One line of a corpus file (corpus/*.jsonl): what the driver says, the vehicle state, an optional session (lines
 * of one session run in order as one conversation), an optional confirmation, and the expected outcome with the
 * proposed writes. The outcome (done, refused, needs_confirmation, partial) is judged later with the gateway's
 * policy in the loop; at the engine's level only the proposed actions are checked.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CorpusCase(String id, String say, Map<String, Object> state, String session, Boolean confirm,
        Expect expect) {

    public record Expect(String outcome, List<Action> actions, Boolean clarify) {

        /** Whether the engine must propose actions; an {@code error} (empty text, refused by the node) must not. */
        public boolean understood() {
            return !outcome.equals("not_understood") && !outcome.equals("error");
        }
    }

    public record Action(String path, JsonNode value) {
    }
}
