package io.vehicle.bridge.subscription;

import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.SignalState;
import io.vertx.core.Context;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Hands every change of {@link LiveValues} to the subscribers of that signal. The only work on the value
 * flow's thread is one {@link Subscriber#offer} per interested subscriber, which never waits; so a slow or
 * stuck client delays neither the flow nor other subscribers.
 */
public final class SubscriptionHub implements Consumer<SignalState> {

    private final LiveValues values;
    private final int maxSubscriptions;
    private final Map<String, List<Subscriber<?>>> byPath = new HashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder offered = new LongAdder();
    private final LongAdder overflows = new LongAdder();

    public SubscriptionHub(LiveValues values, int maxSubscriptions) {
        this.values = values;
        this.maxSubscriptions = maxSubscriptions;
        values.all().forEach(state -> byPath.put(state.path(), new CopyOnWriteArrayList<>()));
        values.addListener(this);
    }

    /**
     * Opens a subscription to {@code paths} (which must be signals of the catalog) writing to
     * {@code stream} on {@code context}; its first response holds the current state of every path.
     *
     * @throws SubscriptionLimitException when the bridge already holds its maximum
     */
    public <R> Subscriber<R> open(String label, Collection<String> paths, SubscriberOptions options, Context context,
                                  WriteStream<R> stream, BiFunction<List<SignalState>, Long, R> encoder,
                                  Consumer<String> overflow) {
        if (open.incrementAndGet() > maxSubscriptions) {
            open.decrementAndGet();
            throw new SubscriptionLimitException("the bridge holds its maximum of " + maxSubscriptions
                    + " subscriptions; close one or raise limits.maxSubscriptions");
        }
        Set<String> unique = new LinkedHashSet<>(paths);
        Subscriber<R> subscriber = new Subscriber<>(this, label, unique, options, context, stream, encoder, reason -> {
            overflows.increment();
            overflow.accept(reason);
        });
        unique.forEach(path -> byPath.get(path).add(subscriber));
        List<SignalState> snapshot = new ArrayList<>();
        unique.forEach(path -> snapshot.add(values.get(path)));
        subscriber.start(snapshot);
        return subscriber;
    }

    @Override
    public void accept(SignalState state) {
        List<Subscriber<?>> subscribers = byPath.get(state.path());
        int count = 0;
        for (Subscriber<?> subscriber : subscribers) { // a snapshot: opening and closing never disturb it
            subscriber.offer(state);
            count++;
        }
        offered.add(count);
    }

    void remove(Subscriber<?> subscriber) {
        boolean removed = false;
        for (String path : subscriber.paths()) {
            removed |= byPath.get(path).remove(subscriber);
        }
        if (removed) {
            open.decrementAndGet();
        }
    }

    /** The queues of every open subscription, now. */
    public List<SubscriberStats> stats() {
        Set<Subscriber<?>> all = new LinkedHashSet<>();
        byPath.values().forEach(all::addAll);
        return all.stream().map(Subscriber::stats).toList();
    }

    public int openSubscriptions() {
        return open.get();
    }

    /** Updates handed to subscriber queues since start. */
    public long offered() {
        return offered.sum();
    }

    /** Subscriptions ended because their client read too slowly (FAIL_ON_OVERFLOW). */
    public long overflows() {
        return overflows.sum();
    }
}
