package io.vehicle.simulator.ecu;

import io.vehicle.someip.transport.OutboundFilter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network an ECU's outgoing messages meet: loss and delay injected per service id, or for all of
 * them (SD included) under {@link #ALL}. Installed as the outbound filter of the ECU's node; with no
 * condition set every message passes at once. Losses follow a seeded random sequence.
 */
public final class NetworkConditions implements OutboundFilter {

    /** A condition for every message of the ECU, SOME/IP-SD included. */
    public static final int ALL = -1;

    private record Condition(double lossPercent, long delayNanos, long jitterNanos) {
    }

    private final Map<Integer, Condition> conditions = new ConcurrentHashMap<>();
    private final Random random;

    public NetworkConditions(long seed) {
        this.random = new Random(seed);
    }

    public void loss(int serviceId, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("packet loss " + percent + " is outside 0..100 percent");
        }
        conditions.merge(serviceId, new Condition(percent, 0, 0),
                (old, now) -> new Condition(percent, old.delayNanos, old.jitterNanos));
    }

    public void delay(int serviceId, long delayNanos, long jitterNanos) {
        if (delayNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("delay and jitter must not be negative");
        }
        conditions.merge(serviceId, new Condition(0, delayNanos, jitterNanos),
                (old, now) -> new Condition(old.lossPercent, delayNanos, jitterNanos));
    }

    public void clearLoss(int serviceId) {
        conditions.computeIfPresent(serviceId, (id, old) -> old.delayNanos == 0 ? null
                : new Condition(0, old.delayNanos, old.jitterNanos));
    }

    public void clearDelay(int serviceId) {
        conditions.computeIfPresent(serviceId, (id, old) -> old.lossPercent == 0 ? null
                : new Condition(old.lossPercent, 0, 0));
    }

    public void clear() {
        conditions.clear();
    }

    @Override
    public long decide(int serviceId, InetSocketAddress remote) {
        if (conditions.isEmpty()) {
            return PASS;
        }
        Condition condition = conditions.get(serviceId);
        if (condition == null) {
            condition = conditions.get(ALL);
        }
        if (condition == null) {
            return PASS;
        }
        synchronized (random) {
            if (condition.lossPercent > 0 && random.nextDouble() * 100 < condition.lossPercent) {
                return DROP;
            }
            if (condition.delayNanos > 0 || condition.jitterNanos > 0) {
                long jitter = condition.jitterNanos > 0 ? (long) (random.nextDouble() * condition.jitterNanos) : 0;
                return Math.max(1, condition.delayNanos + jitter);
            }
        }
        return PASS;
    }
}
