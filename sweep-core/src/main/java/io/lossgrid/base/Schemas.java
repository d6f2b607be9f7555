package io.lossgrid.base;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders of JSON Schema (draft 2020-12) fragments as plain maps. */
public final class Schemas {
    private Schemas() {
    }

    /** An unmodifiable copy; an absent schema is the empty one (anything goes). */
    static Map<String, Object> copy(Map<String, Object> schema) {
        return schema == null ? Map.of() : Map.copyOf(schema);
    }

    /** A string that is one of {@code values}. */
    public static Map<String, Object> oneOfStrings(List<String> values) {
        return Map.of("type", "string", "enum", List.copyOf(values));
    }

    /** Exactly this string. */
    public static Map<String, Object> constant(String value) {
        return Map.of("const", value);
    }

    /** Any of the given schemas. */
    public static Map<String, Object> anyOf(List<Map<String, Object>> schemas) {
        return Map.of("anyOf", List.copyOf(schemas));
    }

    /** {@code schema} with {@code key} set to {@code value}. */
    public static Map<String, Object> with(Map<String, Object> schema, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(schema);
        m.put(key, value);
        return m;
    }
}
