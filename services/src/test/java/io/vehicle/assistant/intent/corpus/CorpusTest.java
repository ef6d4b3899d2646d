package io.vehicle.assistant.intent.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.SharedOfflineEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole corpus through the offline engine. main.jsonl must pass completely (the data files may be written
 * from it); heldout.jsonl was written apart from the data files and measures how far the engine generalises: its
 * pass rate is printed, and a floor at the measured rate guards against regressions.
 */
class CorpusTest {

    /**
     * Measured: 90/99 (90.9 %) before its misses led to the general fixes of the heat/cool/defrost verbs, "all the
     * way" and the off switch; 99/99 since (no longer an untuned set for those constructions). Room for four misses.
     */
    private static final double HELD_OUT_FLOOR = 0.95;
    /** blind.jsonl was written after all tuning; its one run gave 39/40 (97.5 %). */
    private static final double BLIND_FLOOR = 0.95;
    /**
     * blind2.jsonl was written after all tuning and run before any change: 34/40 (85.0 %); 40/40 after the general
     * fixes its six misses pointed at (so no longer untuned for those constructions). Room for two misses.
     */
    private static final double BLIND2_FLOOR = 0.95;
    /**
     * blind3.jsonl (30 English, 30 Chinese) was written after all tuning and run before any change on 2026-11-30:
     * 50/60 (83.3 %); 59/60 after the general fixes its misses pointed at (negation and corrections, "on" before a
     * zone, darkness, misspellings, crack and air-direction word families), so no longer untuned for those. The
     * one miss left, b3-zh-13 ("不要开空调" proposed the A/C off), passes since denied requests do nothing: 60/60.
     * Room for three misses.
     */
    private static final double BLIND3_FLOOR = 0.95;
    /** blind3b.jsonl (15) was written after those fixes, without running it first: 15/15 at its first run. */
    private static final double BLIND3B_FLOOR = 0.93;
    /**
     * blind4.jsonl (20 English, 20 Chinese) was written after all tuning and run before any change on 2026-11-30:
     * 35/40 (87.5 %). Three misses led to general fixes ("crank", "enough with"/够了 as stop, advice questions do
     * nothing); two were expectations against the documented defaults, corrected (see blind4.py).
     */
    private static final double BLIND4_FLOOR = 0.95;
    /**
     * blind4b.jsonl (15) was written after those fixes, without running it first: 14/15 at its first run; the miss
     * ("it isn't hot enough in the back") turned phrase lists into a rule (a sufficiency word, ClauseReader).
     */
    private static final double BLIND4B_FLOOR = 0.93;

    @Test
    void mainCorpusPassesCompletely() {
        List<CorpusCase> cases = Corpus.read("corpus/main.jsonl");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        List<CorpusRun.Result> results = CorpusRun.run(SharedOfflineEngine.get(), cases);
        List<String> failures = results.stream().filter(r -> !r.passed()).map(CorpusRun.Result::toString).toList();
        System.out.printf("main corpus: %d/%d passed%n", results.size() - failures.size(), results.size());
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertThat(failures).isEmpty();
    }

    @Test
    void heldOutCorpusStaysAboveItsMeasuredFloor() {
        assertThat(passRate("corpus/heldout.jsonl", 80)).isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
    }

    @Test
    void blindCorpusStaysAboveItsMeasuredFloor() {
        assertThat(passRate("corpus/blind.jsonl", 40)).isGreaterThanOrEqualTo(BLIND_FLOOR);
    }

    @Test
    void secondBlindCorpusStaysAboveItsMeasuredFloor() {
        assertThat(passRate("corpus/blind2.jsonl", 40)).isGreaterThanOrEqualTo(BLIND2_FLOOR);
    }

    @Test
    void thirdBlindCorpusStaysAboveItsMeasuredFloor() {
        assertThat(passRate("corpus/blind3.jsonl", 60)).isGreaterThanOrEqualTo(BLIND3_FLOOR);
    }

    @Test
    void thirdBlindFollowUpStaysAboveItsMeasuredFloor() {
        assertThat(passRate("corpus/blind3b.jsonl", 15)).isGreaterThanOrEqualTo(BLIND3B_FLOOR);
    }

    @Test
    void fourthBlindCorpusStaysAboveItsMeasuredFloor() {
        assertThat(passRate("corpus/blind4.jsonl", 40)).isGreaterThanOrEqualTo(BLIND4_FLOOR);
    }

    @Test
    void fourthBlindFollowUpStaysAboveItsMeasuredFloor() {
        assertThat(passRate("corpus/blind4b.jsonl", 15)).isGreaterThanOrEqualTo(BLIND4B_FLOOR);
    }

    private static double passRate(String resource, int minimumCases) {
        List<CorpusCase> cases = Corpus.read(resource);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(minimumCases);
        List<CorpusRun.Result> results = CorpusRun.run(SharedOfflineEngine.get(), cases);
        long passed = results.stream().filter(CorpusRun.Result::passed).count();
        double rate = (double) passed / results.size();
        System.out.printf("%s: %d/%d passed (%.1f %%)%n", resource, passed, results.size(), rate * 100);
        results.stream().filter(r -> !r.passed()).forEach(r -> System.out.println("  MISS " + r));
        return rate;
    }
}
