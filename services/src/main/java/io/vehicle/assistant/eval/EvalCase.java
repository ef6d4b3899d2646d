package io.vehicle.assistant.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.idl.catalog.Signal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input line of {@code vehicle assistant eval}: {@code {"id", "say", "state": {path: value}, "session",
 * "confirm"}}. Other fields (a corpus' {@code expect}) are ignored. A line that does not fit is refused with a
 * specific reason ({@link BadCase}).
 *
 * @param session null when the line starts from the default car
 * @param confirm whether the driver says yes to a confirmation question
 */
record EvalCase(String id, String say, Map<String, Object> state, String session, boolean confirm) {

    /** Why a line cannot be run; carries whatever id the line had. */
    static final class BadCase extends Exception {
        private static final long serialVersionUID = 1L;
        final String id;
        final String say;

        BadCase(String id, String say, String reason) {
            super(reason, null, false, false);
            this.id = id;
            this.say = say;
        }
    }

    static EvalCase parse(JsonNode line, Map<String, Signal> catalog) throws BadCase {
        if (line == null || !line.isObject()) {
            throw new BadCase("", "", "a line must be a JSON object");
        }
        JsonNode idNode = line.get("id");
        String id = idNode != null && (idNode.isTextual() || idNode.isIntegralNumber()) ? idNode.asText() : "";
        JsonNode sayNode = line.get("say");
        String say = sayNode != null && sayNode.isTextual() ? sayNode.asText() : "";
        if (id.isEmpty()) {
            throw new BadCase(id, say, "\"id\" must be a non-empty string");
        }
        if (sayNode == null || !sayNode.isTextual()) {
            throw new BadCase(id, say, "\"say\" must be a string");
        }
        Map<String, Object> state = new LinkedHashMap<>();
        JsonNode stateNode = line.get("state");
        if (stateNode != null && !stateNode.isNull()) {
            if (!stateNode.isObject()) {
                throw new BadCase(id, say, "\"state\" must be an object of VSS path to value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = stateNode.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = entry.getKey();
                JsonNode value = entry.getValue();
                if (!catalog.containsKey(path)) {
                    throw new BadCase(id, say, "state: unknown signal " + path);
                }
                if (value.isNumber()) {
                    state.put(path, value.doubleValue());
                } else if (value.isBoolean()) {
                    state.put(path, value.booleanValue());
                } else if (value.isTextual()) {
                    state.put(path, value.asText());
                } else {
                    throw new BadCase(id, say, "state: " + path + " must be a number, boolean or string");
                }
            }
        }
        JsonNode sessionNode = line.get("session");
        String session = null;
        if (sessionNode != null && !sessionNode.isNull()) {
            if (!sessionNode.isTextual() || sessionNode.asText().isBlank()) {
                throw new BadCase(id, say, "\"session\" must be a non-empty string");
            }
            session = sessionNode.asText();
        }
        JsonNode confirmNode = line.get("confirm");
        if (confirmNode != null && !confirmNode.isNull() && !confirmNode.isBoolean()) {
            throw new BadCase(id, say, "\"confirm\" must be true or false");
        }
        return new EvalCase(id, say, state, session, confirmNode != null && confirmNode.asBoolean(false));
    }
}
