package io.vehicle.assistant.intent;

import java.util.List;
import java.util.Optional;

/**
 * One driver's session: what the last turns were about, so that follow-ups such as "a bit warmer",
 * "再低一点", "the other side too" or an answer to a clarifying question can be understood. An engine updates it
 * after each understanding; one instance per session, safe to share between threads.
 */
public final class Conversation {

    /** One exchange: what the driver said and what the engine made of it. */
    public record Turn(String utterance, Understanding understanding) {
    }

    private Turn lastTurn;
    private List<ProposedAction> subject = List.of();

    /** Records a turn; a turn with actions becomes the subject of the following turns. */
    public synchronized void remember(String utterance, Understanding understanding) {
        lastTurn = new Turn(utterance, understanding);
        if (understanding.kind() == Understanding.Kind.ACTIONS) {
            subject = understanding.actions();
        }
    }

    /** The previous turn, if any. */
    public synchronized Optional<Turn> lastTurn() {
        return Optional.ofNullable(lastTurn);
    }

    /** The actions of the last turn that had any: the signals (and so the zones) the driver talks about. */
    public synchronized List<ProposedAction> subject() {
        return subject;
    }
}
