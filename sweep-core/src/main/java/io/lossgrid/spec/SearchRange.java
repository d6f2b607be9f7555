package io.lossgrid.spec;

import io.lossgrid.base.Decimal;
import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A range a search samples or bisects: {@code {log: [a, b]}} or {@code {linear: [a, b]}}, without steps (the
 * search decides where the points go). The bounds obey {@link Axis}'s rules for a range (a log range cannot
 * reach 0, every bound finite), and the second lies above the first.
 *
 * @param log  true for a log range (points spread evenly in log space), false for a linear one
 * @param from the lower bound
 * @param to   the upper bound, above {@code from}
 */
public record SearchRange(boolean log, double from, double to) implements Serializable {
    public SearchRange {
        if (log) {
            new Axis.LogRange(from, to, 2); // the bound rules of a range, with their messages
        } else {
            new Axis.LinearRange(from, to, 2);
        }
        if (!(to > from)) {
            String kind = log ? "log" : "linear";
            throw SpecException.of(kind + "[1]", "must be above " + kind + "[0] (" + SpecException.render(from) + ")", to);
        }
    }

    /** The kind as written: {@code log} or {@code linear}. */
    public String kind() {
        return log ? "log" : "linear";
    }

    /**
     * The point a fraction {@code u} of the way from {@code from} to {@code to} (in log space for a log range),
     * rounded to 12 significant digits as axis values are.
     */
    public double at(double u) {
        double v = log ? Math.exp(Math.log(from) + u * (Math.log(to) - Math.log(from))) : from + u * (to - from);
        return Math.min(to, Math.max(from, Decimal.significant(v)));
    }

    /** The range as written: {@code {log: [a, b]}}. */
    public Map<String, Object> describe() {
        return Map.of(kind(), List.of(from, to));
    }

    /** The JSON Schema of a search range. */
    static Map<String, Object> schema() {
        Map<String, Object> bounds = Map.of("type", "array", "minItems", 2, "maxItems", 2, "items", Map.of("type", "number"));
        return Map.of("oneOf", List.of(
                Map.of("type", "object", "properties", Map.of("log", bounds), "required", List.of("log"),
                        "additionalProperties", false),
                Map.of("type", "object", "properties", Map.of("linear", bounds), "required", List.of("linear"),
                        "additionalProperties", false)));
    }

    /** Reads {@code {log: [a, b]}} or {@code {linear: [a, b]}}. */
    static SearchRange parse(Node node) {
        if (!node.isMap() || !(((Map<?, ?>) node.raw()).containsKey("log") || ((Map<?, ?>) node.raw()).containsKey("linear"))) {
            throw node.error("must be a range {log: [a, b]} or {linear: [a, b]}");
        }
        boolean log = ((Map<?, ?>) node.raw()).containsKey("log");
        Map<String, Node> f = node.map(Set.of(log ? "log" : "linear"));
        Node boundsNode = f.get(log ? "log" : "linear");
        List<Node> bounds = boundsNode.list();
        if (bounds.size() != 2) {
            throw boundsNode.error("must be two bounds [from, to]");
        }
        double a = bounds.get(0).number();
        double b = bounds.get(1).number();
        return node.build(() -> new SearchRange(log, a, b));
    }
}
