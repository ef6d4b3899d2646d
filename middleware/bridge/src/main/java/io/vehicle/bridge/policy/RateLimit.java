package io.vehicle.bridge.policy;

/** At most {@code maxWrites} writes in any {@code perSeconds} seconds (a token bucket of that size). */
public record RateLimit(int maxWrites, int perSeconds) {

    public RateLimit {
        if (maxWrites < 1 || perSeconds < 1) {
            throw new IllegalArgumentException("rate limit: maxWrites and perSeconds must be at least 1");
        }
    }

    @Override
    public String toString() {
        return maxWrites + " per " + perSeconds + " s";
    }
}
