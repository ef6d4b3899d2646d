package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.ProposedAction;
import java.util.List;

/** What one clause came to. */
sealed interface ClauseOutcome {

    record Actions(List<ProposedAction> actions) implements ClauseOutcome {
    }

    /** A question back; {@code vague} when only the nearest examples were unsure (the weakest evidence). */
    record Clarify(String question, boolean vague) implements ClauseOutcome {

        Clarify(String question) {
            this(question, false);
        }
    }

    /** Off-topic, nonsense, or something the car has no writable signal for. */
    record NotUnderstood(String why) implements ClauseOutcome {
    }
}
