package io.vehicle.assistant.reply;

/** What became of one proposed write. Only {@link #CONFIRMED} means the ECU shows the new value. */
public enum ActionStatus {
    /** The ECU's notifier or getter shows the value. */
    CONFIRMED,
    /** The ECU answered with an error. */
    REJECTED_BY_ECU,
    /** The gateway's policy refused it; see {@link Denial}. */
    DENIED_BY_POLICY,
    /** No ECU offers the signal right now. */
    UNAVAILABLE,
    /** No confirmation within the deadline. */
    TIMEOUT,
    /** The value is outside the signal's range or allowed values. */
    INVALID,
    /** The policy wants the driver to confirm first. */
    NEEDS_CONFIRMATION,
    /** Not sent, because another write of the same request was refused (the gateway validates a batch whole). */
    NOT_ATTEMPTED
}
