package io.vehicle.bridge.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active policy, reloaded when its file changes (checked every {@code reloadInterval}; a change is a
 * different content hash, so a touch without edits is no reload). A file that does not parse leaves the
 * last good policy in force and says why, in the log and in {@link #status()} (shown by GetPolicy and the
 * health endpoint), until a good version is saved. A bridge never runs without a policy: a broken file at
 * start fails the start.
 */
public final class PolicyStore implements Supplier<Policy>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStore.class);
    /** The policy shipped with the bridge, used when no file is configured. */
    public static final String DEFAULT_RESOURCE = "/io/vehicle/bridge/policy/default-policy.yaml";

    /** The loaded policy and the outcome of the latest attempt to load its file. */
    public record Status(String version, String source, Instant loadedAt, String error) {
        public boolean healthy() {
            return error.isEmpty();
        }
    }

    private final PolicyFile parser;
    private final Path file;
    private final Clock clock;
    private final ScheduledExecutorService reloader;
    private volatile Policy policy;
    private volatile Status status;
    private String lastSeenHash;

    private PolicyStore(PolicyFile parser, Path file, Policy initial, Clock clock, long reloadIntervalMs) {
        this.parser = parser;
        this.file = file;
        this.clock = clock;
        this.policy = initial;
        this.lastSeenHash = initial.version();
        this.status = new Status(initial.version(), initial.source(), clock.instant(), "");
        if (file != null && reloadIntervalMs > 0) {
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "policy-reload");
                thread.setDaemon(true);
                return thread;
            });
            reloader.scheduleWithFixedDelay(this::reloadIfChanged, reloadIntervalMs, reloadIntervalMs,
                    TimeUnit.MILLISECONDS);
        } else {
            reloader = null;
        }
    }

    /** The policy in {@code file}, reloaded on change; IllegalArgumentException if it is missing or broken now. */
    public static PolicyStore fromFile(PolicyFile parser, Path file, Clock clock, long reloadIntervalMs) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Policy initial;
        try {
            initial = parser.parse(text, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy file " + file + ": " + e.getMessage(), e);
        }
        LOG.info("Write policy {} from {}: {} rules", initial.version(), file, initial.rules().size());
        return new PolicyStore(parser, file, initial, clock, reloadIntervalMs);
    }

    /** The policy shipped with the bridge. */
    public static PolicyStore builtIn(PolicyFile parser, Clock clock) {
        try (InputStream in = PolicyStore.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PolicyStore(parser, null, parser.parse(text, "built-in default policy"), clock, 0);
        } catch (IOException e) {
            throw new IllegalStateException("built-in policy missing", e);
        }
    }

    @Override
    public Policy get() {
        return policy;
    }

    public Status status() {
        return status;
    }

    /** Checks the file now (the periodic check calls this too). */
    public synchronized void reloadIfChanged() {
        if (file == null) {
            return;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            fail("cannot be read: " + e.getMessage(), "unreadable:" + e.getMessage());
            return;
        }
        String hash = PolicyFile.hash(text);
        if (hash.equals(lastSeenHash)) {
            return;
        }
        lastSeenHash = hash;
        try {
            Policy next = parser.parse(text, file.toString());
            policy = next;
            status = new Status(next.version(), next.source(), clock.instant(), "");
            LOG.info("Write policy reloaded: {} from {}, {} rules", next.version(), file, next.rules().size());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), hash);
        }
    }

    private void fail(String problem, String hash) {
        lastSeenHash = hash;
        Policy kept = policy;
        status = new Status(kept.version(), kept.source(), status.loadedAt(), "policy file " + file + " rejected: "
                + problem + "; still enforcing " + kept.version());
        LOG.warn("{}", status.error());
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
