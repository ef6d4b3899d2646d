package io.vehicle.assistant.pipeline;

import io.vehicle.idl.assistant.v1.Outcome;
import io.vehicle.idl.assistant.v1.Reply;
import java.util.List;
import java.util.Map;

/**
 * What one request came to, for callers in the same process (the evaluation, benchmarks): the same facts the
 * streamed steps carry, in one place.
 *
 * @param engine     who understood the utterance ("offline", "llm:&lt;model&gt;")
 * @param actions    one per proposed action, in the driver's order
 * @param questionId the confirmation question left open, empty when none
 * @param timings    milliseconds from the request's start: {@code understood}, {@code decided},
 *                   {@code writes_issued}, {@code confirmed}, {@code replied} (only those reached)
 */
public record TurnReport(String correlationId, String engine, String fallbackReason, Reply reply,
        List<ActionReport> actions, String questionId, Map<String, Double> timings) {

    public TurnReport {
        actions = List.copyOf(actions);
        timings = Map.copyOf(timings);
    }

    public Outcome outcome() {
        return reply.getOutcome();
    }

    /**
     * One proposed action and what became of it.
     *
     * @param decision the policy's answer to the dry run, lower case ({@code allowed}, {@code denied_by_policy},
     *                 {@code needs_confirmation}, {@code invalid}, {@code unavailable}, ...; {@code
     *                 refused_by_node} for a model's call the node refused itself)
     * @param reason   the gateway's (or the node's) reason; empty when allowed
     * @param result   the write's status, lower case ({@code confirmed}, {@code rejected_by_ecu}, {@code timeout},
     *                 ...), or {@code not_written} when it was not sent (refused, held for a confirmation, dry run)
     */
    public record ActionReport(String path, Object value, String decision, String reason, String result) {
    }
}
