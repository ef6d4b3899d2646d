package io.vehicle.assistant.suggest;

import io.vehicle.assistant.intent.VehicleState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Watches the vehicle's values and turns rule offers into suggestions: at most one open suggestion per rule; it
 * is withdrawn when its situation clears, and expires after {@code ttl}. A suggestion is never acted on here:
 * {@link #take} hands it to whoever performs it through the pipeline (accepted) or drops it (dismissed). After a
 * suggestion is taken or expires, its rule stays quiet for {@code cooldown}, so the driver is not asked again and
 * again about the same thing.
 */
public final class SuggestionWatcher {

    /** An open suggestion. */
    public record Suggested(String id, Offer offer, Instant created, Instant expires) {
    }

    private final List<SuggestionRule> rules;
    private final Clock clock;
    private final Duration ttl;
    private final Duration cooldown;
    private final Map<String, Suggested> openByRule = new LinkedHashMap<>();
    private final Map<String, Instant> quietUntil = new HashMap<>();
    private final List<Consumer<Suggested>> listeners = new CopyOnWriteArrayList<>();

    public SuggestionWatcher(List<SuggestionRule> rules, Clock clock, Duration ttl, Duration cooldown) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
        this.ttl = ttl;
        this.cooldown = cooldown;
    }

    /** Judges the vehicle as it is now; listeners hear of every new suggestion. */
    public void update(VehicleState state) {
        List<Suggested> fresh = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            expire(now);
            for (SuggestionRule rule : rules) {
                Optional<Offer> offer = rule.check(state);
                if (offer.isEmpty()) {
                    openByRule.remove(rule.id()); // the situation cleared: withdrawn
                    continue;
                }
                if (openByRule.containsKey(rule.id()) || now.isBefore(quietUntil.getOrDefault(rule.id(),
                        Instant.MIN))) {
                    continue;
                }
                Suggested suggested = new Suggested("s-" + UUID.randomUUID(), offer.get(), now, now.plus(ttl));
                openByRule.put(rule.id(), suggested);
                fresh.add(suggested);
            }
        }
        for (Suggested suggested : fresh) {
            listeners.forEach(listener -> listener.accept(suggested));
        }
    }

    /** The open suggestions, oldest first. */
    public synchronized List<Suggested> open() {
        expire(clock.instant());
        return List.copyOf(openByRule.values());
    }

    /**
     * Takes an open suggestion to perform or dismiss it; its rule then stays quiet for the cooldown. Empty when
     * the id is unknown, expired, already taken or withdrawn.
     */
    public synchronized Optional<Suggested> take(String id) {
        Instant now = clock.instant();
        expire(now);
        for (Map.Entry<String, Suggested> entry : openByRule.entrySet()) {
            if (entry.getValue().id().equals(id)) {
                openByRule.remove(entry.getKey());
                quietUntil.put(entry.getKey(), now.plus(cooldown));
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** Hears of each new suggestion; returns what stops it. */
    public Runnable listen(Consumer<Suggested> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void expire(Instant now) {
        openByRule.entrySet().removeIf(entry -> {
            if (!now.isBefore(entry.getValue().expires())) {
                quietUntil.put(entry.getKey(), now.plus(cooldown));
                return true;
            }
            return false;
        });
    }
}
