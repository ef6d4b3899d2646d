package io.vehicle.bridge.policy;

import io.vehicle.someip.sdk.signal.SignalPattern;
import java.util.List;

/**
 * One rule of the write policy: which signals, for which writers, under what limits.
 *
 * @param methods         methods of the vehicle services the rule lets writers call, as
 *                        "vehicle.hvac.v1.HvacService/SetZoneTemperature" or "vehicle.hvac.v1.HvacService/*"
 * @param writers         identities from tokens ("assistant", "bench"); "*" for every writer
 * @param min             lowest value the rule permits, or null (the catalog's limits still apply)
 * @param max             highest value the rule permits, or null
 * @param allowed         the only values permitted (as text: "true", "PARK", "20"), empty for any
 * @param maxStep         largest change from the current value in one write; 0 for no limit
 * @param rateLimit       per signal, all writers together; null for none
 * @param clientRateLimit per writer, across the rule's signals; null for none
 * @param preconditions   all must hold on live signals
 * @param maxDataAgeMs    how old the data the checks read may be; 0 for the policy's default
 */
public record PolicyRule(String id, String name, String description, List<SignalPattern> signals,
                         List<String> methods, List<String> writers, Double min, Double max, List<String> allowed, double maxStep,
                         RateLimit rateLimit, RateLimit clientRateLimit, List<Condition> preconditions,
                         long maxDataAgeMs, boolean needsConfirmation) {

    public PolicyRule {
        signals = List.copyOf(signals);
        methods = List.copyOf(methods);
        writers = List.copyOf(writers);
        allowed = List.copyOf(allowed);
        preconditions = List.copyOf(preconditions);
    }

    public boolean covers(String path) {
        return signals.stream().anyMatch(p -> p.matches(path));
    }

    /** @param method "package.Service/Method" */
    public boolean coversMethod(String method) {
        String service = method.substring(0, Math.max(0, method.indexOf('/')));
        return methods.contains(method) || methods.contains(service + "/*");
    }

    public boolean appliesTo(String writer) {
        return writers.contains("*") || writers.contains(writer);
    }
}
