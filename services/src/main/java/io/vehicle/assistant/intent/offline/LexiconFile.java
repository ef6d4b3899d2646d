package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The words of one language as written in {@code assistant/offline/lexicon-xx.yaml}: which phrases name devices,
 * verbs, zones, amounts and complaints. Read with Jackson; {@link Lexicon} checks and indexes it.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record LexiconFile(
        String language,
        String separators,
        List<NounEntry> nouns,
        Map<Verb, List<String>> verbs,
        List<CueEntry> cues,
        List<StateEntry> states,
        List<CueEntry> situations,
        List<ValueEntry> values,
        List<ZoneEntry> zones,
        Map<Intensity, List<String>> intensity,
        Map<String, List<String>> units,
        NumberWords numbers,
        List<String> absoluteMarkers,
        List<String> relativeMarkers,
        List<String> requestBefore,
        List<String> requestAfter,
        List<String> questions,
        List<String> questionStarts,
        List<String> questionEnds,
        List<String> polite,
        List<String> negations,
        List<String> negatedRequests,
        List<String> prohibitions,
        List<String> ongoingMarkers,
        List<String> exceptions,
        List<String> exceptionEnds,
        List<String> stateNegations,
        List<String> excessMarkers,
        List<String> sufficiency,
        List<String> zonePrepositions,
        List<String> unsupported,
        List<String> fillers,
        Map<String, String> names,
        Prompts prompts,
        EmbeddingLimits embedding) {

    /**
     * Phrases naming a device; several candidates when the word is vague ("seat"), the first that fits wins.
     * {@code verb}, when set, is said by the noun itself: "后视镜加热一下" heats the mirrors.
     */
    record NounEntry(List<String> words, List<String> devices, boolean all, Verb verb) {
    }

    /** Phrases that name a device (or a quantity such as warmth) and a verb at once: "warmer", "mute", "锁车". */
    record CueEntry(List<String> words, String device, String quantity, Verb verb) {
    }

    /** Adjectives of a state, "hot", "太吵": a complaint about a high state asks to lower it. */
    record StateEntry(List<String> words, String quantity, Level level) {
    }

    enum Level {
        HIGH,
        LOW
    }

    /** Phrases naming one allowed value of an enumeration device; {@code names} when they also name the device. */
    record ValueEntry(List<String> words, String device, String value, boolean names) {
    }

    /** Zone words: rows and/or a side, "all", or "the other side". */
    record ZoneEntry(List<String> words, List<Integer> rows, CabinZone.Side side, boolean all, boolean other) {
    }

    /**
     * Number words. English: units, tens and multipliers are whole words; Chinese: single characters.
     * {@code fractions} are shares of a range ("half", "一半"); {@code halfAfter} adds 0.5 ("and a half", "半").
     */
    record NumberWords(Map<String, Integer> digits, Map<String, Integer> tens, Map<String, Integer> multipliers,
            List<String> fractions, List<String> halfAfter, List<String> decimalPoint, List<String> percentPrefix) {
    }

    /** Clarifying question templates; {a} and {b} are device names. */
    record Prompts(String which, String what, String direction, String object, String zone) {
    }

    /** Limits for the nearest-example search; similarity scales differ between the two models. */
    record EmbeddingLimits(double minScore, double minMargin, double directionMargin) {
    }
}
