package io.vehicle.assistant.intent.offline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an English word the lexicon does not know as the lexicon word it misspells ("tempreture", "windsheild",
 * "freezin", "volumn"): the one word within one edit (two for words of eight letters or more; swapping two
 * neighbours is one edit) that starts with the same letter. A word of the language is never a slip, however near
 * a lexicon word it is ("hearing" is not "heating", "conversation" not "condensation"): the dictionary, or a form
 * of a dictionary word ("sneezing", "headers"), or another ending on a lexicon word's stem ("closed" next to
 * "closer"). Short words and ties are left alone too.
 */
final class SpellingCorrector {

    private static final int MIN_LENGTH = 5;
    private static final int LONG_WORD = 8;
    private static final Set<String> ENDINGS = Set.of("", "s", "es", "d", "ed", "r", "er", "st", "est", "ing", "n",
            "en", "y", "ly");
    private static final List<String> SUFFIXES = List.of("s", "es", "d", "ed", "ing", "er", "ers", "ly", "y");

    private final Set<String> vocabulary;
    private final Set<String> dictionary;
    private final Map<Character, List<String>> byInitial = new HashMap<>();

    /** {@code words}: the lexicon's; {@code dictionary}: common words of the language, none of them a slip. */
    SpellingCorrector(Collection<String> words, Set<String> dictionary) {
        this.dictionary = Set.copyOf(dictionary);
        this.vocabulary = new HashSet<>();
        for (String word : words) {
            if (letters(word) && vocabulary.add(word) && word.length() >= MIN_LENGTH - 1) {
                byInitial.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
            }
        }
    }

    /** The known word meant, or the word itself when it is known or no single known word is near enough. */
    String correct(String word) {
        if (word.length() < MIN_LENGTH || vocabulary.contains(word) || !letters(word) || inDictionary(word)) {
            return word;
        }
        int allowed = word.length() >= LONG_WORD ? 2 : 1;
        String best = null;
        int bestDistance = allowed + 1;
        boolean tie = false;
        for (String candidate : byInitial.getOrDefault(word.charAt(0), List.of())) {
            if (Math.abs(candidate.length() - word.length()) > allowed) {
                continue;
            }
            int distance = distance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
                tie = false;
            } else if (distance == bestDistance) {
                tie = true;
            }
        }
        return best == null || tie || otherForm(word, best) ? word : best;
    }

    /** The word, or the word without a suffix (with or without a final e: "sneezing"), is in the dictionary. */
    private boolean inDictionary(String word) {
        if (dictionary.contains(word)) {
            return true;
        }
        for (String suffix : SUFFIXES) {
            if (word.endsWith(suffix) && word.length() > suffix.length() + 2) {
                String stem = word.substring(0, word.length() - suffix.length());
                if (dictionary.contains(stem) || dictionary.contains(stem + "e")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The same stem with two endings ("closed"/"closer"): an inflection, not a typing slip. */
    private static boolean otherForm(String word, String known) {
        int common = 0;
        while (common < word.length() && common < known.length() && word.charAt(common) == known.charAt(common)) {
            common++;
        }
        return ENDINGS.contains(word.substring(common)) && ENDINGS.contains(known.substring(common));
    }

    /** Edits (insert, delete, substitute, swap two neighbours) between two words: optimal string alignment. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static boolean letters(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }
}
