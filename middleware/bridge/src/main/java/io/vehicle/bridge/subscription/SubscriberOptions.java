package io.vehicle.bridge.subscription;

/**
 * How one subscription queues.
 *
 * @param backpressure  what happens when the client reads too slowly
 * @param capacity      the most updates that may wait
 * @param minIntervalMs at most one value per signal per interval (0: every change)
 * @param maxBatch      the most updates in one response
 */
public record SubscriberOptions(Backpressure backpressure, int capacity, int minIntervalMs, int maxBatch) {

    public SubscriberOptions {
        if (capacity < 1 || maxBatch < 1 || minIntervalMs < 0) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive, minIntervalMs not negative");
        }
    }
}
