package io.vehicle.bridge.grpc;

import io.vehicle.bridge.auth.Identity;
import io.vehicle.bridge.auth.Scopes;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalPattern;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns what a client names (paths, patterns) into signals of the catalog, with the statuses KUKSA clients
 * expect: INVALID_ARGUMENT for nothing or nonsense, NOT_FOUND when nothing matches, PERMISSION_DENIED when
 * the token may not read what was named.
 */
public final class SignalQuery {

    /** KUKSA's limit on a path's length. */
    public static final int MAX_PATH_LENGTH = 1000;
    /** More patterns than any client needs in one call. */
    public static final int MAX_PATTERNS = 1000;

    private final SignalRegistry registry;

    public SignalQuery(SignalRegistry registry) {
        this.registry = registry;
    }

    public SignalRegistry registry() {
        return registry;
    }

    /** One exact path. */
    public SignalDefinition signal(String path) {
        checkText(path);
        return registry.find(path).orElseThrow(() -> new StatusException(GrpcStatus.NOT_FOUND, "unknown signal " + path));
    }

    /** The signals matching any of the patterns, in catalog order; every pattern must match something. */
    public List<SignalDefinition> matching(Collection<String> patterns) {
        if (patterns.isEmpty()) {
            throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "no signal patterns given");
        }
        if (patterns.size() > MAX_PATTERNS) {
            throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "more than " + MAX_PATTERNS + " patterns");
        }
        Set<SignalDefinition> selected = new LinkedHashSet<>();
        for (String text : patterns) {
            checkText(text);
            SignalPattern pattern;
            try {
                pattern = SignalPattern.parse(text);
            } catch (IllegalArgumentException e) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage());
            }
            List<SignalDefinition> matched = registry.matching(pattern);
            if (matched.isEmpty()) {
                throw new StatusException(GrpcStatus.NOT_FOUND, "no signal matches " + text);
            }
            selected.addAll(matched);
        }
        List<SignalDefinition> ordered = new ArrayList<>();
        registry.all().forEach(s -> {
            if (selected.contains(s)) {
                ordered.add(s);
            }
        });
        return ordered;
    }

    /** PERMISSION_DENIED unless the caller may read every one of the signals. */
    public static void requireRead(Identity caller, Collection<SignalDefinition> signals) {
        for (SignalDefinition signal : signals) {
            if (!caller.may(Scopes.Action.READ, signal.path())) {
                throw new StatusException(GrpcStatus.PERMISSION_DENIED, "the token of '" + caller.writer()
                        + "' has no read scope for " + signal.path());
            }
        }
    }

    private static void checkText(String path) {
        if (path == null || path.isBlank()) {
            throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "empty signal path");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "signal path longer than " + MAX_PATH_LENGTH
                    + " characters");
        }
    }
}
