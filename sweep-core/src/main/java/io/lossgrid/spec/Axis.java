package io.lossgrid.spec;

import io.lossgrid.base.Decimal;
import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A numeric axis of the grid: listed values, or a range. Values keep the order written; ranges run
 * from the first bound to the second. Range points are rounded to 12 significant digits so that
 * {@code {log: [1.0e-4, 1.0e-1], steps: 4}} gives exactly 1e-4, 1e-3, 1e-2, 1e-1. A range has at most
 * {@value #MAX_STEPS} steps, and its size is known without computing its points.
 */
public sealed interface Axis extends Serializable {
    /** The most points a range may have. */
    int MAX_STEPS = 1_000_000;

    List<Double> values();

    /** How many values the axis has, without computing them. */
    int size();

    /** The axis as written, for the resolved spec. */
    Object describe();

    record Listed(List<Double> values) implements Axis {
        public Listed {
            values = List.copyOf(values);
        }

        public Object describe() {
            return values;
        }

        public int size() {
            return values.size();
        }
    }

    record LogRange(double from, double to, int steps) implements Axis {
        public LogRange {
            if (!(from > 0) || Double.isInfinite(from)) {
                throw SpecException.of("log[0]", "must be > 0 and finite (a log range cannot reach 0)", from);
            }
            if (!(to > 0) || Double.isInfinite(to)) {
                throw SpecException.of("log[1]", "must be > 0 and finite (a log range cannot reach 0)", to);
            }
            checkSteps(from, to, steps);
        }

        public List<Double> values() {
            List<Double> out = new ArrayList<>(steps);
            double a = Math.log10(from);
            double b = Math.log10(to);
            for (int i = 0; i < steps; i++) {
                out.add(i == 0 ? from : i == steps - 1 ? to : Decimal.significant(Math.pow(10, a + (b - a) * i / (steps - 1))));
            }
            return out;
        }

        public Object describe() {
            return Map.of("log", List.of(from, to), "steps", steps);
        }

        public int size() {
            return steps;
        }
    }

    record LinearRange(double from, double to, int steps) implements Axis {
        public LinearRange {
            if (!Double.isFinite(from)) {
                throw SpecException.of("linear[0]", "must be finite", from);
            }
            if (!Double.isFinite(to)) {
                throw SpecException.of("linear[1]", "must be finite", to);
            }
            checkSteps(from, to, steps);
        }

        public List<Double> values() {
            List<Double> out = new ArrayList<>(steps);
            for (int i = 0; i < steps; i++) {
                out.add(i == 0 ? from : i == steps - 1 ? to : Decimal.significant(from + (to - from) * i / (steps - 1)));
            }
            return out;
        }

        public Object describe() {
            return Map.of("linear", List.of(from, to), "steps", steps);
        }

        public int size() {
            return steps;
        }
    }

    private static void checkSteps(double from, double to, int steps) {
        if (steps < 1) {
            throw SpecException.of("steps", "must be >= 1", steps);
        }
        if (steps > MAX_STEPS) {
            throw SpecException.of("steps", "must be at most " + MAX_STEPS, steps);
        }
        if (steps == 1 && from != to) {
            throw SpecException.of("steps", "must be >= 2 when the range's bounds differ", steps);
        }
    }

    /** The JSON Schema of an axis: a number, a non-empty list of numbers, or a log or linear range. */
    static Map<String, Object> schema() {
        Map<String, Object> bounds = Map.of("type", "array", "minItems", 2, "maxItems", 2, "items", Map.of("type", "number"));
        Map<String, Object> steps = Map.of("type", "integer", "minimum", 1, "maximum", MAX_STEPS);
        Map<String, Object> log = Map.of("type", "object", "properties", Map.of("log", bounds, "steps", steps),
                "required", List.of("log", "steps"), "additionalProperties", false);
        Map<String, Object> linear = Map.of("type", "object", "properties", Map.of("linear", bounds, "steps", steps),
                "required", List.of("linear", "steps"), "additionalProperties", false);
        Map<String, Object> listed = Types.oneOrList(Map.of("type", "number"));
        @SuppressWarnings("unchecked")
        List<Object> choices = new ArrayList<>((List<Object>) listed.get("oneOf"));
        choices.add(log);
        choices.add(linear);
        return Map.of("oneOf", choices);
    }

    /** Parses a number, a list of numbers, or a {@code {log|linear: [a, b], steps: n}} range. */
    static Axis parse(Node node) {
        if (node.isMap()) {
            Map<?, ?> raw = (Map<?, ?>) node.raw();
            boolean log = raw.containsKey("log");
            String kind = log ? "log" : "linear";
            if (!log && !raw.containsKey("linear")) {
                throw node.error("must be a list of numbers or a range {log: [a, b], steps: n} or {linear: [a, b], steps: n}");
            }
            Map<String, Node> f = node.map(Set.of(kind, "steps"));
            List<Node> bounds = f.get(kind).list();
            if (bounds.size() != 2) {
                throw f.get(kind).error("must be two bounds [from, to]");
            }
            Node steps = f.get("steps");
            if (steps == null) {
                throw new SpecException(node.path() + ".steps", "is required for a range", "nothing");
            }
            double a = bounds.get(0).number();
            double b = bounds.get(1).number();
            int n = steps.intValue();
            return node.build(() -> log ? new LogRange(a, b, n) : new LinearRange(a, b, n));
        }
        return new Listed(node.each(Node::number));
    }
}
