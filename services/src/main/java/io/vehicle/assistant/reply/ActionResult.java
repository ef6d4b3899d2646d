package io.vehicle.assistant.reply;

import java.util.Objects;

/**
 * The outcome of one proposed write, as the pipeline reports it to the reply.
 *
 * @param path   VSS path written
 * @param value  the value proposed (Double, Long, Boolean or an enumeration name)
 * @param status what became of it
 * @param denial why the policy refused it; only with {@link ActionStatus#DENIED_BY_POLICY}
 * @param range  the signal's range; with {@link ActionStatus#INVALID} for a number out of range, else null
 * @param ecuError the ECU's error answer; only with {@link ActionStatus#REJECTED_BY_ECU}, null when the gateway
 *               reported none (the ECU confirmed another value)
 * @param reason the gateway's or ECU's own words, for the audit log (never shown as is)
 */
public record ActionResult(String path, Object value, ActionStatus status, Denial denial, Range range,
        EcuRefusal ecuError, String reason) {

    /** An inclusive range of a numeric signal. */
    public record Range(double min, double max) {
    }

    public ActionResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        if ((status == ActionStatus.DENIED_BY_POLICY) != (denial != null)) {
            throw new IllegalArgumentException("a denial goes with DENIED_BY_POLICY and only with it: " + status);
        }
        if (range != null && status != ActionStatus.INVALID) {
            throw new IllegalArgumentException("a range goes only with INVALID: " + status);
        }
        if (ecuError != null && status != ActionStatus.REJECTED_BY_ECU) {
            throw new IllegalArgumentException("an ECU error goes only with REJECTED_BY_ECU: " + status);
        }
    }

    /** A result without an ECU error. */
    public ActionResult(String path, Object value, ActionStatus status, Denial denial, Range range, String reason) {
        this(path, value, status, denial, range, null, reason);
    }

    public static ActionResult confirmed(String path, Object value) {
        return new ActionResult(path, value, ActionStatus.CONFIRMED, null, null, "");
    }

    public static ActionResult outOfRange(String path, Object value, double min, double max) {
        return new ActionResult(path, value, ActionStatus.INVALID, null, new Range(min, max), "out of range");
    }

    public static ActionResult denied(String path, Object value, Denial denial, String reason) {
        return new ActionResult(path, value, ActionStatus.DENIED_BY_POLICY, denial, null, reason);
    }

    /** The ECU answered the write with an error. */
    public static ActionResult rejectedByEcu(String path, Object value, EcuRefusal ecuError, String reason) {
        return new ActionResult(path, value, ActionStatus.REJECTED_BY_ECU, null, null, ecuError, reason);
    }

    public static ActionResult of(String path, Object value, ActionStatus status, String reason) {
        return new ActionResult(path, value, status, null, null, reason);
    }
}
