package io.vehicle.assistant.pipeline;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's sessions by id, bounded: beyond {@code maxSessions} the one idle longest is forgotten (with its
 * questions), so a client inventing session ids cannot grow the node's memory without end.
 */
final class Sessions {

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final int maxSessions;

    Sessions(int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
        this.maxSessions = maxSessions;
    }

    /** The session, created on first use. */
    Session open(String id) {
        long now = System.nanoTime();
        Session session = byId.computeIfAbsent(id, key -> new Session(key, now));
        session.lastUsedNanos = now;
        if (byId.size() > maxSessions) {
            byId.values().stream().filter(s -> s != session).min(Comparator.comparingLong(s -> s.lastUsedNanos))
                    .ifPresent(oldest -> byId.remove(oldest.id, oldest));
        }
        return session;
    }

    Optional<Session> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    int size() {
        return byId.size();
    }
}
