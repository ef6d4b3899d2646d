package io.vehicle.bridge.policy;

import io.vehicle.bridge.policy.Verdict.Check;
import io.vehicle.bridge.values.KuksaValues;
import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.SignalState;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Judges writes against the current policy and the live values. Rules are tried in file order among those
 * that cover the signal and apply to the writer; the first that passes every check allows. When none does,
 * the answer cites the rule that came closest: the one that failed at the latest check (checks run in the
 * order range, freshness, preconditions, step, rate limit, confirmation), the first in file order among
 * equals. So with "windows at standstill" followed by "windows in small steps while driving", a large step
 * while driving is refused for its step, not for the speed.
 *
 * <p>Judging a request is atomic: the rate limits of every allowed write are taken only when the whole
 * request is allowed and is to be carried out, under this engine's lock.
 */
public final class PolicyEngine {

    /** One write to judge: a signal and its new value (already checked against the catalog). */
    public record Proposal(SignalDefinition signal, Object value) {
    }

    private final Supplier<Policy> policy;
    private final LiveValues values;
    private final RateLimiter limiter = new RateLimiter();

    public PolicyEngine(Supplier<Policy> policy, LiveValues values) {
        this.policy = policy;
        this.values = values;
    }

    public Policy policy() {
        return policy.get();
    }

    /**
     * The live signals the candidate rules will read for these writes, with the largest age each may
     * have, so the caller can refresh stale ones before judging.
     */
    public Map<SignalDefinition, Duration> dataNeeded(String writer, List<Proposal> proposals) {
        Policy current = policy.get();
        Map<SignalDefinition, Duration> needed = new LinkedHashMap<>();
        for (Proposal proposal : proposals) {
            for (PolicyRule rule : current.covering(proposal.signal().path())) {
                if (!rule.appliesTo(writer)) {
                    continue;
                }
                Duration maxAge = Duration.ofMillis(current.maxDataAgeMs(rule));
                List<String> paths = new ArrayList<>();
                rule.preconditions().forEach(c -> paths.addAll(c.paths()));
                if (rule.maxStep() > 0) {
                    paths.add(proposal.signal().path());
                }
                for (String path : paths) {
                    needed.merge(values.get(path).signal(), maxAge, (a, b) -> a.compareTo(b) < 0 ? a : b);
                }
            }
        }
        return needed;
    }

    /**
     * One verdict per proposal, in order.
     *
     * @param commit take the rate limits if every proposal is allowed (false for dry runs)
     */
    public synchronized List<Verdict> judge(String writer, List<Proposal> proposals, boolean driverConfirmed,
                                            boolean commit) {
        Policy current = policy.get();
        Instant now = values.clock().instant();
        long nowMillis = now.toEpochMilli();
        Map<String, Integer> planned = new HashMap<>();
        Map<String, RateLimit> plannedLimits = new HashMap<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (Proposal proposal : proposals) {
            verdicts.add(judgeOne(current, writer, proposal, driverConfirmed, now, nowMillis, planned, plannedLimits));
        }
        if (commit && verdicts.stream().allMatch(Verdict::allowed)) {
            planned.forEach((key, count) -> limiter.take(key, plannedLimits.get(key), count, nowMillis));
        }
        return verdicts;
    }

    /**
     * Judges a call of a vehicle service's method ("package.Service/Method"): the rules that name it, their
     * writers, preconditions, freshness, rate limits and confirmation (methods have no value range or step).
     */
    public synchronized Verdict judgeMethod(String writer, String method, boolean driverConfirmed, boolean commit) {
        Policy current = policy.get();
        Instant now = values.clock().instant();
        long nowMillis = now.toEpochMilli();
        List<PolicyRule> covering = current.coveringMethod(method);
        if (covering.isEmpty()) {
            return Verdict.deny(null, Check.NO_RULE, "no rule of the policy permits calling " + method
                    + " (default deny)");
        }
        List<PolicyRule> candidates = covering.stream().filter(r -> r.appliesTo(writer)).toList();
        if (candidates.isEmpty()) {
            return Verdict.deny(covering.get(0), Check.WRITER, "rules " + covering.stream().map(PolicyRule::id)
                    .collect(Collectors.joining(", ")) + " cover " + method + ", but none for writer '" + writer + "'");
        }
        Verdict closest = null;
        for (PolicyRule rule : candidates) {
            Map<String, Integer> planned = new HashMap<>();
            Verdict verdict = check(current, rule, writer, method, null, null, driverConfirmed, now, nowMillis, planned);
            if (verdict.allowed()) {
                if (commit) {
                    Map<String, RateLimit> limits = new HashMap<>();
                    plan(rule, writer, method, planned, limits);
                    planned.forEach((key, count) -> limiter.take(key, limits.get(key), count, nowMillis));
                }
                return verdict;
            }
            if (closest == null || verdict.check().ordinal() > closest.check().ordinal()) {
                closest = verdict;
            }
        }
        return closest;
    }

    /** The live signals the rules for a method read, with their largest allowed age. */
    public Map<SignalDefinition, Duration> dataNeededForMethod(String writer, String method) {
        Policy current = policy.get();
        Map<SignalDefinition, Duration> needed = new LinkedHashMap<>();
        for (PolicyRule rule : current.coveringMethod(method)) {
            if (rule.appliesTo(writer)) {
                Duration maxAge = Duration.ofMillis(current.maxDataAgeMs(rule));
                rule.preconditions().forEach(c -> c.paths().forEach(path -> needed.merge(values.get(path).signal(),
                        maxAge, (a, b) -> a.compareTo(b) < 0 ? a : b)));
            }
        }
        return needed;
    }

    private Verdict judgeOne(Policy current, String writer, Proposal proposal, boolean confirmed, Instant now,
                             long nowMillis, Map<String, Integer> planned, Map<String, RateLimit> plannedLimits) {
        String path = proposal.signal().path();
        List<PolicyRule> covering = current.covering(path);
        if (covering.isEmpty()) {
            return Verdict.deny(null, Check.NO_RULE, "no rule of the policy permits writing " + path
                    + " (default deny)");
        }
        List<PolicyRule> candidates = covering.stream().filter(r -> r.appliesTo(writer)).toList();
        if (candidates.isEmpty()) {
            return Verdict.deny(covering.get(0), Check.WRITER, "rules " + covering.stream().map(PolicyRule::id)
                    .collect(Collectors.joining(", ")) + " cover " + path + ", but none for writer '" + writer + "'");
        }
        Verdict closest = null;
        for (PolicyRule rule : candidates) {
            Verdict verdict = check(current, rule, writer, path, proposal.signal(), proposal.value(), confirmed, now,
                    nowMillis, planned);
            if (verdict.allowed()) {
                plan(rule, writer, path, planned, plannedLimits);
                return verdict;
            }
            if (closest == null || verdict.check().ordinal() > closest.check().ordinal()) {
                closest = verdict;
            }
        }
        return closest;
    }

    /** @param signal null when judging a method call ({@code target} is then the method's name) */
    private Verdict check(Policy current, PolicyRule rule, String writer, String target, SignalDefinition signal,
                          Object value, boolean confirmed, Instant now, long nowMillis, Map<String, Integer> planned) {
        String range = signal == null ? null : range(rule, signal, value);
        if (range != null) {
            return Verdict.deny(rule, Check.RANGE, range);
        }
        Duration maxAge = Duration.ofMillis(current.maxDataAgeMs(rule));
        List<String> reads = new ArrayList<>();
        rule.preconditions().forEach(c -> reads.addAll(c.paths()));
        boolean step = rule.maxStep() > 0 && value instanceof Number;
        if (step) {
            reads.add(signal.path());
        }
        for (String read : reads) {
            SignalState state = values.get(read);
            if (!state.available()) {
                return Verdict.deny(rule, Check.FRESHNESS, read + " has no current value (" + state.reason()
                        + "); rule '" + rule.id() + "' needs it");
            }
            Duration age = state.age(now);
            if (age.compareTo(maxAge) > 0) {
                return Verdict.deny(rule, Check.FRESHNESS, read + " was last confirmed " + seconds(age)
                        + " s ago; rule '" + rule.id() + "' needs data at most " + seconds(maxAge) + " s old");
            }
        }
        for (Condition condition : rule.preconditions()) {
            if (!condition.holds(p -> values.get(p).value())) {
                String facts = condition.paths().stream().map(p -> p + " is " + show(values.get(p)))
                        .collect(Collectors.joining(", "));
                return Verdict.deny(rule, Check.PRECONDITION, facts + "; rule '" + rule.id() + "' needs "
                        + condition);
            }
        }
        if (step) {
            double current0 = ((Number) values.get(signal.path()).value()).doubleValue();
            double change = Math.abs(((Number) value).doubleValue() - current0);
            if (change > rule.maxStep() + 1e-9) {
                return Verdict.deny(rule, Check.STEP, "a step of " + number(change) + unit(signal) + " from "
                        + number(current0) + " exceeds the maximum of " + number(rule.maxStep()) + unit(signal)
                        + " per write of rule '" + rule.id() + "'");
            }
        }
        String limited = rate(rule, writer, target, nowMillis, planned);
        if (limited != null) {
            return Verdict.deny(rule, Check.RATE_LIMIT, limited);
        }
        if (rule.needsConfirmation() && !confirmed) {
            return Verdict.deny(rule, Check.CONFIRMATION, "rule '" + rule.id() + "' (" + rule.name()
                    + ") needs the driver's confirmation");
        }
        return Verdict.allow(rule, rule.needsConfirmation());
    }

    /** Null when the value is within the rule's range and allowed values, else why not. */
    private static String range(PolicyRule rule, SignalDefinition signal, Object value) {
        List<?> elements = value instanceof List<?> list ? list : List.of(value);
        for (Object element : elements) {
            if (element instanceof Number number && (rule.min() != null && number.doubleValue() < rule.min()
                    || rule.max() != null && number.doubleValue() > rule.max())) {
                return number(number.doubleValue()) + " is outside " + (rule.min() == null ? "" : number(rule.min()))
                        + ".." + (rule.max() == null ? "" : number(rule.max())) + unit(signal) + " permitted by rule '"
                        + rule.id() + "'";
            }
        }
        if (!rule.allowed().isEmpty() && !rule.allowed().contains(KuksaValues.describe(value))) {
            return KuksaValues.describe(value) + " is not one of " + rule.allowed() + " permitted by rule '"
                    + rule.id() + "'";
        }
        return null;
    }

    private String rate(PolicyRule rule, String writer, String path, long now, Map<String, Integer> planned) {
        if (rule.rateLimit() != null) {
            String key = signalKey(rule, path);
            int count = planned.getOrDefault(key, 0) + 1;
            if (!limiter.fits(key, rule.rateLimit(), count, now)) {
                return path + " may be " + (path.contains("/") ? "called " : "written ") + rule.rateLimit() + " by rule '" + rule.id() + "'; next in "
                        + number(limiter.waitSeconds(key, rule.rateLimit(), count, now)) + " s";
            }
        }
        if (rule.clientRateLimit() != null) {
            String key = writerKey(rule, writer);
            int count = planned.getOrDefault(key, 0) + 1;
            if (!limiter.fits(key, rule.clientRateLimit(), count, now)) {
                return "writer '" + writer + "' may write " + rule.clientRateLimit() + " under rule '" + rule.id()
                        + "'; next in " + number(limiter.waitSeconds(key, rule.clientRateLimit(), count, now)) + " s";
            }
        }
        return null;
    }

    private static void plan(PolicyRule rule, String writer, String path, Map<String, Integer> planned,
                             Map<String, RateLimit> limits) {
        if (rule.rateLimit() != null) {
            planned.merge(signalKey(rule, path), 1, Integer::sum);
            limits.put(signalKey(rule, path), rule.rateLimit());
        }
        if (rule.clientRateLimit() != null) {
            planned.merge(writerKey(rule, writer), 1, Integer::sum);
            limits.put(writerKey(rule, writer), rule.clientRateLimit());
        }
    }

    private static String signalKey(PolicyRule rule, String path) {
        return rule.id() + "\u0000signal\u0000" + path;
    }

    private static String writerKey(PolicyRule rule, String writer) {
        return rule.id() + "\u0000writer\u0000" + writer;
    }

    private static String show(SignalState state) {
        return state.value() instanceof Number n ? number(n.doubleValue()) + unit(state.signal())
                : KuksaValues.describe(state.value());
    }

    private static String unit(SignalDefinition signal) {
        return signal.unit().isEmpty() ? "" : " " + signal.unit();
    }

    private static String seconds(Duration duration) {
        return number(duration.toMillis() / 1000.0);
    }

    /** 21.5, 42, 0.25: six significant digits, no trailing zeros. */
    static String number(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
