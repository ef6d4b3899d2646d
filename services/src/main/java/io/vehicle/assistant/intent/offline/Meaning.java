package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
import java.util.List;

/** What one matched phrase (or number) of an utterance means to the rules. */
sealed interface Meaning {

    /** {@code verb}: the verb a compound noun says by itself ("座椅加热" = the seat, heated), or null. */
    record Noun(List<String> devices, boolean all, Verb verb) implements Meaning {
    }

    record VerbWord(Verb verb) implements Meaning {
    }

    /** A device or quantity together with a verb; {@code situation} for complaints with a fixed remedy. */
    record Cue(String device, String quantity, Verb verb, boolean situation) implements Meaning {
    }

    record State(String quantity, LexiconFile.Level level) implements Meaning {
    }

    record ValueWord(String device, String value, boolean names) implements Meaning {
    }

    record Zone(List<Integer> rows, CabinZone.Side side, boolean all, boolean other) implements Meaning {
    }

    record IntensityWord(Intensity intensity) implements Meaning {
    }

    record Unit(String unit) implements Meaning {
    }

    record Number(Amount amount) implements Meaning {
    }

    enum Marker implements Meaning {
        ABSOLUTE,
        RELATIVE,
        REQUEST_BEFORE,
        REQUEST_AFTER,
        QUESTION,
        QUESTION_START,
        QUESTION_END,
        POLITE,
        NEGATION,
        NEGATED_REQUEST,
        PROHIBITION,
        ONGOING,
        EXCEPTION,
        EXCEPTION_END,
        STATE_NEGATION,
        EXCESS,
        SUFFICIENT,
        ZONE_PREPOSITION,
        UNSUPPORTED,
        FILLER
    }
}
