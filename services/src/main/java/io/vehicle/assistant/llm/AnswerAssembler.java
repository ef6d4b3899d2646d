package io.vehicle.assistant.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ModelAnswer} from the chat-completions wire format: a whole response ({@code choices[0].message})
 * or the chunks of a stream ({@code choices[0].delta}, tool calls arriving in pieces by {@code index}, names and
 * arguments concatenated). Only the shape is checked here; what the calls mean is the validator's business.
 * Every part is kept to {@link ModelAnswer#MAX_PART_CHARS} and at most {@link ModelAnswer#MAX_CALLS} calls.
 */
final class AnswerAssembler {

    private static final class CallParts {
        final StringBuilder id = new StringBuilder();
        final StringBuilder type = new StringBuilder();
        final StringBuilder name = new StringBuilder();
        final StringBuilder arguments = new StringBuilder();
        JsonNode nonTextArguments;
        boolean sawArguments;
        boolean oversized;
    }

    private final StringBuilder content = new StringBuilder();
    private final Map<Integer, CallParts> calls = new TreeMap<>();
    private String finishReason = "";
    private int dropped;

    /** A non-streamed response. */
    static ModelAnswer fromResponse(JsonNode response) {
        AnswerAssembler assembler = new AnswerAssembler();
        assembler.add(response, "message");
        return assembler.answer(false);
    }

    /** One {@code data:} object of a stream. */
    void addChunk(JsonNode chunk) {
        add(chunk, "delta");
    }

    ModelAnswer answer(boolean streamed) {
        List<ModelToolCall> toolCalls = new ArrayList<>();
        for (CallParts parts : calls.values()) {
            JsonNode arguments = parts.nonTextArguments != null ? parts.nonTextArguments
                    : parts.sawArguments ? JsonNodeFactory.instance.textNode(parts.arguments.toString())
                    : JsonNodeFactory.instance.missingNode();
            toolCalls.add(new ModelToolCall(parts.id.toString(), parts.type.toString(), parts.name.toString(),
                    arguments, parts.oversized));
        }
        return new ModelAnswer(content.toString(), toolCalls, finishReason, dropped, streamed);
    }

    private void add(JsonNode response, String part) {
        if (response == null || !response.isObject()) {
            throw new ModelFailure("the answer is not a JSON object", false);
        }
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            String message = error.isObject() ? error.path("message").asText(error.toString()) : error.asText();
            throw new ModelFailure("the server reported an error: " + cut(message, 200), false);
        }
        JsonNode choices = response.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new ModelFailure("the answer has no choices array", false);
        }
        if (choices.isEmpty()) {
            return; // a stream may send a chunk without choices (usage only)
        }
        JsonNode choice = choices.get(0);
        if (!choice.isObject()) {
            throw new ModelFailure("choices[0] is not an object", false);
        }
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && finish.isTextual()) {
            finishReason = cut(finish.asText(), 40);
        }
        JsonNode message = choice.get(part);
        if (message == null || message.isNull()) {
            if (part.equals("message")) {
                throw new ModelFailure("choices[0] has no message", false);
            }
            return;
        }
        if (!message.isObject()) {
            throw new ModelFailure("choices[0]." + part + " is not an object", false);
        }
        JsonNode text = message.get("content");
        if (text != null && text.isTextual()) {
            append(content, text.asText(), null);
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls == null || toolCalls.isNull()) {
            return;
        }
        if (!toolCalls.isArray()) {
            throw new ModelFailure("tool_calls is not an array", false);
        }
        for (int position = 0; position < toolCalls.size(); position++) {
            addCall(toolCalls.get(position), position);
        }
    }

    private void addCall(JsonNode call, int position) {
        if (!call.isObject()) {
            throw new ModelFailure("a tool call is not an object", false);
        }
        JsonNode indexNode = call.get("index");
        int index = indexNode != null && indexNode.canConvertToInt() ? indexNode.intValue() : position;
        CallParts parts = calls.get(index);
        if (parts == null) {
            if (calls.size() >= ModelAnswer.MAX_CALLS) {
                dropped++;
                return;
            }
            parts = new CallParts();
            calls.put(index, parts);
        }
        // The id and type come whole with a call's first piece (some servers repeat them); the name and the
        // arguments may come in pieces and are concatenated.
        if (parts.id.length() == 0) {
            appendText(parts.id, call.get("id"), parts);
        }
        if (parts.type.length() == 0) {
            appendText(parts.type, call.get("type"), parts);
        }
        JsonNode function = call.get("function");
        if (function == null || !function.isObject()) {
            return;
        }
        appendText(parts.name, function.get("name"), parts);
        JsonNode arguments = function.get("arguments");
        if (arguments == null) {
            return;
        }
        if (arguments.isTextual()) {
            parts.sawArguments = true;
            append(parts.arguments, arguments.asText(), parts);
        } else if (!arguments.isNull()) {
            // Not the wire format (a string holding JSON); kept for the validator to refuse with its reason.
            parts.nonTextArguments = arguments;
        }
    }

    private static void appendText(StringBuilder target, JsonNode piece, CallParts parts) {
        if (piece != null && piece.isTextual()) {
            append(target, piece.asText(), parts);
        }
    }

    private static void append(StringBuilder target, String piece, CallParts parts) {
        int room = ModelAnswer.MAX_PART_CHARS - target.length();
        if (piece.length() > room) {
            target.append(piece, 0, Math.max(0, room));
            if (parts != null) {
                parts.oversized = true;
            }
        } else {
            target.append(piece);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
