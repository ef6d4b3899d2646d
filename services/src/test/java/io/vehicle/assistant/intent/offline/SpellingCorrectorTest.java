package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.CabinZone;
import io.vehicle.assistant.intent.Language;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** English misspellings read as the lexicon word they miss, and words of the language left alone. */
class SpellingCorrectorTest {

    private static final SpellingCorrector SMALL = new SpellingCorrector(
            List.of("temperature", "volume", "sunroof", "closer", "wide", "heating", "condensation", "fan", "seat",
                    "heated", "heater"),
            Set.of("hearing", "conversation", "header", "sneeze"));
    private static final Lexicon ENGLISH = new Lexicon(OfflineData.read("lexicon-en.yaml", LexiconFile.class),
            SentenceEncoder.wholeWords(Language.EN));

    @ParameterizedTest
    @CsvSource({"tempreture, temperature", "temprature, temperature", "volumn, volume", "sunrof, sunroof",
            "sunrooff, sunroof"})
    void aSlipIsReadAsTheWordItMisses(String typed, String meant) {
        assertThat(SMALL.correct(typed)).isEqualTo(meant);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hearing", "conversation",   // words of the language, however near a lexicon word
        "headers", "sneezing",       // forms of words of the language
        "closed", "wider",           // another ending on a lexicon word's stem
        "fans", "seet",              // too short to tell a slip from a word
        "heatet"                     // as near to "heated" as to "heater": no guess
    })
    void wordsOfTheirOwnAreLeftAlone(String word) {
        assertThat(SMALL.correct(word)).isEqualTo(word);
    }

    @ParameterizedTest
    @CsvSource({"kemperature, kemperature", "xolume, xolume"})
    void theFirstLetterIsNeverASlip(String typed, String expected) {
        assertThat(SMALL.correct(typed)).isEqualTo(expected);
    }

    @Test
    void theShippedLexiconReadsCommonSlips() {
        assertThat(read("lower the tempreture a bit").nounDevices).containsExactly("temperature");
        assertThat(read("close the sunrof").nounDevices).containsExactly("sunroof");
        assertThat(read("turn on the passanger seat heater").sides).containsExactly(CabinZone.Side.PASSENGER);
        assertThat(read("set it to twnety two").amount.value()).isEqualTo(22.0);
        assertThat(read("I'm freezin").state).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"let's have a conversation", "I'm having trouble hearing", "the kids are sleeping"})
    void theShippedDictionaryKeepsRealWordsOutOfTheLexicon(String text) {
        Clause clause = read(text);
        assertThat(clause.unknownUnits).as(text).isPositive();
        assertThat(clause.nounDevices).as(text).isEmpty();
        assertThat(clause.state).as(text).isNull();
        assertThat(clause.cue).as(text).isNull();
    }

    @Test
    void theDictionaryIsTheTokenizersWholeWords() {
        Set<String> words = SentenceEncoder.wholeWords(Language.EN);
        assertThat(words).hasSizeGreaterThan(20_000).contains("hearing", "conversation", "window")
                .doesNotContain("tempreture", "##ing", "[CLS]");
    }

    private static Clause read(String text) {
        return ClauseReader.read(ENGLISH, ENGLISH.normalize(text));
    }

    @ParameterizedTest
    @CsvSource({"ab, ba, 1", "tempreture, temperature, 2", "kitten, sitting, 3", "same, same, 0"})
    void distanceCountsASwapAsOneEdit(String a, String b, int edits) {
        assertThat(SpellingCorrector.distance(a, b)).isEqualTo(edits);
    }
}
