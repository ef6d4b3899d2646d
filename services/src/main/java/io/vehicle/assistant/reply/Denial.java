package io.vehicle.assistant.reply;

/** Why the policy refused a write, as far as the driver needs to know. */
public enum Denial {
    /** A precondition on the driving state failed (speed, gear). */
    WHILE_DRIVING,
    /** The change per write is larger than allowed. */
    STEP_TOO_LARGE,
    /** Too many writes in a short time. */
    RATE_LIMITED,
    /** This writer may not write the signal at all, or precondition data was missing or stale. */
    NOT_PERMITTED
}
