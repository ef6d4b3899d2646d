package io.vehicle.bridge.subscription;

/** What a subscription does when its client reads slower than signals change. */
public enum Backpressure {
    /**
     * Keep only the newest pending value per signal; replaced ones are dropped and counted. Availability
     * changes are never merged away, so a client still learns that a signal was unavailable.
     */
    LATEST_ONLY,
    /** Keep every update up to the queue's capacity; overflowing ends the stream (RESOURCE_EXHAUSTED). */
    FAIL_ON_OVERFLOW,
    /** Keep up to the capacity and drop the oldest beyond it, counted (KUKSA's buffer_size). */
    DROP_OLDEST
}
