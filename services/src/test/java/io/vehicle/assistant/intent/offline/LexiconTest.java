package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clause splitting and what the rules read from phrases: directions, complaints and their flip. */
class LexiconTest {

    private static final OfflineData DATA = OfflineData.load();

    private static List<String> clauses(String text) {
        return DATA.lexicons.get(Language.of(text)).clauses(text);
    }

    private static Clause read(String text) {
        Lexicon lexicon = DATA.lexicons.get(Language.of(text));
        return ClauseReader.read(lexicon, lexicon.normalize(text));
    }

    @Test
    void multiCommandSentencesSplitIntoClauses() {
        assertThat(clauses("close all windows and turn on the AC")).containsExactly("close all windows", "turn on the ac");
        assertThat(clauses("turn off the AC, then open the sunroof")).containsExactly("turn off the ac", "open the sunroof");
        assertThat(clauses("关窗并打开空调")).containsExactly("关窗", "打开空调");
        assertThat(clauses("关闭天窗，然后打开空调")).containsExactly("关闭天窗", "打开空调");
        assertThat(clauses("关上车窗再打开内循环")).containsExactly("关上车窗", "打开内循环");
    }

    @Test
    void wordsContainingAConjunctionStayWhole() {
        assertThat(clauses("twenty two and a half degrees")).hasSize(1);
        assertThat(clauses("暖和一点")).containsExactly("暖和一点");
    }

    @Test
    void complaintsFlipTheDirectionRequestsKeepIt() {
        assertThat(complaintVerb("I'm too hot")).isEqualTo(Verb.LOWER);
        assertThat(complaintVerb("I'm a bit cold")).isEqualTo(Verb.RAISE);
        assertThat(complaintVerb("make it cold")).isEqualTo(Verb.LOWER);
        assertThat(complaintVerb("太吵了")).isEqualTo(Verb.LOWER);
        assertThat(complaintVerb("我有点冷")).isEqualTo(Verb.RAISE);
        assertThat(complaintVerb("冷一点")).isEqualTo(Verb.LOWER);
        assertThat(complaintVerb("热一点")).isEqualTo(Verb.RAISE);
        assertThat(complaintVerb("too bright")).isEqualTo(Verb.LOWER);
        assertThat(complaintVerb("听不清")).isEqualTo(Verb.RAISE);
    }

    private static Verb complaintVerb(String text) {
        Clause clause = read(text);
        assertThat(clause.state).as(text).isNotNull();
        boolean high = clause.state.level() == LexiconFile.Level.HIGH;
        return high == clause.complaint ? Verb.LOWER : Verb.RAISE;
    }

    @Test
    void directionWordsAreRead() {
        assertThat(read("turn it down").verbs).containsExactly(Verb.LOWER);
        assertThat(read("再低一点").verbs).containsExactly(Verb.LOWER);
        assertThat(read("调高两度").verbs).contains(Verb.RAISE);
        assertThat(read("a bit warmer").cue.verb()).isEqualTo(Verb.RAISE);
        assertThat(read("a bit warmer").intensity).isEqualTo(Intensity.SMALL);
        assertThat(read("a lot cooler").intensity).isEqualTo(Intensity.LARGE);
    }

    @Test
    void questionsAreMarked() {
        assertThat(read("is the trunk open").yesNoQuestion).isTrue();
        assertThat(read("后备箱开着吗").yesNoQuestion).isTrue();
        assertThat(read("能帮我打开车窗吗").yesNoQuestion).isFalse();
        assertThat(read("can you open the window").yesNoQuestion).isFalse();
    }

    @Test
    void longerPhrasesWin() {
        // "一点" is "a bit", not the number one; "大灯" (headlights) is not "大" (raise).
        assertThat(read("一点").intensity).isEqualTo(Intensity.SMALL);
        assertThat(read("关掉大灯").unsupported).isTrue();
        assertThat(read("关掉大灯").verbs).containsExactly(Verb.OFF);
    }
}
