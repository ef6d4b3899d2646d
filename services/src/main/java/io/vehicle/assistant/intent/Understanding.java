package io.vehicle.assistant.intent;

import java.util.List;
import java.util.Objects;

/**
 * What an engine made of one utterance.
 *
 * @param kind     whether it proposes actions, asks back, or gave up
 * @param language the driver's language, for the reply
 * @param actions  the proposed writes in the order the driver asked for them; empty unless {@link Kind#ACTIONS}
 * @param question the short clarifying question in the driver's language; empty unless {@link Kind#CLARIFY}
 * @param engine   name of the engine that produced it (audit)
 */
public record Understanding(Kind kind, Language language, List<ProposedAction> actions, String question,
        String engine) {

    public enum Kind {
        ACTIONS,
        CLARIFY,
        NOT_UNDERSTOOD
    }

    public Understanding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(engine, "engine");
        actions = List.copyOf(actions);
        question = question == null ? "" : question;
        if (kind == Kind.ACTIONS && actions.isEmpty()) {
            throw new IllegalArgumentException("ACTIONS without any action");
        }
        if (kind != Kind.ACTIONS && !actions.isEmpty()) {
            throw new IllegalArgumentException(kind + " must not carry actions");
        }
        if (kind == Kind.CLARIFY && question.isBlank()) {
            throw new IllegalArgumentException("CLARIFY needs a question");
        }
    }

    public static Understanding actions(Language language, List<ProposedAction> actions, String engine) {
        return new Understanding(Kind.ACTIONS, language, actions, "", engine);
    }

    public static Understanding clarify(Language language, String question, String engine) {
        return new Understanding(Kind.CLARIFY, language, List.of(), question, engine);
    }

    public static Understanding notUnderstood(Language language, String engine) {
        return new Understanding(Kind.NOT_UNDERSTOOD, language, List.of(), "", engine);
    }
}
