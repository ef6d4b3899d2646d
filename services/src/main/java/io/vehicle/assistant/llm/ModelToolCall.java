package io.vehicle.assistant.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tool call as the model sent it, not yet trusted: every part may be missing, of the wrong kind or absurdly
 * long. Parts longer than {@link ModelAnswer#MAX_PART_CHARS} are cut there and marked, so a hostile answer cannot
 * fill the node's memory.
 *
 * @param id        the call's id (empty when missing)
 * @param type      should be {@code function}
 * @param name      the tool's name (empty when missing)
 * @param arguments the JSON value of {@code function.arguments}: the wire format wants a string holding JSON; any
 *                  other node (an object, a number, null) is what the model sent instead
 * @param oversized some part was longer than {@link ModelAnswer#MAX_PART_CHARS} and was cut
 */
public record ModelToolCall(String id, String type, String name, JsonNode arguments, boolean oversized) {
}
