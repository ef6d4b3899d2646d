package io.vehicle.assistant.llm;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.vehicle.assistant.gateway.SignalPattern;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.gateway.v1.GetPolicyResponse;
import io.vehicle.idl.gateway.v1.PolicyRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools a language model may call: one per signal this node may write, generated from the catalog (type,
 * unit, range, allowed values, description) and the bridge's policy (only signals a rule lets this writer write;
 * the narrower range a rule permits). A tool takes exactly one argument, {@code value}. The same value specs
 * drive the {@link ToolCallValidator}, so what the model is told and what the node accepts cannot drift apart.
 */
public final class ToolCatalog {

    /** Longest tool name the OpenAI format allows. */
    static final int MAX_TOOL_NAME = 64;

    /** What values a tool accepts. {@code min}/{@code max} are null when unbounded; {@code allowed} empty when open. */
    public record ValueSpec(Kind kind, Double min, Double max, List<String> allowed, String unit) {

        public enum Kind {
            BOOLEAN,
            NUMBER,
            INTEGER,
            TEXT
        }

        public ValueSpec {
            allowed = List.copyOf(allowed);
        }
    }

    /**
     * @param guarded a policy rule guards the signal with a precondition or the driver's confirmation (doors,
     *                trunk, windows, seat position): the driver's own words must ask for it
     */
    public record Tool(String name, Signal signal, ValueSpec spec, boolean guarded, ObjectNode definition) {
    }

    private final Map<String, Tool> byName;
    private final Map<String, Tool> byPath;
    private final ArrayNode definitions;
    private final RawValue definitionsJson;
    private final String policyVersion;

    private ToolCatalog(List<Tool> tools, String policyVersion) {
        this.byName = new LinkedHashMap<>();
        this.byPath = new LinkedHashMap<>();
        this.definitions = JsonNodeFactory.instance.arrayNode();
        for (Tool tool : tools) {
            if (byName.put(tool.name(), tool) != null) {
                throw new IllegalStateException("two signals give the tool name " + tool.name());
            }
            byPath.put(tool.signal().path(), tool);
            definitions.add(tool.definition());
        }
        // Written once: the tools go into every request, and a catalog never changes (a new policy builds a new
        // catalog, and with it new text). Kept as UTF-8 bytes, copied into each request as they are.
        this.definitionsJson = new RawValue(new SerializedString(definitions.toString()));
        this.policyVersion = policyVersion;
    }

    /**
     * @param writer the identity the bridge knows this node by (the policy's writer), e.g. {@code assistant}
     */
    public static ToolCatalog build(Collection<Signal> catalog, GetPolicyResponse policy, String writer) {
        List<Tool> tools = new ArrayList<>();
        for (Signal signal : catalog) {
            if (!signal.writable() || signal.type().startsWith("repeated")) {
                continue;
            }
            List<PolicyRule> rules = policy.getRulesList().stream()
                    .filter(rule -> rule.getWritersList().contains("*") || rule.getWritersList().contains(writer))
                    .filter(rule -> rule.getSignalsList().stream().anyMatch(p -> SignalPattern.of(p)
                            .matches(signal.path())))
                    .toList();
            if (rules.isEmpty()) {
                continue; // default deny: the model is not even told of it
            }
            ValueSpec spec = spec(signal, rules);
            boolean guarded = rules.stream().anyMatch(r -> r.getPreconditionsCount() > 0 || r.getRequiresConfirmation());
            String name = toolName(signal.path());
            tools.add(new Tool(name, signal, spec, guarded, definition(name, signal, spec)));
        }
        return new ToolCatalog(tools, policy.getVersion());
    }

    /** {@code Vehicle.Cabin.HVAC.IsAirConditioningActive} → {@code set_cabin_hvac_isairconditioningactive}. */
    static String toolName(String path) {
        String rest = path.startsWith("Vehicle.") ? path.substring("Vehicle.".length()) : path;
        String name = "set_" + rest.toLowerCase(Locale.ROOT).replace('.', '_');
        if (name.length() > MAX_TOOL_NAME || !name.matches("[a-z0-9_]+")) {
            throw new IllegalStateException("no tool name for " + path + ": " + name);
        }
        return name;
    }

    public Optional<Tool> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Tool> byPath(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    public Collection<Tool> tools() {
        return byName.values();
    }

    /** The {@code tools} array of a chat-completions request. */
    public ArrayNode definitions() {
        return definitions.deepCopy();
    }

    /** The same {@code tools} array as JSON text, written once for this catalog, for a request body. */
    public RawValue definitionsJson() {
        return definitionsJson;
    }

    public String policyVersion() {
        return policyVersion;
    }

    private static ValueSpec spec(Signal signal, List<PolicyRule> rules) {
        String type = signal.type();
        String unit = signal.unit();
        if (type.equals("bool")) {
            return new ValueSpec(ValueSpec.Kind.BOOLEAN, null, null, List.of(), unit);
        }
        boolean number = type.equals("float") || type.equals("double");
        boolean whole = type.matches("(u?int|sint|fixed)(32|64).*");
        if (number || whole) {
            Double min = signal.min();
            Double max = signal.max();
            // The policy may permit less than the catalog (volume up to 80 %): tell the model the narrower range,
            // when every rule that could let the write through has one.
            if (rules.stream().allMatch(PolicyRule::hasRange)) {
                double ruleMin = rules.stream().mapToDouble(r -> r.getRange().getMin()).min().orElseThrow();
                double ruleMax = rules.stream().mapToDouble(r -> r.getRange().getMax()).max().orElseThrow();
                min = min == null ? ruleMin : Math.max(min, ruleMin);
                max = max == null ? ruleMax : Math.min(max, ruleMax);
            }
            return new ValueSpec(whole ? ValueSpec.Kind.INTEGER : ValueSpec.Kind.NUMBER, min, max, List.of(), unit);
        }
        Set<String> allowed = new LinkedHashSet<>(signal.allowedValues());
        if (!rules.isEmpty() && rules.stream().allMatch(r -> r.getAllowedValuesCount() > 0)) {
            Set<String> permitted = new LinkedHashSet<>();
            rules.forEach(r -> permitted.addAll(r.getAllowedValuesList()));
            allowed.retainAll(permitted);
        }
        return new ValueSpec(ValueSpec.Kind.TEXT, null, null, List.copyOf(allowed), unit);
    }

    private static ObjectNode definition(String name, Signal signal, ValueSpec spec) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode value = nodes.objectNode();
        switch (spec.kind()) {
            case BOOLEAN -> value.put("type", "boolean");
            case NUMBER -> value.put("type", "number");
            case INTEGER -> value.put("type", "integer");
            case TEXT -> {
                value.put("type", "string");
                if (!spec.allowed().isEmpty()) {
                    ArrayNode values = value.putArray("enum");
                    spec.allowed().forEach(values::add);
                }
            }
        }
        if (spec.min() != null) {
            value.put("minimum", spec.min());
        }
        if (spec.max() != null) {
            value.put("maximum", spec.max());
        }
        if (!spec.unit().isEmpty()) {
            value.put("description", "in " + spec.unit());
        }
        ObjectNode parameters = nodes.objectNode().put("type", "object");
        parameters.putObject("properties").set("value", value);
        parameters.putArray("required").add("value");
        parameters.put("additionalProperties", false);
        StringBuilder description = new StringBuilder("Set ").append(signal.path()).append(": ")
                .append(signal.description());
        if (!spec.unit().isEmpty()) {
            description.append(" (").append(spec.unit()).append(")");
        }
        ObjectNode function = nodes.objectNode().put("name", name).put("description", description.toString());
        function.set("parameters", parameters);
        ObjectNode tool = nodes.objectNode().put("type", "function");
        tool.set("function", function);
        return tool;
    }
}
