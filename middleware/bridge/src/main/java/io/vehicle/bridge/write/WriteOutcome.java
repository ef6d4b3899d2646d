package io.vehicle.bridge.write;

/** A write request as a whole (vehicle.gateway.v1.WriteOutcome). */
public enum WriteOutcome {
    /** Every signal confirmed by its ECU. */
    CONFIRMED,
    /** Dry run: every signal passed. Nothing written. */
    ALLOWED,
    /** A signal was refused for a reason the driver's confirmation would not change. Nothing written. */
    REFUSED,
    /** The only obstacle is a rule that wants the driver's confirmation. Nothing written. */
    NEEDS_CONFIRMATION,
    /** Sent; some signals confirmed, some not. */
    PARTIAL,
    /** Sent; none confirmed. */
    FAILED
}
