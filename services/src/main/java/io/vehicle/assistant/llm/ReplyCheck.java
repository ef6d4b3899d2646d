package io.vehicle.assistant.llm;

import io.vehicle.assistant.intent.Language;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model's text is only said to the driver when it looks like a short reply in the driver's language: printable,
 * at most {@value #MAX_CHARS} characters, Chinese for a Chinese utterance and not for an English one. Anything else
 * is dropped and the node's own sentence is used.
 */
final class ReplyCheck {

    static final int MAX_CHARS = 200;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ReplyCheck() {
    }

    static Optional<String> accept(String text, Language language) {
        if (text == null) {
            return Optional.empty();
        }
        String clean = SPACES.matcher(text.strip()).replaceAll(" ");
        if (clean.isEmpty() || clean.length() > MAX_CHARS) {
            return Optional.empty();
        }
        if (clean.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return Optional.empty();
        }
        if (Language.of(clean) != language) {
            return Optional.empty();
        }
        return Optional.of(clean);
    }
}
