package io.vehicle.bridge.auth;

import io.vehicle.someip.sdk.signal.SignalPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The permissions of a token, from its {@code scope} claim in KUKSA's syntax: space-separated entries
 * {@code ACTION} or {@code ACTION:PATH}, where ACTION is {@code read}, {@code actuate}, {@code provide} (or
 * {@code create}, which grants nothing here) and PATH is a signal pattern: a branch covers everything
 * below it, {@code *} one segment, {@code **} any number. {@code actuate} and {@code provide} include
 * {@code read}. Segments are compared as text, so {@code actuate:Vehicle.Cabin.Seat.Row2} works for every
 * digit (KUKSA's own parser accepts only 0 and 1 there).
 */
public final class Scopes {

    /** What a client wants to do with a signal. */
    public enum Action {
        READ, ACTUATE, PROVIDE, CREATE
    }

    private record Grant(Action action, SignalPattern pattern) {
        boolean covers(Action wanted, String path) {
            boolean actionFits = action == wanted
                    || wanted == Action.READ && (action == Action.ACTUATE || action == Action.PROVIDE);
            return actionFits && (pattern == null || pattern.matches(path));
        }
    }

    private static final Scopes ALL = new Scopes("read actuate provide",
            List.of(new Grant(Action.READ, null), new Grant(Action.ACTUATE, null), new Grant(Action.PROVIDE, null)));

    private final String text;
    private final List<Grant> grants;

    private Scopes(String text, List<Grant> grants) {
        this.text = text;
        this.grants = List.copyOf(grants);
    }

    /** Everything: what a client gets while authorization is off. */
    public static Scopes all() {
        return ALL;
    }

    /**
     * Parses a scope claim; IllegalArgumentException naming the entry for an unknown action or a malformed
     * path, so a token with a typo is refused rather than silently granting less than its owner meant.
     */
    public static Scopes parse(String claim) {
        List<Grant> grants = new ArrayList<>();
        String text = claim == null ? "" : claim.strip();
        for (String entry : text.split("\\s+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String actionName = colon < 0 ? entry : entry.substring(0, colon);
            Action action;
            try {
                action = Action.valueOf(actionName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scope '" + entry + "': unknown action '" + actionName
                        + "' (read, actuate, provide, create)");
            }
            if (!actionName.equals(actionName.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("scope '" + entry + "': actions are lower case");
            }
            SignalPattern pattern = null;
            if (colon >= 0) {
                String path = entry.substring(colon + 1);
                if (path.contains(":")) {
                    throw new IllegalArgumentException("scope '" + entry + "': sub-actions are not supported");
                }
                try {
                    pattern = SignalPattern.parse(path);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("scope '" + entry + "': " + e.getMessage());
                }
            }
            grants.add(new Grant(action, pattern));
        }
        return new Scopes(text, grants);
    }

    public boolean allows(Action action, String path) {
        for (Grant grant : grants) {
            if (grant.covers(action, path)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return grants.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
