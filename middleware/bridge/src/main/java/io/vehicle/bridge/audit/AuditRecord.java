package io.vehicle.bridge.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One write attempt of one signal, as the audit log keeps it: who, what, the decision and why, and what
 * the ECU did. Values are as people read them ("22.5", "true", "UP").
 *
 * @param time          when the attempt ended (ISO-8601)
 * @param writer        the identity the policy judged (token client_id or sub, or the configured writer)
 * @param via           which API: "gateway", "kuksa", or "service:vehicle.hvac.v1.HvacService/SetClimate"
 * @param decision      ALLOW, DENY, NEEDS_CONFIRMATION, INVALID (the request contradicts the catalog)
 * @param result        the write's status: CONFIRMED, REJECTED_BY_ECU, TIMEOUT, ..., or ALLOWED for a dry run
 * @param latencyMs     from receiving the request to the result
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"time", "writer", "via", "correlationId", "path", "requested", "previous", "dryRun",
        "driverConfirmed", "decision", "rule", "check", "reason", "result", "confirmed", "confirmedAt",
        "ecuError", "latencyMs"})
public record AuditRecord(String time, String writer, String via, String correlationId, String path,
                          String requested, String previous, boolean dryRun, boolean driverConfirmed,
                          String decision, String rule, String check, String reason, String result,
                          String confirmed, String confirmedAt, String ecuError, double latencyMs) {
}
