package io.vehicle.bridge.write;

import java.util.List;

/** The answer to a write request: one result per signal, in the order asked. */
public record WriteReport(List<WriteResult> results, WriteOutcome outcome, String correlationId) {

    public WriteReport {
        results = List.copyOf(results);
    }
}
