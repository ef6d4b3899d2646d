package io.vehicle.assistant.llm;

import java.util.List;

/**
 * What the model answered, assembled from one JSON response or from the chunks of a stream.
 *
 * @param content      the assistant's text (empty when none), cut at {@link #MAX_PART_CHARS}
 * @param toolCalls    in the order of their index
 * @param finishReason {@code stop}, {@code tool_calls}, {@code length}, ... (empty when the server sent none)
 * @param droppedCalls tool calls beyond {@link #MAX_CALLS} that were not even kept
 * @param streamed     whether the answer came as server-sent events
 */
public record ModelAnswer(String content, List<ModelToolCall> toolCalls, String finishReason, int droppedCalls,
        boolean streamed) {

    /** Longest content, tool name, id or arguments kept from an answer. */
    public static final int MAX_PART_CHARS = 4096;
    /** Most tool calls kept from one answer; the validator's own limit is far lower. */
    public static final int MAX_CALLS = 64;

    public ModelAnswer {
        content = content == null ? "" : content;
        toolCalls = List.copyOf(toolCalls);
        finishReason = finishReason == null ? "" : finishReason;
    }
}
