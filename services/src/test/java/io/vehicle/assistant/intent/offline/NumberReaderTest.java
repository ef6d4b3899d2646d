package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers in words and digits, read through the real lexicons (no embedding model needed). */
class NumberReaderTest {

    private static final OfflineData DATA = OfflineData.load();

    private static Amount amountIn(String text) {
        Lexicon lexicon = DATA.lexicons.get(Language.of(text));
        return ClauseReader.read(lexicon, lexicon.normalize(text)).amount;
    }

    @ParameterizedTest
    @CsvSource({
            "set it to twenty two, 22",
            "twenty-two, 22",
            "seventy two, 72",
            "fifteen, 15",
            "one hundred, 100",
            "one hundred five, 105",
            "nineteen point five, 19.5",
            "twenty two and a half, 22.5",
            "22, 22",
            "21.5, 21.5",
            "zero, 0"})
    void englishNumbers(String text, double expected) {
        assertThat(amountIn(text).value()).isEqualTo(expected);
        assertThat(amountIn(text).fraction()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "二十二, 22",
            "十五, 15",
            "两, 2",
            "十, 10",
            "一百, 100",
            "一百二十, 120",
            "三十五, 35",
            "二十二点五, 22.5",
            "二十二度半, 22.5",
            "22, 22",
            "21.5, 21.5",
            "２２, 22"})
    void chineseNumbers(String text, double expected) {
        assertThat(amountIn(text).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"half", "halfway", "一半", "半"})
    void halvesAreShareOfTheRange(String text) {
        Amount amount = amountIn(text);
        assertThat(amount.value()).isEqualTo(0.5);
        assertThat(amount.fraction()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"half a degree", "半度"})
    void halfWithAUnitIsAnAmount(String text) {
        Amount amount = amountIn(text);
        assertThat(amount.value()).isEqualTo(0.5);
        assertThat(amount.fraction()).isFalse();
        assertThat(amount.unit()).isEqualTo("degree");
    }

    @ParameterizedTest
    @CsvSource({"a bit warmer", "一点", "一点点", "有点冷", "一些"})
    void aBitIsNotANumber(String text) {
        assertThat(amountIn(text)).isNull();
    }
}
