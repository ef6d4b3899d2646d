package io.vehicle.assistant.pipeline;

import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import java.time.Instant;
import java.util.List;

/**
 * Actions the policy lets through only with the driver's yes, held until a Confirm answers the question or the
 * question expires; nothing of them has been written.
 *
 * @param questionId    what Confirm names
 * @param correlationId the utterance's, so the audit trail of the answer joins the question's
 * @param understanding the utterance's understanding (language, engine) for the reply
 * @param actions       the held actions, in the driver's order
 * @param expires       after this the answer is refused and the actions dropped
 */
record HeldConfirmation(String questionId, String correlationId, Understanding understanding,
        List<ProposedAction> actions, Instant expires) {

    HeldConfirmation {
        actions = List.copyOf(actions);
    }
}
