package io.vehicle.assistant.gateway;

import java.util.Arrays;

/**
 * A signal pattern as the gateway and its policy write them: a full path, a branch (every signal below it),
 * {@code *} for exactly one segment, {@code **} for any number of segments.
 */
public final class SignalPattern {

    private final String[] segments;

    private SignalPattern(String pattern) {
        this.segments = pattern.split("\\.");
    }

    public static SignalPattern of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("empty signal pattern");
        }
        return new SignalPattern(pattern.strip());
    }

    public boolean matches(String path) {
        String[] parts = path.split("\\.");
        // A pattern that ends before the path names the branch the path is in.
        return match(0, parts, 0, true);
    }

    private boolean match(int s, String[] parts, int p, boolean branchAllowed) {
        if (s == segments.length) {
            return p == parts.length || (branchAllowed && p > 0);
        }
        String segment = segments[s];
        if (segment.equals("**")) {
            for (int next = p; next <= parts.length; next++) {
                if (match(s + 1, parts, next, false)) {
                    return true;
                }
            }
            return false;
        }
        if (p == parts.length) {
            return false;
        }
        return (segment.equals("*") || segment.equals(parts[p])) && match(s + 1, parts, p + 1, branchAllowed);
    }

    @Override
    public String toString() {
        return String.join(".", Arrays.asList(segments));
    }
}
