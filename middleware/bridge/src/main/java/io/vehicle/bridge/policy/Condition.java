package io.vehicle.bridge.policy;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A precondition on live signals, e.g. {@code Vehicle.Speed < 3 and
 * Vehicle.Powertrain.Transmission.SelectedGear == PARK}: comparisons of a signal with a literal, joined
 * by {@code and} / {@code or}, in parentheses as needed. Parsed by {@link ConditionParser}; evaluated on
 * plain values (the caller has already made sure every signal it reads is present and fresh).
 */
public sealed interface Condition {

    /** Every signal path the condition reads. */
    Set<String> paths();

    /** @param values the current plain value of each path in {@link #paths()} */
    boolean holds(Function<String, Object> values);

    /** {@code path op literal}. */
    record Comparison(String path, Operator operator, Object literal, String text) implements Condition {
        @Override
        public Set<String> paths() {
            return Set.of(path);
        }

        @Override
        public boolean holds(Function<String, Object> values) {
            Object value = values.apply(path);
            if (literal instanceof Double number) {
                double actual = ((Number) value).doubleValue();
                int order = Double.compare(actual, number);
                return operator.test(order);
            }
            boolean equal = literal.equals(value); // Boolean or String: the parser matched the signal's type
            return operator == Operator.EQ ? equal : !equal;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Every part holds. */
    record All(List<Condition> parts) implements Condition {
        @Override
        public Set<String> paths() {
            return Condition.union(parts);
        }

        @Override
        public boolean holds(Function<String, Object> values) {
            return parts.stream().allMatch(p -> p.holds(values));
        }

        @Override
        public String toString() {
            return Condition.join(parts, " and ");
        }
    }

    /** Some part holds. */
    record Any(List<Condition> parts) implements Condition {
        @Override
        public Set<String> paths() {
            return Condition.union(parts);
        }

        @Override
        public boolean holds(Function<String, Object> values) {
            return parts.stream().anyMatch(p -> p.holds(values));
        }

        @Override
        public String toString() {
            return Condition.join(parts, " or ");
        }
    }

    enum Operator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** @param order the comparison of actual and literal (negative, zero, positive) */
        boolean test(int order) {
            return switch (this) {
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                case EQ -> order == 0;
                case NE -> order != 0;
            };
        }
    }

    private static Set<String> union(List<Condition> parts) {
        Set<String> paths = new java.util.LinkedHashSet<>();
        parts.forEach(p -> paths.addAll(p.paths()));
        return paths;
    }

    private static String join(List<Condition> parts, String operator) {
        StringBuilder text = new StringBuilder();
        for (Condition part : parts) {
            if (!text.isEmpty()) {
                text.append(operator);
            }
            boolean group = part instanceof All || part instanceof Any;
            text.append(group ? "(" : "").append(part).append(group ? ")" : "");
        }
        return text.toString();
    }
}
