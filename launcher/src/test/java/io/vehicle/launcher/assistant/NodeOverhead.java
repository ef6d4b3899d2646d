package io.vehicle.launcher.assistant;

import io.vehicle.assistant.llm.ScriptedModelServer.Exchange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's own time on one language-model turn, the model's taken out. The node measures its spans
 * ({@code TurnReport.timings}, ms from the request's start); the model server measures each exchange from the
 * request's arrival to its answer's last byte written. A turn that reads an utterance with a model and words the
 * reply with it has two exchanges: the first inside {@code state_read → understood}, the second (with the tool
 * results) inside {@code confirmed → replied}.
 *
 * @param reading the node's time around the first exchange: prompt, HTTP, parsing and checking the tool calls
 * @param wording the node's time around the second exchange: follow-up request, HTTP, reply check, composing
 * @param turn    the whole turn without the model: state read, reading, dry run, writes to CONFIRMED, wording
 * @param model   the two exchanges as the server measured them
 */
record NodeOverhead(double reading, double wording, double turn, double model) {

    /** What the language model costs the node on top of the model itself: {@code reading + wording}. */
    double llmPath() {
        return reading + wording;
    }

    /**
     * The split of one turn; empty when the turn is not a complete model turn (a fallback, a turn without the
     * second exchange, or timings missing).
     */
    static Optional<NodeOverhead> of(Map<String, Double> timings, List<Exchange> exchanges) {
        if (exchanges.size() != 2 || exchanges.get(0).toolResults() || !exchanges.get(1).toolResults()) {
            return Optional.empty();
        }
        for (String mark : List.of("state_read", "understood", "confirmed", "replied")) {
            if (!timings.containsKey(mark)) {
                return Optional.empty();
            }
        }
        double first = exchanges.get(0).millis();
        double second = exchanges.get(1).millis();
        return Optional.of(new NodeOverhead(timings.get("understood") - timings.get("state_read") - first,
                timings.get("replied") - timings.get("confirmed") - second, timings.get("replied") - first - second,
                first + second));
    }
}
