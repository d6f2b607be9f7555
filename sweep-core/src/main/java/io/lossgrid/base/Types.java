package io.lossgrid.base;

import java.util.List;
import java.util.Map;

/** The types most spec fields have: integers, numbers, strings and lists of them. */
public final class Types {
    /** An integer within 32 bits. */
    public static final Type<Integer> INT = Type.plain(Node::intValue, Map.of("type", "integer"));
    /** An integer within 64 bits. */
    public static final Type<Long> LONG = Type.plain(Node::integer, Map.of("type", "integer"));
    /** A number (YAML 1.1 reads {@code 1e-4} as a string; numeric strings are accepted). */
    public static final Type<Double> NUMBER = Type.plain(Node::number, Map.of("type", "number"));
    /** A non-empty string. */
    public static final Type<String> STRING = Type.plain(Node::string, Map.of("type", "string", "minLength", 1));
    /** One string or a non-empty list of strings, always written as a list. */
    public static final Type<List<String>> STRING_LIST = Type.plain(n -> n.each(Node::string), oneOrList(STRING.schema()));
    /** One string or a non-empty list of strings, written as one string when there is one. */
    public static final Type<List<String>> STRING_OR_LIST = new Type<>(n -> n.each(Node::string), Types::one,
            oneOrList(STRING.schema()));
    /** One number or a non-empty list of numbers, written as one number when there is one. */
    public static final Type<List<Double>> NUMBER_OR_LIST = new Type<>(n -> n.each(Node::number), Types::one,
            oneOrList(NUMBER.schema()));

    private Types() {
    }

    /** The schema of a value or a non-empty list of such values. */
    public static Map<String, Object> oneOrList(Map<String, Object> item) {
        return Map.of("oneOf", List.of(item, Map.of("type", "array", "minItems", 1, "items", item)));
    }

    /** A list of one written as its element, a longer list as a list. */
    public static Object one(List<?> values) {
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }
}
