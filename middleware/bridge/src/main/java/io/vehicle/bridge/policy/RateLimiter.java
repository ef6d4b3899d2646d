package io.vehicle.bridge.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets, one per key (a rule and a signal, or a rule and a writer): a bucket holds up to
 * {@code maxWrites} tokens and refills at {@code maxWrites / perSeconds} per second; a write takes one.
 * Not thread-safe: the {@link PolicyEngine} judges under its lock.
 */
final class RateLimiter {

    private static final class Bucket {
        final RateLimit limit;
        double tokens;
        long lastMillis;

        Bucket(RateLimit limit, long now) {
            this.limit = limit;
            this.tokens = limit.maxWrites();
            this.lastMillis = now;
        }

        double available(long now) {
            double refill = (now - lastMillis) * (double) limit.maxWrites() / (limit.perSeconds() * 1000.0);
            return Math.min(limit.maxWrites(), tokens + Math.max(0, refill));
        }
    }

    private final Map<String, Bucket> buckets = new HashMap<>();

    /** Whether {@code count} more writes fit now. */
    boolean fits(String key, RateLimit limit, int count, long now) {
        return bucket(key, limit, now).available(now) >= count - 1e-9;
    }

    /** Seconds until one more write would fit (for the reason given to people). */
    double waitSeconds(String key, RateLimit limit, int count, long now) {
        double missing = count - bucket(key, limit, now).available(now);
        return Math.max(0, missing * limit.perSeconds() / limit.maxWrites());
    }

    void take(String key, RateLimit limit, int count, long now) {
        Bucket bucket = bucket(key, limit, now);
        bucket.tokens = bucket.available(now) - count;
        bucket.lastMillis = now;
    }

    private Bucket bucket(String key, RateLimit limit, long now) {
        Bucket bucket = buckets.get(key);
        if (bucket == null || !bucket.limit.equals(limit)) { // new, or the policy changed the limit
            bucket = new Bucket(limit, now);
            buckets.put(key, bucket);
        }
        return bucket;
    }
}
