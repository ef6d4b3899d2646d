package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.ProposedAction;
import java.util.List;

/** What one clause came to. */
sealed interface ClauseOutcome {

    record Actions(List<ProposedAction> actions) implements ClauseOutcome {
    }

    record Clarify(String question) implements ClauseOutcome {
    }

    /** Off-topic, nonsense, or something the car has no writable signal for. */
    record NotUnderstood(String why) implements ClauseOutcome {
    }
}
