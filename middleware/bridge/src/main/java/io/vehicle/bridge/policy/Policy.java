package io.vehicle.bridge.policy;

import java.util.List;

/**
 * A loaded write policy: its rules in file order, default deny.
 *
 * @param version          identifies the text it was read from (a hash), so an answer can cite it
 * @param source           where it came from, for people
 * @param defaultMaxDataAgeMs freshness for rules that do not set their own
 */
public record Policy(String version, String source, List<PolicyRule> rules, long defaultMaxDataAgeMs) {

    public Policy {
        rules = List.copyOf(rules);
    }

    /** The rules covering {@code path}, in file order. */
    public List<PolicyRule> covering(String path) {
        return rules.stream().filter(r -> r.covers(path)).toList();
    }

    /** The rules covering a method of a vehicle service ("package.Service/Method"), in file order. */
    public List<PolicyRule> coveringMethod(String method) {
        return rules.stream().filter(r -> r.coversMethod(method)).toList();
    }

    public long maxDataAgeMs(PolicyRule rule) {
        return rule.maxDataAgeMs() > 0 ? rule.maxDataAgeMs() : defaultMaxDataAgeMs;
    }
}
