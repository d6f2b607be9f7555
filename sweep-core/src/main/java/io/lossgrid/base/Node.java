package io.lossgrid.base;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value of the parsed YAML tree together with its path in the file ({@code grid.alpha[2]}).
 * Every accessor either returns a value of the asked-for type or throws a {@link SpecException}
 * naming this path, the rule and the value found.
 */
public final class Node {
    private final String path;
    private final Object value;

    public Node(String path, Object value) {
        this.path = path;
        this.value = value;
    }

    public static Node root(Object value) {
        return new Node("", value);
    }

    public String path() {
        return path;
    }

    public Object raw() {
        return value;
    }

    public boolean isMap() {
        return value instanceof Map;
    }

    public boolean isList() {
        return value instanceof List;
    }

    public boolean isNull() {
        return value == null;
    }

    public SpecException error(String rule) {
        return new SpecException(path, rule, SpecException.render(value), null);
    }

    public SpecException error(String rule, String hint) {
        return new SpecException(path, rule, SpecException.render(value), hint);
    }

    /** The map at this node, after checking that it has no keys outside {@code allowed} (with a did-you-mean). */
    public Map<String, Node> map(Set<String> allowed) {
        if (!(value instanceof Map<?, ?> m)) {
            throw error("must be a map");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (!allowed.contains(key)) {
                // Sorted: Set.of iterates in an order that changes from one JVM run to the next.
                Set<String> known = new TreeSet<>(allowed);
                throw new SpecException(childPath, "is not a known field (known: " + String.join(", ", known) + ")",
                        "unknown key \"" + key + "\"", Suggest.didYouMean(key, known));
            }
            out.put(key, new Node(childPath, e.getValue()));
        }
        return out;
    }

    /** The elements of a non-empty list, or of a single value treated as a list of one. */
    public List<Node> listOrSingle() {
        return value instanceof List ? list() : List.of(this);
    }

    /** The elements of a non-empty list. */
    public List<Node> list() {
        if (!(value instanceof List<?> l)) {
            throw error("must be a list");
        }
        if (l.isEmpty()) {
            throw error("must not be empty");
        }
        List<Node> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(new Node(path + "[" + i + "]", l.get(i)));
        }
        return out;
    }

    public String string() {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw error("must be a non-empty string");
    }

    /** A number; YAML 1.1 reads {@code 1e-4} (no dot) as a string, so numeric strings are accepted too. */
    public double number() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException ignored) {
                // falls through to the error below, which names the value
            }
        }
        throw error("must be a number");
    }

    public long integer() {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger) {
            throw error("must be an integer within 64 bits");
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
            return d.longValue();
        }
        throw error("must be an integer");
    }

    public int intValue() {
        long v = integer();
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw error("must be an integer within 32 bits");
        }
        return (int) v;
    }

    public boolean bool() {
        if (value instanceof Boolean b) {
            return b;
        }
        throw error("must be true or false");
    }

    /** Builds a value type from this node, re-rooting any error the value type raises at this node's path. */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (SpecException e) {
            throw e.under(path);
        }
    }

    /** Maps each element of {@link #listOrSingle()}. */
    public <T> List<T> each(Function<Node, T> f) {
        List<T> out = new ArrayList<>();
        for (Node n : listOrSingle()) {
            out.add(f.apply(n));
        }
        return List.copyOf(out);
    }
}
