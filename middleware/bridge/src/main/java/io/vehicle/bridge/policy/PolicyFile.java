package io.vehicle.bridge.policy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.someip.sdk.binding.RpcKind;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalPattern;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Reads the policy's YAML text into a {@link Policy}, refusing anything doubtful with a message that
 * names the rule and the problem: unknown keys (typos), duplicate ids, a pattern that matches no writable
 * signal, an unknown signal or a type mismatch in a precondition, a range upside down.
 *
 * <pre>
 * defaults:
 *   maxDataAgeMs: 1000          # freshness of live data for rules without their own
 * rules:
 *   - id: door-unlock
 *     name: Unlock doors at standstill
 *     description: ...
 *     signals: [Vehicle.Cabin.Door.*.*.IsLocked]
 *     methods: [vehicle.doors.v1.DoorService/*]        # methods of the vehicle services (optional)
 *     writers: ["*"]            # token identities (client_id, else sub); "*" for all
 *     allowed: ["false"]        # or range: {min: 16, max: 28}
 *     maxStep: 4
 *     rateLimit: {maxWrites: 5, perSeconds: 10}        # per signal
 *     clientRateLimit: {maxWrites: 20, perSeconds: 60} # per writer, across the rule's signals
 *     preconditions: ["Vehicle.Speed < 3"]
 *     maxDataAgeMs: 500
 *     needsConfirmation: true
 * </pre>
 */
public final class PolicyFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    record Document(Defaults defaults, List<Rule> rules) {
    }

    record Defaults(Long maxDataAgeMs) {
    }

    record Range(Double min, Double max) {
    }

    record Limit(Integer maxWrites, Integer perSeconds) {
    }

    record Rule(String id, String name, String description,
                @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> signals,
                @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> methods,
                @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> writers,
                Range range, List<String> allowed, Double maxStep, Limit rateLimit, Limit clientRateLimit,
                @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> preconditions,
                Long maxDataAgeMs, Boolean needsConfirmation) {
    }

    private final SignalRegistry registry;
    private final long defaultMaxDataAgeMs;

    /** @param defaultMaxDataAgeMs freshness when the file sets none */
    public PolicyFile(SignalRegistry registry, long defaultMaxDataAgeMs) {
        this.registry = registry;
        this.defaultMaxDataAgeMs = defaultMaxDataAgeMs;
    }

    /** IllegalArgumentException with a readable reason for anything that is not a sound policy. */
    public Policy parse(String yaml, String source) {
        Document document;
        try {
            document = YAML.readValue(yaml, Document.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown key '" + e.getPropertyName() + "'"
                    + location(e) + "; known keys: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a policy file: " + e.getOriginalMessage() + location(e));
        }
        if (document == null || document.rules() == null) {
            throw new IllegalArgumentException("no 'rules:' list (an empty list denies every write)");
        }
        long maxAge = document.defaults() != null && document.defaults().maxDataAgeMs() != null
                ? positive(document.defaults().maxDataAgeMs(), "defaults.maxDataAgeMs") : defaultMaxDataAgeMs;
        ConditionParser conditions = new ConditionParser(registry);
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < document.rules().size(); i++) {
            Rule rule = document.rules().get(i);
            String id = rule == null || rule.id() == null || rule.id().isBlank() ? null : rule.id().strip();
            if (id == null) {
                throw new IllegalArgumentException("rule " + (i + 1) + " has no id");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("rule id '" + id + "' is used twice");
            }
            try {
                rules.add(rule(rule, id, conditions));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule '" + id + "': " + e.getMessage(), e);
            }
        }
        return new Policy(hash(yaml), source, rules, maxAge);
    }

    private PolicyRule rule(Rule rule, String id, ConditionParser conditions) {
        List<String> signals = rule.signals() == null ? List.of() : rule.signals();
        List<String> methods = rule.methods() == null ? List.of() : rule.methods().stream().map(String::strip).toList();
        if (signals.isEmpty() && methods.isEmpty()) {
            throw new IllegalArgumentException("no signals and no methods");
        }
        for (String method : methods) {
            if (!knownMethod(method)) {
                throw new IllegalArgumentException("method '" + method + "' is no method of a vehicle service"
                        + " (write package.Service/Method or package.Service/*)");
            }
        }
        List<SignalPattern> patterns = new ArrayList<>();
        for (String text : signals) {
            SignalPattern pattern = SignalPattern.parse(text);
            List<SignalDefinition> matched = registry.matching(pattern);
            if (matched.stream().noneMatch(SignalDefinition::writable)) {
                throw new IllegalArgumentException("signal pattern '" + text + "' matches no writable signal"
                        + (matched.isEmpty() ? "" : " (only read-only ones: " + matched.get(0).path() + "...)"));
            }
            patterns.add(pattern);
        }
        if (rule.writers() == null || rule.writers().isEmpty()) {
            throw new IllegalArgumentException("no writers (use [\"*\"] for every writer)");
        }
        Double min = rule.range() == null ? null : rule.range().min();
        Double max = rule.range() == null ? null : rule.range().max();
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
        double maxStep = rule.maxStep() == null ? 0 : rule.maxStep();
        if (maxStep < 0) {
            throw new IllegalArgumentException("maxStep must not be negative");
        }
        List<Condition> preconditions = new ArrayList<>();
        if (rule.preconditions() != null) {
            for (String text : rule.preconditions()) {
                preconditions.add(conditions.parse(text));
            }
        }
        long maxDataAge = rule.maxDataAgeMs() == null ? 0 : positive(rule.maxDataAgeMs(), "maxDataAgeMs");
        return new PolicyRule(id, rule.name() == null ? id : rule.name(),
                rule.description() == null ? "" : rule.description(), patterns, methods, rule.writers().stream()
                .map(String::strip).toList(), min, max, rule.allowed() == null ? List.of() : rule.allowed(), maxStep,
                limit(rule.rateLimit(), "rateLimit"), limit(rule.clientRateLimit(), "clientRateLimit"), preconditions,
                maxDataAge, Boolean.TRUE.equals(rule.needsConfirmation()));
    }

    private boolean knownMethod(String method) {
        int slash = method.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String service = method.substring(0, slash);
        String name = method.substring(slash + 1);
        return registry.services().stream().filter(s -> s.descriptor().getFullName().equals(service))
                .anyMatch(s -> name.equals("*") || s.rpcs().stream().anyMatch(r -> r.name().equals(name)
                        && (r.kind() == RpcKind.METHOD || r.kind() == RpcKind.FIRE_AND_FORGET)));
    }

    private static RateLimit limit(Limit limit, String key) {
        if (limit == null) {
            return null;
        }
        if (limit.maxWrites() == null || limit.perSeconds() == null) {
            throw new IllegalArgumentException(key + " needs maxWrites and perSeconds");
        }
        try {
            return new RateLimit(limit.maxWrites(), limit.perSeconds());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static long positive(long value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return value;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
