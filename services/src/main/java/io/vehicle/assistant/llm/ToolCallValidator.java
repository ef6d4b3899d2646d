package io.vehicle.assistant.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.reply.ActionResult;
import io.vehicle.assistant.reply.ActionStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a language model returns is untrusted input; this is where its tool calls are checked before any of
 * them becomes a proposed action. A call is refused, with a reason for the audit log and for the model, when:
 * the tool is unknown (including any signal the node may not write), its name or id is missing, malformed or
 * absurdly long, the call is repeated, the arguments are not a string holding one JSON object, that object has
 * any property besides {@code value}, the value has the wrong type, lies outside the range, or is not one of the
 * allowed values. A whole answer is refused when it has more calls than allowed or was cut off. Accepted calls
 * still go through the gateway's policy like any other proposal: passing here permits nothing by itself.
 */
public final class ToolCallValidator {

    /** Longest call id accepted (OpenAI's are about 30 characters). */
    static final int MAX_ID_CHARS = 100;
    /** Longest arguments string accepted: {@code {"value": ...}} needs a few dozen characters. */
    static final int MAX_ARGUMENT_CHARS = 512;
    /** Longest text value accepted (enumeration names). */
    static final int MAX_TEXT_VALUE_CHARS = 64;

    /** A call that passed, as the action it proposes. */
    public record AcceptedCall(String callId, String toolName, ProposedAction action) {
    }

    /**
     * A refused call.
     *
     * @param callId   as sent (cut and cleaned for logging)
     * @param toolName as sent (cut and cleaned for logging)
     * @param result   for a known tool with a value of the right type (out of range, say): the refusal as the
     *                 driver should hear it; null otherwise
     */
    public record RefusedCall(String callId, String toolName, String reason, ActionResult result) {
    }

    /** The verdict on one answer: calls in the model's order; {@code answerRefusal} non-empty refuses them all. */
    public record Verdict(List<AcceptedCall> accepted, List<RefusedCall> refused, String answerRefusal) {

        public Verdict {
            accepted = List.copyOf(accepted);
            refused = List.copyOf(refused);
        }
    }

    /** The reader of the arguments. Shared: a mapper is thread-safe once configured, and costly to build per turn. */
    private static final ObjectMapper STRICT = strictMapper();
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final ToolCatalog tools;
    private final int maxToolCalls;

    public ToolCallValidator(ToolCatalog tools, int maxToolCalls) {
        this.tools = tools;
        this.maxToolCalls = maxToolCalls;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
                .maxNumberLength(40).maxStringLength(MAX_ARGUMENT_CHARS).build());
        return strict;
    }

    public Verdict check(ModelAnswer answer) {
        List<ModelToolCall> calls = answer.toolCalls();
        int total = calls.size() + answer.droppedCalls();
        String answerRefusal = "";
        if (total > maxToolCalls) {
            answerRefusal = total + " tool calls in one answer; at most " + maxToolCalls + " are accepted";
        } else if (answer.finishReason().equals("length") && !calls.isEmpty()) {
            answerRefusal = "the answer was cut off (finish_reason length), its calls may be incomplete";
        }
        List<AcceptedCall> accepted = new ArrayList<>();
        List<RefusedCall> refused = new ArrayList<>();
        if (!answerRefusal.isEmpty()) {
            for (ModelToolCall call : calls) {
                refused.add(new RefusedCall(printable(call.id()), printable(call.name()), answerRefusal, null));
            }
            return new Verdict(accepted, refused, answerRefusal);
        }
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ModelToolCall call : calls) {
            try {
                accepted.add(checkCall(call, ids, names));
            } catch (Refusal refusal) {
                refused.add(new RefusedCall(printable(call.id()), printable(call.name()), refusal.getMessage(),
                        refusal.result));
            }
        }
        return new Verdict(accepted, refused, "");
    }

    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ActionResult result;

        Refusal(String reason) {
            this(reason, null);
        }

        Refusal(String reason, ActionResult result) {
            super(reason, null, false, false);
            this.result = result;
        }
    }

    private AcceptedCall checkCall(ModelToolCall call, Set<String> ids, Set<String> names) throws Refusal {
        if (call.oversized()) {
            throw new Refusal("a part of the call is longer than " + ModelAnswer.MAX_PART_CHARS + " characters");
        }
        String id = call.id();
        if (id.isEmpty()) {
            throw new Refusal("the call has no id");
        }
        if (id.length() > MAX_ID_CHARS || !CALL_ID.matcher(id).matches()) {
            throw new Refusal("malformed call id (letters, digits, _ . : - and at most " + MAX_ID_CHARS
                    + " characters)");
        }
        if (!ids.add(id)) {
            throw new Refusal("repeated call id " + id);
        }
        if (!call.type().isEmpty() && !call.type().equals("function")) {
            throw new Refusal("unknown call type '" + printable(call.type()) + "'");
        }
        String name = call.name();
        if (name.isEmpty()) {
            throw new Refusal("the call names no tool");
        }
        if (name.length() > ToolCatalog.MAX_TOOL_NAME) {
            throw new Refusal("tool name longer than " + ToolCatalog.MAX_TOOL_NAME + " characters");
        }
        ToolCatalog.Tool tool = tools.byName(name).orElseThrow(() -> new Refusal("unknown tool '" + printable(name)
                + "'"));
        if (!names.add(name)) {
            throw new Refusal("repeated call to " + name + " in one answer");
        }
        JsonNode arguments = call.arguments();
        if (arguments.isMissingNode()) {
            throw new Refusal("the call has no arguments");
        }
        if (!arguments.isTextual()) {
            throw new Refusal("arguments must be a string holding JSON, not " + kind(arguments));
        }
        String text = arguments.asText();
        if (text.length() > MAX_ARGUMENT_CHARS) {
            throw new Refusal("arguments longer than " + MAX_ARGUMENT_CHARS + " characters");
        }
        JsonNode object;
        try {
            object = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refusal("arguments are not valid JSON: " + printable(e.getOriginalMessage()));
        }
        if (object == null || !object.isObject()) {
            throw new Refusal("arguments must be a JSON object, not " + (object == null ? "nothing" : kind(object)));
        }
        for (Iterator<String> fields = object.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!field.equals("value")) {
                throw new Refusal("unexpected property '" + printable(field) + "' (only 'value' is allowed)");
            }
        }
        JsonNode value = object.get("value");
        if (value == null) {
            throw new Refusal("arguments have no 'value'");
        }
        Object plain = typedValue(tool, value);
        String reason = "model: " + name + "(" + plain + ")";
        return new AcceptedCall(id, name, new ProposedAction(tool.signal().path(), plain, reason));
    }

    private static Object typedValue(ToolCatalog.Tool tool, JsonNode value) throws Refusal {
        ToolCatalog.ValueSpec spec = tool.spec();
        String path = tool.signal().path();
        switch (spec.kind()) {
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new Refusal(path + " takes true or false, not " + kind(value));
                }
                return value.booleanValue();
            }
            case TEXT -> {
                if (!value.isTextual()) {
                    throw new Refusal(path + " takes a text value, not " + kind(value));
                }
                String text = value.asText();
                if (text.length() > MAX_TEXT_VALUE_CHARS) {
                    throw new Refusal(path + ": value longer than " + MAX_TEXT_VALUE_CHARS + " characters");
                }
                if (!spec.allowed().isEmpty() && !spec.allowed().contains(text)) {
                    throw new Refusal(path + " takes one of " + spec.allowed() + ", not '" + printable(text) + "'",
                            ActionResult.of(path, text, ActionStatus.INVALID, "not an allowed value"));
                }
                return text;
            }
            default -> {
                if (!value.isNumber()) {
                    throw new Refusal(path + " takes a number, not " + kind(value));
                }
                double number = value.doubleValue();
                if (!Double.isFinite(number)) {
                    throw new Refusal(path + ": the number is out of any range");
                }
                Object plain;
                if (spec.kind() == ToolCatalog.ValueSpec.Kind.INTEGER) {
                    if (number != Math.rint(number) || Math.abs(number) > 9.0e15) {
                        throw new Refusal(path + " takes a whole number, not " + value.asText());
                    }
                    plain = (long) number;
                } else {
                    plain = number;
                }
                if ((spec.min() != null && number < spec.min()) || (spec.max() != null && number > spec.max())) {
                    String range = (spec.min() == null ? "" : format(spec.min())) + ".."
                            + (spec.max() == null ? "" : format(spec.max()));
                    throw new Refusal(path + ": " + value.asText() + " is outside " + range
                            + (spec.unit().isEmpty() ? "" : " " + spec.unit()),
                            spec.min() != null && spec.max() != null
                                    ? ActionResult.outOfRange(path, plain, spec.min(), spec.max()) : null);
                }
                return plain;
            }
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    /** Model text for a log line: control characters out, at most 64 characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder();
        text.codePoints().limit(64).forEach(c -> clean.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return text.codePointCount(0, text.length()) > 64 ? clean + "…" : clean.toString();
    }
}
