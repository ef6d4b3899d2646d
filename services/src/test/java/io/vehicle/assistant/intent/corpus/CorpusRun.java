package io.vehicle.assistant.intent.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs corpus cases through an engine: each case with its own state, cases of one session in one conversation,
 * and compares the proposed writes with the expected ones (same paths; numbers within 0.01).
 */
public final class CorpusRun {

    /** The engine's answer to one case and whether it matched. */
    public record Result(CorpusCase c, Understanding understanding, String mismatch) {

        public boolean passed() {
            return mismatch == null;
        }

        @Override
        public String toString() {
            return c.id() + " \"" + c.say() + "\": " + (passed() ? "ok" : mismatch);
        }
    }

    private CorpusRun() {
    }

    public static List<Result> run(IntentEngine engine, List<CorpusCase> cases) {
        Map<String, Conversation> sessions = new HashMap<>();
        List<Result> results = new ArrayList<>();
        for (CorpusCase c : cases) {
            Conversation conversation = c.session() == null
                    ? new Conversation() : sessions.computeIfAbsent(c.session(), s -> new Conversation());
            VehicleState state = VehicleState.of(c.state() == null ? Map.of() : c.state());
            Understanding understanding = engine.understand(c.say(), conversation, state);
            results.add(new Result(c, understanding, mismatch(c.expect(), understanding)));
        }
        return results;
    }

    static String mismatch(CorpusCase.Expect expect, Understanding understanding) {
        if (!expect.understood()) {
            if (Boolean.TRUE.equals(expect.clarify()) && understanding.kind() != Understanding.Kind.CLARIFY) {
                return "expected a clarifying question, got " + describe(understanding);
            }
            return understanding.kind() == Understanding.Kind.ACTIONS
                    ? "expected not understood, got " + describe(understanding) : null;
        }
        if (understanding.kind() != Understanding.Kind.ACTIONS) {
            return "expected " + expected(expect) + ", got " + describe(understanding);
        }
        Map<String, Object> proposed = new LinkedHashMap<>();
        understanding.actions().forEach(a -> proposed.put(a.path(), a.value()));
        if (proposed.size() != expect.actions().size()) {
            return "expected " + expected(expect) + ", got " + describe(understanding);
        }
        for (CorpusCase.Action action : expect.actions()) {
            if (!proposed.containsKey(action.path()) || !same(action.value(), proposed.get(action.path()))) {
                return "expected " + expected(expect) + ", got " + describe(understanding);
            }
        }
        return null;
    }

    private static boolean same(JsonNode expected, Object actual) {
        if (expected.isNumber()) {
            return actual instanceof Number number && Math.abs(number.doubleValue() - expected.asDouble()) <= 0.01;
        }
        if (expected.isBoolean()) {
            return actual instanceof Boolean flag && flag == expected.asBoolean();
        }
        return actual instanceof String text && text.equals(expected.asText());
    }

    private static String expected(CorpusCase.Expect expect) {
        StringBuilder text = new StringBuilder("[");
        for (CorpusCase.Action action : expect.actions()) {
            text.append(shortPath(action.path())).append('=').append(action.value()).append(' ');
        }
        return text.toString().strip() + "]";
    }

    public static String describe(Understanding understanding) {
        if (understanding.kind() == Understanding.Kind.CLARIFY) {
            return "CLARIFY \"" + understanding.question() + "\"";
        }
        if (understanding.kind() == Understanding.Kind.NOT_UNDERSTOOD) {
            return "NOT_UNDERSTOOD";
        }
        StringBuilder text = new StringBuilder("[");
        for (ProposedAction action : understanding.actions()) {
            text.append(shortPath(action.path())).append('=').append(action.value()).append(' ');
        }
        return text.toString().strip() + "]";
    }

    private static String shortPath(String path) {
        return path.startsWith("Vehicle.") ? path.substring("Vehicle.".length()) : path;
    }
}
