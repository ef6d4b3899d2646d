package io.vehicle.assistant.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.corpus.Corpus;
import io.vehicle.assistant.intent.corpus.CorpusCase;
import io.vehicle.assistant.intent.corpus.CorpusRun;
import io.vehicle.assistant.intent.offline.OfflineIntentEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One engine serves several sessions at once: answers from four threads equal the answers from one. */
class ConcurrentUseTest {

    @Test
    void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
        OfflineIntentEngine engine = SharedOfflineEngine.get();
        List<CorpusCase> cases = Corpus.read("corpus/main.jsonl").stream().filter(c -> c.session() == null).toList();
        List<String> sequential = new ArrayList<>();
        for (CorpusCase c : cases) {
            sequential.add(answer(engine, c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    for (CorpusCase c : cases) {
                        answers.add(answer(engine, c));
                    }
                    return answers;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get(5, TimeUnit.MINUTES)).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String answer(OfflineIntentEngine engine, CorpusCase c) {
        Understanding understanding = engine.understand(c.say(), new Conversation(),
                VehicleState.of(c.state() == null ? Map.of() : c.state()));
        return CorpusRun.describe(understanding) + " " + understanding.question();
    }
}
