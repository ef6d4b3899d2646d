package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.Language;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrases of one language, indexed for a greedy longest-match scan: English is scanned per word, Chinese per
 * character (forward maximum matching). A phrase may carry several meanings ("back" is a seat direction and the
 * rear row); numbers compete with phrases and the longer match wins ("一点" is "a bit", "一点五" is 1.5).
 */
final class Lexicon {

    /** One match in an utterance: its meanings and where it is, in units. */
    record Match(List<Meaning> meanings, int start, int end) {

        <T extends Meaning> T first(Class<T> type) {
            for (Meaning meaning : meanings) {
                if (type.isInstance(meaning)) {
                    return type.cast(meaning);
                }
            }
            return null;
        }

        boolean has(Meaning meaning) {
            return meanings.contains(meaning);
        }
    }

    /** The matches of a clause, in order, and how many of its units nothing matched. */
    record Scan(List<Match> matches, int units, int unknownUnits) {
    }

    private static final Pattern ENGLISH_TOKEN = Pattern.compile("\\d+(?:\\.\\d+)?|[a-z]+(?:'[a-z]+)?|[%°]");

    final Language language;
    final LexiconFile file;
    private final Pattern separators;
    private final Map<String, List<Meaning>> phrases = new HashMap<>();
    private final NumberReader numbers;
    /** Every English word of a phrase or number, for reading misspellings. */
    private final List<String> vocabulary = new ArrayList<>();
    private final SpellingCorrector spelling;
    private int longestPhrase;

    /** {@code dictionary}: common words of the language, never read as misspellings (may be empty). */
    Lexicon(LexiconFile file, Set<String> dictionary) {
        this.file = file;
        this.language = Language.valueOf(file.language());
        this.separators = Pattern.compile(file.separators());
        this.numbers = new NumberReader(file.numbers());
        index(file);
        vocabulary.addAll(file.numbers().digits().keySet());
        if (file.numbers().tens() != null) {
            vocabulary.addAll(file.numbers().tens().keySet());
        }
        if (file.numbers().multipliers() != null) {
            vocabulary.addAll(file.numbers().multipliers().keySet());
        }
        if (file.numbers().decimalPoint() != null) {
            vocabulary.addAll(file.numbers().decimalPoint());
        }
        this.spelling = new SpellingCorrector(vocabulary, dictionary);
    }

    private void index(LexiconFile file) {
        for (LexiconFile.NounEntry noun : file.nouns()) {
            add(noun.words(), new Meaning.Noun(List.copyOf(noun.devices()), noun.all(), noun.verb()));
        }
        file.verbs().forEach((verb, words) -> add(words, new Meaning.VerbWord(verb)));
        for (LexiconFile.CueEntry cue : file.cues()) {
            add(cue.words(), new Meaning.Cue(cue.device(), cue.quantity(), cue.verb(), false));
        }
        for (LexiconFile.CueEntry situation : file.situations()) {
            add(situation.words(), new Meaning.Cue(situation.device(), situation.quantity(), situation.verb(), true));
        }
        for (LexiconFile.StateEntry state : file.states()) {
            add(state.words(), new Meaning.State(state.quantity(), state.level()));
        }
        for (LexiconFile.ValueEntry value : file.values()) {
            add(value.words(), new Meaning.ValueWord(value.device(), value.value(), value.names()));
        }
        for (LexiconFile.ZoneEntry zone : file.zones()) {
            add(zone.words(), new Meaning.Zone(zone.rows() == null ? List.of() : List.copyOf(zone.rows()), zone.side(),
                    zone.all(), zone.other()));
        }
        file.intensity().forEach((intensity, words) -> add(words, new Meaning.IntensityWord(intensity)));
        file.units().forEach((unit, words) -> add(words, new Meaning.Unit(unit)));
        add(file.numbers().percentPrefix(), new Meaning.Unit("percent-prefix"));
        add(file.numbers().fractions(), new Meaning.Number(new Amount(0.5, "", true)));
        add(file.numbers().halfAfter(), new Meaning.Unit("half-after"));
        add(file.absoluteMarkers(), Meaning.Marker.ABSOLUTE);
        add(file.relativeMarkers(), Meaning.Marker.RELATIVE);
        add(file.requestBefore(), Meaning.Marker.REQUEST_BEFORE);
        add(file.requestAfter(), Meaning.Marker.REQUEST_AFTER);
        add(file.questions(), Meaning.Marker.QUESTION);
        add(file.questionStarts(), Meaning.Marker.QUESTION_START);
        add(file.questionEnds(), Meaning.Marker.QUESTION_END);
        add(file.polite(), Meaning.Marker.POLITE);
        add(file.negations(), Meaning.Marker.NEGATION);
        add(file.negatedRequests(), Meaning.Marker.NEGATED_REQUEST);
        add(file.prohibitions(), Meaning.Marker.PROHIBITION);
        add(file.ongoingMarkers(), Meaning.Marker.ONGOING);
        add(file.exceptions(), Meaning.Marker.EXCEPTION);
        add(file.exceptionEnds(), Meaning.Marker.EXCEPTION_END);
        add(file.stateNegations(), Meaning.Marker.STATE_NEGATION);
        add(file.excessMarkers(), Meaning.Marker.EXCESS);
        add(file.sufficiency(), Meaning.Marker.SUFFICIENT);
        add(file.zonePrepositions(), Meaning.Marker.ZONE_PREPOSITION);
        add(file.unsupported(), Meaning.Marker.UNSUPPORTED);
        add(file.fillers(), Meaning.Marker.FILLER);
    }

    private void add(Collection<String> words, Meaning meaning) {
        if (words == null) {
            return;
        }
        for (String word : words) {
            if (word.equals("true") || word.equals("false")) {
                // YAML 1.1 reads a bare on/off/yes/no as a boolean, which Jackson then turns into "true"/"false".
                throw new IllegalArgumentException(language + " lexicon: phrase '" + word
                        + "' is probably an unquoted on/off/yes/no; quote it");
            }
            List<String> units = units(normalize(word));
            if (units.isEmpty()) {
                throw new IllegalArgumentException(language + " lexicon: phrase '" + word + "' has no letters");
            }
            vocabulary.addAll(units);
            String key = String.join(" ", units);
            List<Meaning> meanings = phrases.computeIfAbsent(key, k -> new ArrayList<>());
            if (!meanings.contains(meaning)) {
                meanings.add(meaning);
            }
            longestPhrase = Math.max(longestPhrase, units.size());
        }
    }

    /** Lower case, full-width forms folded (NFKC), typographic apostrophes and "a/c" made plain. */
    String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'');
        return folded.replace("a/c", "ac").replace("a.c.", "ac");
    }

    /** Splits an utterance into clauses at conjunctions and punctuation (the language's separator pattern). */
    List<String> clauses(String utterance) {
        String text = normalize(utterance);
        List<String> clauses = new ArrayList<>();
        Matcher matcher = separators.matcher(text);
        int from = 0;
        while (matcher.find()) {
            addClause(clauses, text.substring(from, matcher.start()));
            from = matcher.end();
        }
        addClause(clauses, text.substring(from));
        return clauses;
    }

    private void addClause(List<String> clauses, String clause) {
        if (!units(clause).isEmpty()) {
            clauses.add(clause.trim());
        }
    }

    /** Words (English) or characters (Chinese, Latin letters and digits kept as single characters too). */
    List<String> units(String normalized) {
        List<String> units = new ArrayList<>();
        if (language == Language.EN) {
            Matcher matcher = ENGLISH_TOKEN.matcher(normalized);
            while (matcher.find()) {
                units.add(matcher.group());
            }
        } else {
            normalized.codePoints()
                    .filter(cp -> Character.isLetterOrDigit(cp) || cp == '%' || cp == '°' || cp == '.')
                    .forEach(cp -> units.add(new String(Character.toChars(cp))));
        }
        return units;
    }

    /** Greedy longest match of phrases and numbers over a normalised clause; English misspellings corrected. */
    Scan scan(String clause) {
        List<String> units = units(clause);
        if (language == Language.EN) {
            units = units.stream().map(spelling::correct).toList();
        }
        List<Match> matches = new ArrayList<>();
        int unknown = 0;
        int i = 0;
        while (i < units.size()) {
            int phraseLength = 0;
            List<Meaning> meanings = null;
            for (int length = Math.min(longestPhrase, units.size() - i); length > 0; length--) {
                meanings = phrases.get(String.join(" ", units.subList(i, i + length)));
                if (meanings != null) {
                    phraseLength = length;
                    break;
                }
            }
            NumberReader.Found number = numbers.read(units, i);
            if (number != null && number.length() > phraseLength) {
                matches.add(new Match(List.of(new Meaning.Number(number.amount())), i, i + number.length()));
                i += number.length();
            } else if (phraseLength > 0) {
                matches.add(new Match(List.copyOf(meanings), i, i + phraseLength));
                i += phraseLength;
            } else {
                if (!units.get(i).equals(".")) {
                    unknown++;
                }
                i++;
            }
        }
        return new Scan(matches, units.size(), unknown);
    }

    String name(String device) {
        return file.names().getOrDefault(device, device);
    }

    /** Every device id the lexicon mentions, to check against the device table at load. */
    List<String> mentionedDevices() {
        List<String> devices = new ArrayList<>();
        file.nouns().forEach(noun -> devices.addAll(noun.devices()));
        Function<LexiconFile.CueEntry, String> cueDevice = LexiconFile.CueEntry::device;
        file.cues().stream().map(cueDevice).filter(d -> d != null).forEach(devices::add);
        file.situations().stream().map(cueDevice).filter(d -> d != null).forEach(devices::add);
        file.values().forEach(value -> devices.add(value.device()));
        devices.addAll(file.names().keySet());
        return devices;
    }
}
