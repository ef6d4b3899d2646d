package io.vehicle.someip.sdk.signal;

import java.util.Arrays;
import java.util.List;

/**
 * A VSS path pattern, as KUKSA's scopes and filters use them: dot-separated segments where
 * {@code *} stands for exactly one segment and {@code **} for any number (zero or more). A pattern
 * without wildcards selects its own path and, as a branch, everything below it
 * ({@code Vehicle.Cabin.HVAC} covers {@code Vehicle.Cabin.HVAC.IsAirConditioningActive}).
 * Segments are compared as plain text, whatever characters or digits they hold ({@code Row2}).
 */
public final class SignalPattern {

    private final String text;
    private final List<String> segments;
    private final boolean branch;

    private SignalPattern(String text) {
        this.text = text;
        this.segments = Arrays.asList(text.split("\\.", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("invalid signal pattern '" + text + "': empty segment");
        }
        for (String segment : segments) {
            if (segment.contains("*") && !segment.equals("*") && !segment.equals("**")) {
                throw new IllegalArgumentException("invalid signal pattern '" + text
                        + "': a wildcard must be a whole segment (* or **)");
            }
        }
        this.branch = segments.stream().noneMatch(s -> s.startsWith("*"));
    }

    /** Parses a pattern; IllegalArgumentException with the reason for an empty or malformed one. */
    public static SignalPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty signal pattern");
        }
        return new SignalPattern(text.strip());
    }

    public boolean matches(String path) {
        List<String> parts = Arrays.asList(path.split("\\.", -1));
        if (branch) {
            return parts.size() >= segments.size() && parts.subList(0, segments.size()).equals(segments);
        }
        return matches(parts, 0, 0);
    }

    private boolean matches(List<String> parts, int p, int s) {
        if (s == segments.size()) {
            return p == parts.size();
        }
        String segment = segments.get(s);
        if (segment.equals("**")) {
            for (int skip = p; skip <= parts.size(); skip++) {
                if (matches(parts, skip, s + 1)) {
                    return true;
                }
            }
            return false;
        }
        return p < parts.size() && (segment.equals("*") || segment.equals(parts.get(p))) && matches(parts, p + 1, s + 1);
    }

    /** Whether the pattern holds {@code *} or {@code **} (otherwise it selects a path and its branch). */
    public boolean hasWildcard() {
        return !branch;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignalPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
