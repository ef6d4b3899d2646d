package io.vehicle.assistant.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges one result line of {@code vehicle assistant eval} against the {@code expect} of its corpus line
 * ({@code {"outcome", "actions": [{"path", "value"}]}}), with the policy and the ECUs in the loop:
 *
 * <ul>
 * <li>the outcome is the expected one;</li>
 * <li>the actions are exactly the expected paths with their values (numbers within 0.01); none for
 * {@code not_understood};</li>
 * <li>{@code done}: every action is {@code confirmed} and the simulator reads the value back;</li>
 * <li>{@code refused}, {@code needs_confirmation}: no action is confirmed, and a path the line forced keeps its
 * forced value on the simulator;</li>
 * <li>{@code partial}: some actions are confirmed and some are not.</li>
 * </ul>
 */
public final class CaseJudge {

    private CaseJudge() {
    }

    /**
     * @return null when the result meets the expectation, else what differs, in one line
     */
    public static String mismatch(JsonNode line, JsonNode result) {
        JsonNode expect = line.path("expect");
        String outcome = expect.path("outcome").asText();
        if (!outcome.equals(result.path("outcome").asText())) {
            return "expected " + outcome + ", got " + result.path("outcome").asText() + " (" + summary(result) + ")";
        }
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        expect.path("actions").forEach(a -> expected.put(a.path("path").asText(), a.path("value")));
        Map<String, JsonNode> actual = new LinkedHashMap<>();
        result.path("actions").forEach(a -> actual.put(a.path("path").asText(), a));
        if (!expected.keySet().equals(actual.keySet())) {
            return "expected actions " + expected.keySet() + ", got " + summary(result);
        }
        List<String> wrong = new ArrayList<>();
        int confirmed = 0;
        for (Map.Entry<String, JsonNode> entry : expected.entrySet()) {
            String path = entry.getKey();
            JsonNode action = actual.get(path);
            if (!same(entry.getValue(), action.path("value"))) {
                wrong.add(path + " = " + action.path("value") + ", expected " + entry.getValue());
            }
            boolean done = action.path("result").asText().equals("confirmed");
            confirmed += done ? 1 : 0;
            JsonNode after = result.path("after").path(path);
            if (outcome.equals("done") && !(done && same(entry.getValue(), after))) {
                wrong.add(path + " " + action.path("result").asText() + ", simulator reads " + after);
            }
            JsonNode forced = line.path("state").path(path);
            if ((outcome.equals("refused") || outcome.equals("needs_confirmation"))
                    && (done || (!forced.isMissingNode() && !same(forced, after)))) {
                wrong.add(path + " changed to " + after + " although " + outcome);
            }
        }
        if (outcome.equals("partial") && (confirmed == 0 || confirmed == expected.size())) {
            wrong.add(confirmed + " of " + expected.size() + " actions confirmed");
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    private static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNumber()) {
            return actual.isNumber() && Math.abs(actual.asDouble() - expected.asDouble()) <= 0.01;
        }
        return expected.equals(actual);
    }

    private static String summary(JsonNode result) {
        List<String> parts = new ArrayList<>();
        result.path("actions").forEach(a -> parts.add(a.path("path").asText() + "=" + a.path("value") + " "
                + a.path("decision").asText() + "/" + a.path("result").asText()));
        return parts + " \"" + result.path("reply").asText() + "\"";
    }
}
