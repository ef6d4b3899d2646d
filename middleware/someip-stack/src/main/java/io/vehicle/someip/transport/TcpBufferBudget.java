package io.vehicle.someip.transport;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of partial messages all TCP connections of a node may buffer together. Each connection
 * already holds at most one partial message of the maximum size; this bounds the sum, so a hundred
 * connections each holding most of a large message cannot take hundreds of megabytes. When the sum
 * goes over, the connection holding the most is closed and counted as
 * {@link EndpointRefusal#TCP_BUFFER_LIMIT}. Safe to use from any thread.
 */
public final class TcpBufferBudget {

    private final long limit;
    private final RefusalCounter<EndpointRefusal> refusals;
    private final Map<Channel, Long> held = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    public TcpBufferBudget(long limit, RefusalCounter<EndpointRefusal> refusals) {
        this.limit = limit;
        this.refusals = refusals;
    }

    public long limit() {
        return limit;
    }

    /** What all connections hold now. */
    public long total() {
        return total.get();
    }

    /** {@code connection} now holds {@code bytes} (0: nothing); over the budget, the largest holder is closed. */
    public void hold(Channel connection, long bytes) {
        Long before = bytes == 0 ? held.remove(connection) : held.put(connection, bytes);
        long sum = total.addAndGet(bytes - (before == null ? 0 : before));
        if (sum <= limit) {
            return;
        }
        Map.Entry<Channel, Long> largest = null;
        for (Map.Entry<Channel, Long> e : held.entrySet()) {
            if (largest == null || e.getValue() > largest.getValue()) {
                largest = e;
            }
        }
        if (largest != null && held.remove(largest.getKey(), largest.getValue())) {
            total.addAndGet(-largest.getValue());
            refusals.record(largest.getKey().remoteAddress(), EndpointRefusal.TCP_BUFFER_LIMIT, "TCP connection "
                    + "holding " + largest.getValue() + " bytes of a partial message closed: the connections hold "
                    + sum + " bytes, over the budget of " + limit);
            largest.getKey().close();
        }
    }

    /** The connection is gone: what it held is free. */
    public void release(Channel connection) {
        hold(connection, 0);
    }
}
