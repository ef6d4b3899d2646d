package io.vehicle.assistant.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.corpus.Corpus;
import io.vehicle.assistant.intent.corpus.CorpusCase;
import io.vehicle.assistant.intent.corpus.CorpusRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever the driver says, every proposed write names a writable catalog signal with a value of the
 * signal's type (a Double for float, a Long for integers, a Boolean for bool, an allowed name for enumerations).
 * Checked over every corpus output and over random word salads made of the engine's own vocabulary.
 */
class CatalogSafetyTest {

    @Test
    void everyCorpusOutputIsAWritableCatalogSignalOfTheRightType() {
        List<CorpusCase> cases = new ArrayList<>(Corpus.read("corpus/main.jsonl"));
        cases.addAll(Corpus.read("corpus/heldout.jsonl"));
        int checked = 0;
        for (CorpusRun.Result result : CorpusRun.run(SharedOfflineEngine.get(), cases)) {
            for (ProposedAction action : result.understanding().actions()) {
                CatalogAssertions.assertWritableAndTyped(action, result.c().say());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(400);
    }

    @Test
    void randomWordSaladsNeverProposeAnythingOutsideTheCatalog() {
        String[] english = ("open close turn up down on off the window windows sunroof trunk door doors lock unlock "
                + "speed gear engine high beam headlights fan temperature seat heating warmer colder too hot cold "
                + "passenger rear left right all other side twenty two 22 72 fahrenheit percent half max min and then "
                + "a bit a lot volume mute screen bright night mode wipers fast is what please").split(" ");
        String[] chinese = ("打开 关闭 调高 调低 车窗 天窗 后备箱 车门 锁 解锁 车速 档位 发动机 远光灯 风量 温度 座椅加热 "
                + "暖和 凉快 太热 有点冷 副驾 后排 左后 所有 另一边 二十二 22 华氏 百分之五十 一半 最大 最小 并 然后 "
                + "一点 很多 音量 静音 屏幕 亮 夜间模式 雨刮 快 吗 请").split(" ");
        Random random = new Random(20_260_501L);
        int proposed = 0;
        for (int i = 0; i < 600; i++) {
            String[] words = i % 2 == 0 ? english : chinese;
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int w = 0; w < length; w++) {
                text.append(words[random.nextInt(words.length)]).append(i % 2 == 0 ? " " : "");
            }
            Conversation conversation = new Conversation();
            Understanding understanding = SharedOfflineEngine.get()
                    .understand(text.toString(), conversation, VehicleState.empty());
            for (ProposedAction action : understanding.actions()) {
                CatalogAssertions.assertWritableAndTyped(action, text.toString());
                proposed++;
            }
        }
        assertThat(proposed).as("the salads should exercise the planner, not only rejections").isGreaterThan(100);
    }
}
