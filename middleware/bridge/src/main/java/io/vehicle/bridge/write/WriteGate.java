package io.vehicle.bridge.write;

import io.vehicle.bridge.audit.AuditLog;
import io.vehicle.bridge.audit.AuditRecord;
import io.vehicle.bridge.auth.Scopes;
import io.vehicle.bridge.metrics.BridgeMetrics;
import io.vehicle.bridge.policy.PolicyEngine;
import io.vehicle.bridge.policy.PolicyEngine.Proposal;
import io.vehicle.bridge.policy.Verdict;
import io.vehicle.bridge.values.EcuAvailability;
import io.vehicle.bridge.values.KuksaValues;
import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.SignalState;
import io.vehicle.bridge.values.ValueFeed;
import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalClient;
import io.vehicle.someip.sdk.signal.SignalCodec;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one choke point every write goes through, whatever API it came from (KUKSA Actuate and BatchActuate,
 * the gateway's Write, the setters of the vehicle services over gRPC):
 * <ol>
 *   <li>the catalog: the signal exists, is writable, the value has its type and fits its limits (INVALID);</li>
 *   <li>the caller's token scopes (DENIED_BY_POLICY, check SCOPE);</li>
 *   <li>the write policy, on live data refreshed from the ECUs when older than the rules allow
 *       (DENIED_BY_POLICY, NEEDS_CONFIRMATION);</li>
 *   <li>the ECU is on the network (UNAVAILABLE);</li>
 *   <li>a dry run stops here (ALLOWED); so does any request with a refused signal: nothing is written;</li>
 *   <li>one read-modify-write per SOME/IP field (signals of one field go together);</li>
 *   <li>confirmation: CONFIRMED when the ECU reports the requested value (the setter's answer, a field
 *       notification, or a getter read) before the deadline, which is never shorter than the travel time the
 *       IDL declares for a moving actuator (max_travel_ms); REJECTED_BY_ECU for an error answer,
 *       UNAVAILABLE when it leaves, TIMEOUT otherwise;</li>
 *   <li>one audit line per signal, allowed or not.</li>
 * </ol>
 */
public final class WriteGate {

    /**
     * @param defaultConfirmTimeout how long to wait for confirmation when the caller does not say
     * @param maxConfirmTimeout     the longest any write waits, whatever the caller asks or the signals' travel
     * @param refreshTimeout        how long a getter read that refreshes stale policy data may take
     * @param maxWrites             the most signals in one request
     */
    public record Settings(Duration defaultConfirmTimeout, Duration maxConfirmTimeout, Duration refreshTimeout,
                           int maxWrites) {
    }

    private final SignalClient client;
    private final LiveValues values;
    private final ValueFeed feed;
    private final PolicyEngine policy;
    private final EcuAvailability availability;
    private final AuditLog audit;
    private final BridgeMetrics metrics;
    private final EcuFailures failures;
    private final Settings settings;

    public WriteGate(SignalClient client, LiveValues values, ValueFeed feed, PolicyEngine policy,
                     EcuAvailability availability, AuditLog audit, BridgeMetrics metrics, Settings settings) {
        this.client = client;
        this.values = values;
        this.feed = feed;
        this.policy = policy;
        this.availability = availability;
        this.audit = audit;
        this.metrics = metrics;
        this.failures = new EcuFailures(client.registry().services());
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** One signal of a request on its way through the gate; its outcome is set once. */
    private static final class Item {
        final String path;
        final Object requested;
        SignalDefinition signal;
        Verdict verdict;
        Object previous;
        // Set once, under the item's lock, by whichever of setter answer, notification, getter read,
        // departure of the ECU or deadline comes first.
        WriteStatus status;
        String reason = "";
        Object reported;
        Instant reportedAt;
        EcuError ecuError;
        boolean accepted;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Item(SignalWrite write) {
            this.path = write.path();
            this.requested = write.value();
        }

        synchronized boolean finish(WriteStatus status, String reason) {
            if (this.status != null) {
                return false;
            }
            this.status = status;
            this.reason = reason;
            done.complete(null);
            return true;
        }

        synchronized void report(Object value, Instant at) {
            if (status == null) {
                reported = value;
                reportedAt = at;
            }
        }
    }

    /** Takes a request; nothing of it reaches an ECU unless every signal passes every check. */
    public WriteAttempt write(WriteOrder order) {
        if (order.writes().isEmpty() || order.writes().size() > settings.maxWrites()) {
            throw new IllegalArgumentException("a write request holds 1 to " + settings.maxWrites() + " signals, not "
                    + order.writes().size());
        }
        long started = System.nanoTime();
        String correlationId = order.correlationId() == null || order.correlationId().isBlank()
                ? UUID.randomUUID().toString() : order.correlationId();
        List<Item> items = validate(order);
        List<Item> judged = items.stream().filter(i -> i.status == null).toList();
        List<Proposal> proposals = judged.stream().map(i -> new Proposal(i.signal, i.requested)).toList();
        String writer = order.caller().writer();
        WriteAttempt attempt = new WriteAttempt(new CompletableFuture<>(), new CompletableFuture<>());
        CompletableFuture<Void> fresh = proposals.isEmpty() ? CompletableFuture.completedFuture(null)
                : feed.refresh(policy.dataNeeded(writer, proposals), settings.refreshTimeout());
        fresh.whenComplete((ignored, error) -> {
            try {
                decide(order, correlationId, items, judged, proposals, started, attempt);
            } catch (RuntimeException e) {
                attempt.accepted().completeExceptionally(e);
                attempt.finished().completeExceptionally(e);
            }
        });
        return attempt;
    }

    private List<Item> validate(WriteOrder order) {
        List<Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SignalWrite write : order.writes()) {
            Item item = new Item(write);
            items.add(item);
            item.signal = client.registry().find(write.path()).orElse(null);
            if (item.signal == null) {
                item.finish(WriteStatus.INVALID, "unknown signal " + write.path());
            } else if (!seen.add(write.path())) {
                item.finish(WriteStatus.INVALID, write.path() + " is given twice in one request");
            } else if (write.value() == null) {
                item.finish(WriteStatus.INVALID, "no value given for " + write.path());
            } else {
                SignalCheck.write(item.signal, write.value())
                        .ifPresent(violation -> item.finish(WriteStatus.INVALID, violation.reason()));
            }
            if (item.status == null && !order.caller().may(Scopes.Action.ACTUATE, write.path())) {
                item.verdict = Verdict.scope("the token of '" + order.caller().writer() + "' has no actuate scope for "
                        + write.path() + " (scopes: " + order.caller().scopes() + ")");
                item.finish(WriteStatus.DENIED_BY_POLICY, item.verdict.reason());
            }
        }
        return items;
    }

    private void decide(WriteOrder order, String correlationId, List<Item> items, List<Item> judged,
                        List<Proposal> proposals, long started, WriteAttempt attempt) {
        boolean valid = judged.size() == items.size();
        boolean present = judged.stream().allMatch(i -> availability.isAvailable(i.signal.service()));
        boolean commit = valid && present && !order.dryRun();
        List<Verdict> verdicts = proposals.isEmpty() ? List.of()
                : policy.judge(order.caller().writer(), proposals, order.driverConfirmed(), commit);
        for (int i = 0; i < judged.size(); i++) {
            Item item = judged.get(i);
            item.verdict = verdicts.get(i);
            if (!item.verdict.allowed()) {
                item.finish(item.verdict.decision() == Verdict.Decision.NEEDS_CONFIRMATION
                        ? WriteStatus.NEEDS_CONFIRMATION : WriteStatus.DENIED_BY_POLICY, item.verdict.reason());
            } else if (!availability.isAvailable(item.signal.service())) {
                item.finish(WriteStatus.UNAVAILABLE, item.signal.service().descriptor().getName()
                        + " is not on the network (" + availability.reason(item.signal.service()) + ")");
            }
        }
        if (items.stream().anyMatch(i -> i.status != null)) {
            boolean onlyConfirmation = items.stream().filter(i -> i.status != null)
                    .allMatch(i -> i.status == WriteStatus.NEEDS_CONFIRMATION);
            items.forEach(i -> i.finish(WriteStatus.NOT_ATTEMPTED, "not sent: another signal of the request was refused"));
            conclude(order, correlationId, items, onlyConfirmation ? WriteOutcome.NEEDS_CONFIRMATION
                    : WriteOutcome.REFUSED, started, attempt);
            return;
        }
        if (order.dryRun()) {
            items.forEach(i -> i.finish(WriteStatus.ALLOWED, i.verdict.reason()));
            conclude(order, correlationId, items, WriteOutcome.ALLOWED, started, attempt);
            return;
        }
        send(order, correlationId, items, started, attempt);
    }

    private void send(WriteOrder order, String correlationId, List<Item> items, long started, WriteAttempt attempt) {
        Map<String, Item> byPath = new HashMap<>();
        Map<List<Object>, List<Item>> byField = new LinkedHashMap<>();
        for (Item item : items) {
            SignalState before = values.get(item.path);
            item.previous = before.available() ? before.value() : null;
            byPath.put(item.path, item);
            byField.computeIfAbsent(List.of(item.signal.service().serviceId(), item.signal.field().name()),
                    k -> new ArrayList<>()).add(item);
        }
        // Registered before anything is sent, so a notification that beats the setter's answer counts.
        Consumer<SignalState> watch = state -> {
            Item item = byPath.get(state.path());
            if (item != null) {
                observe(item, state);
            }
        };
        values.addListener(watch);
        Duration timeout = timeout(order, items);
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (List<Item> group : byField.values()) {
            answers.add(sendField(group));
        }
        // Runs on the JDK's timer thread and is cancelled with the write: delayedExecutor would start a
        // thread per write here, since a 2-core machine's common pool has a parallelism of 1.
        CompletableFuture<Void> deadline = new CompletableFuture<Void>()
                .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS);
        deadline.thenRun(() -> {
            for (Item item : items) {
                item.finish(WriteStatus.TIMEOUT, timeoutReason(item, timeout));
            }
        });
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((v, e) ->
                attempt.accepted().complete(report(items, correlationId, outcome(items))));
        CompletableFuture.allOf(items.stream().map(i -> i.done).toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> {
                    deadline.cancel(false);
                    values.removeListener(watch);
                    conclude(order, correlationId, items, outcome(items), started, attempt);
                });
    }

    /** One read-modify-write of one field; completes when the ECU answered (or did not). */
    private CompletableFuture<Void> sendField(List<Item> group) {
        Map<String, Object> changes = new LinkedHashMap<>();
        group.forEach(item -> changes.put(item.path, item.requested));
        return client.set(changes).handle((applied, error) -> {
            Instant now = values.clock().instant();
            if (error != null) {
                failed(group, error);
                return null;
            }
            List<Item> unconfirmed = new ArrayList<>();
            for (Item item : group) {
                synchronized (item) {
                    item.accepted = true;
                }
                Object reported = applied.get(item.path);
                item.report(reported, now);
                if (KuksaValues.same(item.signal, item.requested, reported)) {
                    item.finish(WriteStatus.CONFIRMED, "the ECU's setter answered with the requested value");
                } else {
                    unconfirmed.add(item);
                }
            }
            if (!unconfirmed.isEmpty()) {
                readBack(unconfirmed);
            }
            return null;
        });
    }

    /** The setter answered with another value: the ECU may apply it a moment later; ask its getter once. */
    private void readBack(List<Item> items) {
        SignalDefinition first = items.get(0).signal;
        client.getField(first.service(), first.field().name()).thenAccept(message -> {
            Instant now = values.clock().instant();
            for (Item item : items) {
                Object reported = SignalCodec.read(item.signal, message);
                item.report(reported, now);
                if (KuksaValues.same(item.signal, item.requested, reported)) {
                    item.finish(WriteStatus.CONFIRMED, "the ECU's getter reports the requested value");
                }
            }
        });
    }

    /** A change of the signal while the write waits: the requested value confirms; a departure ends it. */
    private void observe(Item item, SignalState state) {
        if (state.available()) {
            item.report(state.value(), state.timestamp());
            if (KuksaValues.same(item.signal, item.requested, state.value())) {
                item.finish(WriteStatus.CONFIRMED, "the ECU notified the requested value");
            }
        } else if (state.availability() == io.vehicle.bridge.values.Availability.UNAVAILABLE) {
            item.finish(WriteStatus.UNAVAILABLE, "the ECU left before confirming: " + state.reason());
        }
    }

    private void failed(List<Item> group, Throwable error) {
        for (Item item : group) {
            CallRefusedException failure = failures.classify(item.signal.service(), error);
            synchronized (item) {
                if (item.status == null) {
                    item.ecuError = failure.ecuError();
                }
            }
            item.finish(failure.status(), failure.getMessage());
        }
    }

    /**
     * The caller's timeout (or the default), lengthened to the longest travel of the signals written: a sunroof
     * that takes seconds to open is not "unconfirmed" because the caller asked for less; capped by the maximum.
     */
    private Duration timeout(WriteOrder order, List<Item> items) {
        Duration asked = order.confirmTimeout();
        Duration wait = asked == null || asked.isZero() || asked.isNegative() ? settings.defaultConfirmTimeout() : asked;
        for (Item item : items) {
            if (item.signal.maxTravel().compareTo(wait) > 0) {
                wait = item.signal.maxTravel();
            }
        }
        return wait.compareTo(settings.maxConfirmTimeout()) > 0 ? settings.maxConfirmTimeout() : wait;
    }

    private static String timeoutReason(Item item, Duration timeout) {
        synchronized (item) {
            if (!item.accepted) {
                return "no answer from the ECU within " + timeout.toMillis() + " ms";
            }
            return "the ECU accepted the write but reports " + KuksaValues.describe(item.reported) + ", not "
                    + KuksaValues.describe(item.requested) + ", after " + timeout.toMillis() + " ms";
        }
    }

    private static WriteOutcome outcome(List<Item> items) {
        long confirmed = items.stream().filter(i -> i.status == WriteStatus.CONFIRMED).count();
        return confirmed == items.size() ? WriteOutcome.CONFIRMED : confirmed == 0 ? WriteOutcome.FAILED
                : WriteOutcome.PARTIAL;
    }

    private void conclude(WriteOrder order, String correlationId, List<Item> items, WriteOutcome outcome,
                          long started, WriteAttempt attempt) {
        WriteReport report = report(items, correlationId, outcome);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        String now = values.clock().instant().toString();
        for (WriteResult result : report.results()) {
            metrics.write(result.status().name(), latency);
            Verdict verdict = result.verdict();
            audit.append(new AuditRecord(now, order.caller().writer(), order.via(), correlationId, result.path(),
                    text(result.requested()), text(result.previousValue()), order.dryRun(), order.driverConfirmed(),
                    verdict != null ? verdict.decision().name() : result.status() == WriteStatus.INVALID ? "INVALID" : "",
                    verdict == null ? "" : verdict.ruleId(), verdict == null ? "" : verdict.check().name(),
                    result.reason(), result.status().name(), text(result.confirmedValue()),
                    result.confirmedAt() == null ? "" : result.confirmedAt().toString(),
                    result.ecuError() == null ? "" : result.ecuError().toString(), latency.toNanos() / 1e6));
        }
        attempt.accepted().complete(report);
        attempt.finished().complete(report);
    }

    private static WriteReport report(List<Item> items, String correlationId, WriteOutcome outcome) {
        List<WriteResult> results = new ArrayList<>();
        for (Item item : items) {
            synchronized (item) {
                WriteStatus status = item.status != null ? item.status
                        : item.accepted ? WriteStatus.ACCEPTED : WriteStatus.NOT_ATTEMPTED;
                results.add(new WriteResult(item.path, status, item.status != null ? item.reason
                        : "the ECU accepted the write; waiting for its confirmation", item.verdict, item.requested,
                        item.reported, item.reportedAt, item.previous, item.ecuError));
            }
        }
        return new WriteReport(results, outcome, correlationId);
    }

    private static String text(Object value) {
        return value == null ? "" : KuksaValues.describe(value);
    }
}
