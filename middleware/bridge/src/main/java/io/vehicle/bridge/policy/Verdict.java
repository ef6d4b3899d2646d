package io.vehicle.bridge.policy;

/**
 * The policy's answer for one write.
 *
 * @param ruleId               the rule that decided; empty when no rule covers the signal
 * @param reason               for people, e.g. "Vehicle.Speed is 42 km/h; the rule needs Vehicle.Speed < 3"
 * @param confirmationRequired the deciding rule wants the driver's confirmation (given or not)
 */
public record Verdict(String ruleId, String ruleName, Decision decision, Check check, String reason,
                      boolean confirmationRequired) {

    public enum Decision {
        ALLOW, DENY, NEEDS_CONFIRMATION
    }

    /** Which check decided a refusal, in the order they run; NONE when allowed. */
    public enum Check {
        NONE, NO_RULE, WRITER, SCOPE, RANGE, FRESHNESS, PRECONDITION, STEP, RATE_LIMIT, CONFIRMATION
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }

    static Verdict allow(PolicyRule rule, boolean confirmationRequired) {
        return new Verdict(rule.id(), rule.name(), Decision.ALLOW, Check.NONE, "allowed by rule '" + rule.id() + "'",
                confirmationRequired);
    }

    static Verdict deny(PolicyRule rule, Check check, String reason) {
        return new Verdict(rule == null ? "" : rule.id(), rule == null ? "" : rule.name(),
                check == Check.CONFIRMATION ? Decision.NEEDS_CONFIRMATION : Decision.DENY, check, reason,
                rule != null && rule.needsConfirmation());
    }

    /** A refusal for a reason outside the policy file (the token's scopes). */
    public static Verdict scope(String reason) {
        return new Verdict("", "", Decision.DENY, Check.SCOPE, reason, false);
    }
}
