package io.vehicle.bridge.write;

/** What became of one signal of a write (vehicle.gateway.v1.WriteStatus, plus ACCEPTED while in flight). */
public enum WriteStatus {
    /** The ECU reports the requested value: the only status that means "done". */
    CONFIRMED,
    /** The ECU answered the write with an error. */
    REJECTED_BY_ECU,
    /** The write policy or the caller's token scopes refuse it. */
    DENIED_BY_POLICY,
    /** The ECU is not on the network, or left it before confirming. */
    UNAVAILABLE,
    /** Sent, but not confirmed in time; the ECU may still apply it. */
    TIMEOUT,
    /** Contradicts the signal's definition: unknown, read-only, wrong type, outside the catalog's limits. */
    INVALID,
    /** Allowed only with the driver's confirmation, which the request did not assert. */
    NEEDS_CONFIRMATION,
    /** Dry run: passed every check. */
    ALLOWED,
    /** Not sent because another signal of the same request was refused. */
    NOT_ATTEMPTED,
    /** The ECU accepted the write (its setter answered) and the confirmation is still awaited. */
    ACCEPTED;

    public boolean refusal() {
        return this == INVALID || this == DENIED_BY_POLICY || this == NEEDS_CONFIRMATION || this == UNAVAILABLE;
    }
}
