package io.vehicle.assistant.pipeline;

import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.reply.ActionResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An engine's reading of one utterance as the pipeline needs it.
 *
 * @param understanding  the actions, question or "not understood"; its {@code engine} names who answered
 * @param fallbackReason non-empty when a language model was asked but the offline engine answered instead
 * @param confidence     0 to 1; 0 when the engine gives none
 * @param wording        words the final reply from the write results (a language model does); the pipeline
 *                       still composes its own reply when this gives none
 * @param refusals       proposals the interpreter refused itself before they reached the gateway (a model's
 *                       out-of-range value, say), reported to the driver like the gateway's refusals
 * @param details        for the audit log: how the interpretation came about (model, attempts, refused tool
 *                       calls with their reasons, timings); values Jackson can write
 */
public record Interpretation(Understanding understanding, String fallbackReason, float confidence,
        FinalWording wording, List<ActionResult> refusals, Map<String, Object> details) {

    /** Words a reply from what became of the actions. */
    @FunctionalInterface
    public interface FinalWording {

        FinalWording NONE = results -> Optional.empty();

        /** The reply for the driver, or empty to let the pipeline compose it. */
        Optional<String> word(List<ActionResult> results);
    }

    public Interpretation {
        Objects.requireNonNull(understanding, "understanding");
        fallbackReason = fallbackReason == null ? "" : fallbackReason;
        wording = wording == null ? FinalWording.NONE : wording;
        refusals = List.copyOf(refusals);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                details));
    }

    public static Interpretation of(Understanding understanding) {
        return new Interpretation(understanding, "", 0f, FinalWording.NONE, List.of(), Map.of());
    }
}
