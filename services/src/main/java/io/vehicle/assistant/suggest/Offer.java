package io.vehicle.assistant.suggest;

import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import java.util.List;
import java.util.Map;

/**
 * What a rule would suggest for the vehicle as it is now: the actions accepting it would propose, the question for
 * the driver per language, and the facts behind it.
 *
 * @param rule    the rule's id, e.g. {@code windows-open-while-cooling}
 * @param actions what accepting would propose (still subject to the gateway's policy)
 * @param text    the question for the driver per language ("Close the windows while the A/C cools?")
 * @param reason  the observed values, for the driver's client and the audit log
 */
public record Offer(String rule, List<ProposedAction> actions, Map<Language, String> text, String reason) {

    public Offer {
        actions = List.copyOf(actions);
        text = Map.copyOf(text);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("an offer without actions: " + rule);
        }
        for (Language language : Language.values()) {
            if (!text.containsKey(language)) {
                throw new IllegalArgumentException("offer " + rule + " has no text in " + language);
            }
        }
    }
}
