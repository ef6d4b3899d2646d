package io.vehicle.assistant.intent.offline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Nearest examples by sentence embedding: finds the device a vague request is about ("it's like an oven in
 * here"). Embeddings place opposites close together (cos(调高温度, 调低温度) = 0.88) and score off-topic questions
 * like commands, so the bank only proposes a device; the caller takes the direction from the rules when it has
 * one, and asks back when the best two devices, or the two directions, are too close.
 */
final class ExampleBank {

    static final String NONE = "none";

    /** The nearest device and its runner-up, with the best example's verb and the best opposite one's score. */
    record Nearest(String device, double score, Verb verb, String runnerUp, double runnerUpScore,
            double oppositeScore, String example) {
    }

    /** {@code negated}: a prohibition ("别让小孩自己开门"), the only kind a negated request may be matched with. */
    private record Entry(ExampleFile.Example example, float[] vector, boolean negated) {
    }

    private final SentenceEncoder encoder;
    private final List<Entry> entries;

    ExampleBank(SentenceEncoder encoder, ExampleFile file, DeviceTable devices, Lexicon lexicon, String where) {
        this.encoder = encoder;
        this.entries = new ArrayList<>();
        for (ExampleFile.Example example : file.examples()) {
            if (!example.device().equals(NONE)) {
                Device device = devices.require(example.device(), where);
                if (example.verb() != null && !device.supports(example.verb())) {
                    throw new IllegalArgumentException(where + ": '" + example.text() + "': " + device.id
                            + " has no operation for " + example.verb());
                }
            }
            boolean negated = ClauseReader.read(lexicon, lexicon.normalize(example.text())).negated;
            entries.add(new Entry(example, encoder.encode(example.text()), negated));
        }
    }

    /**
     * The nearest examples among the devices the filter admits (examples of "none" always count); for a negated
     * text only the negated examples of devices count, since embeddings hardly tell "open" from "don't open".
     */
    Nearest nearest(String text, Predicate<String> admits, boolean negated) {
        float[] query = encoder.encode(text);
        Map<String, Double> bestByDevice = new HashMap<>();
        Entry best = null;
        double bestScore = -2;
        for (Entry entry : entries) {
            String device = entry.example().device();
            if (!device.equals(NONE) && (!admits.test(device) || entry.negated() != negated)) {
                continue;
            }
            double score = dot(query, entry.vector());
            bestByDevice.merge(device, score, Math::max);
            if (score > bestScore) {
                bestScore = score;
                best = entry;
            }
        }
        if (best == null) {
            return new Nearest(NONE, 0, null, NONE, 0, 0, "");
        }
        String device = best.example().device();
        String runnerUp = NONE;
        double runnerUpScore = -2;
        for (Map.Entry<String, Double> candidate : bestByDevice.entrySet()) {
            if (!candidate.getKey().equals(device) && candidate.getValue() > runnerUpScore) {
                runnerUp = candidate.getKey();
                runnerUpScore = candidate.getValue();
            }
        }
        Verb verb = best.example().verb();
        double opposite = -2;
        if (verb != null) {
            for (Entry entry : entries) {
                if (entry.example().device().equals(device) && entry.example().verb() == verb.opposite()) {
                    opposite = Math.max(opposite, dot(query, entry.vector()));
                }
            }
        }
        return new Nearest(device, bestScore, verb, runnerUp, runnerUpScore, opposite, best.example().text());
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    int size() {
        return entries.size();
    }
}
