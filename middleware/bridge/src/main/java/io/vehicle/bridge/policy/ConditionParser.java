package io.vehicle.bridge.policy;

import io.vehicle.bridge.policy.Condition.Comparison;
import io.vehicle.bridge.policy.Condition.Operator;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.SignalType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses preconditions with this grammar (no scripting engine: the whole language is these lines):
 * <pre>
 *   condition  := conjunction ( "or" conjunction )*
 *   conjunction:= primary ( "and" primary )*
 *   primary    := "(" condition ")" | comparison
 *   comparison := PATH ( "<" | "<=" | ">" | ">=" | "==" | "!=" ) literal
 *   literal    := NUMBER | "true" | "false" | NAME | '"' text '"'
 * </pre>
 * Every path must be a signal of the catalog and every literal must fit its type (a number for a number,
 * true/false for a boolean, one of the allowed names for an enumeration), so a typo fails when the policy
 * loads, not when a driver needs the car to do something.
 */
public final class ConditionParser {

    private final SignalRegistry registry;
    private String text;
    private int at;

    public ConditionParser(SignalRegistry registry) {
        this.registry = registry;
    }

    /** IllegalArgumentException with the position and what was expected. */
    public synchronized Condition parse(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("empty precondition");
        }
        text = source;
        at = 0;
        Condition condition = disjunction();
        skipSpace();
        if (at < text.length()) {
            throw error("expected 'and', 'or' or the end");
        }
        return condition;
    }

    private Condition disjunction() {
        List<Condition> parts = new ArrayList<>();
        parts.add(conjunction());
        while (keyword("or")) {
            parts.add(conjunction());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Any(List.copyOf(parts));
    }

    private Condition conjunction() {
        List<Condition> parts = new ArrayList<>();
        parts.add(primary());
        while (keyword("and")) {
            parts.add(primary());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All(List.copyOf(parts));
    }

    private Condition primary() {
        skipSpace();
        if (peek('(')) {
            at++;
            Condition inner = disjunction();
            skipSpace();
            if (!peek(')')) {
                throw error("expected ')'");
            }
            at++;
            return inner;
        }
        return comparison();
    }

    private Condition comparison() {
        skipSpace();
        int start = at;
        String path = name();
        if (path.isEmpty()) {
            throw error("expected a signal path such as Vehicle.Speed");
        }
        SignalDefinition signal = registry.find(path).orElseThrow(() -> new IllegalArgumentException(
                "precondition '" + text + "': unknown signal " + path));
        if (signal.array()) {
            throw new IllegalArgumentException("precondition '" + text + "': " + path + " is a list; compare single values");
        }
        Operator operator = operator();
        skipSpace();
        Object literal = literal(signal, operator);
        return new Comparison(path, operator, literal, text.substring(start, at).strip());
    }

    private Operator operator() {
        skipSpace();
        for (String symbol : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
            if (text.startsWith(symbol, at)) {
                at += symbol.length();
                for (Operator operator : Operator.values()) {
                    if (operator.symbol().equals(symbol)) {
                        return operator;
                    }
                }
            }
        }
        throw error("expected one of < <= > >= == !=");
    }

    private Object literal(SignalDefinition signal, Operator operator) {
        SignalType type = signal.type();
        if (type.isNumeric()) {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            try {
                return Double.parseDouble(text.substring(start, at));
            } catch (NumberFormatException e) {
                at = start;
                throw error(signal.path() + " is a number: compare it with a number");
            }
        }
        if (operator != Operator.EQ && operator != Operator.NE) {
            throw error(signal.path() + " is not a number: compare it with == or !=");
        }
        if (type == SignalType.BOOLEAN) {
            String word = name();
            if (!word.equals("true") && !word.equals("false")) {
                throw error(signal.path() + " is true or false");
            }
            return Boolean.valueOf(word);
        }
        String value;
        if (peek('"')) {
            int end = text.indexOf('"', at + 1);
            if (end < 0) {
                throw error("unterminated text");
            }
            value = text.substring(at + 1, end);
            at = end + 1;
        } else {
            value = name();
        }
        if (type == SignalType.ENUM && !signal.allowed().isEmpty() && !signal.allowed().contains(value)) {
            throw new IllegalArgumentException("precondition '" + text + "': " + signal.path() + " is one of "
                    + signal.allowed() + ", not '" + value + "'");
        }
        return value;
    }

    private String name() {
        skipSpace();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                || text.charAt(at) == '.')) {
            at++;
        }
        return text.substring(start, at);
    }

    private boolean keyword(String word) {
        skipSpace();
        int end = at + word.length();
        if (text.startsWith(word, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("precondition '" + text + "' at character " + (at + 1) + ": " + expected);
    }
}
