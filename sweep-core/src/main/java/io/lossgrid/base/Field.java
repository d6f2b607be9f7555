package io.lossgrid.base;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One field of a sweep spec, declared once: its key, a one-line doc, its type, whether it is required or
 * what it defaults to, and the rules its value obeys. Parsing and validation ({@link Section#read}), the
 * error texts ({@link #check}), the canonical form ({@link Section#write}), the JSON Schema
 * ({@link #schema}) and the README's spec table ({@link #ruleText}) all come from this declaration.
 *
 * <p>Exactly one of three presences: required ({@code requirement} is the rule an absent field breaks,
 * such as {@code is required}); defaulted ({@code defaultValue} is used when absent); optional (neither:
 * absent means null, and {@code absent} says what that means).
 *
 * @param key          the key in its YAML map
 * @param doc          what the field means, one line, for the README and the schema's description
 * @param type         how the value is read, written and described in JSON Schema
 * @param requirement  the rule an absent required field breaks; null for a field that may be absent
 * @param defaultValue the value of an absent defaulted field; null for required and optional fields
 * @param absent       what an absent optional field means, or for a defaulted field the default in words
 *                     (README), where its canonical JSON would not read well
 * @param rules        the rules a value must obey, checked in order by {@link #check}
 * @param component    the accessor of the record component (or method) holding the value, for writing
 */
public record Field<T>(String key, String doc, Type<T> type, String requirement, T defaultValue, String absent,
                       List<Rule<T>> rules, String component) {

    public Field {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(type, "type");
        rules = List.copyOf(rules);
        if (requirement != null && defaultValue != null) {
            throw new IllegalArgumentException(key + ": a required field has no default");
        }
        component = component == null ? key : component;
    }

    /** A field that must be given. */
    public static <T> Field<T> required(String key, Type<T> type, String doc) {
        return new Field<>(key, doc, type, "is required", null, null, List.of(), null);
    }

    /** A field that takes {@code defaultValue} when absent. */
    public static <T> Field<T> withDefault(String key, Type<T> type, T defaultValue, String doc) {
        return new Field<>(key, doc, type, null, Objects.requireNonNull(defaultValue, "defaultValue"), null, List.of(), null);
    }

    /** A field that may be absent (read as null); {@code absent} says what that means. */
    public static <T> Field<T> optional(String key, Type<T> type, String doc, String absent) {
        return new Field<>(key, doc, type, null, null, absent, List.of(), null);
    }

    /** The same field with one more rule. */
    public Field<T> rule(String text, Predicate<? super T> test) {
        List<Rule<T>> more = new ArrayList<>(rules);
        more.add(new Rule<>(text, test));
        return new Field<>(key, doc, type, requirement, defaultValue, absent, more, component);
    }

    /** The same field, required with its own rule text ({@code is required (widths such as [32, 32])}). */
    public Field<T> requiredAs(String rule) {
        return new Field<>(key, doc, type, rule, null, absent, rules, component);
    }

    /** The same field with a note on its default or on what its absence means (README and schema). */
    public Field<T> absentMeans(String note) {
        return new Field<>(key, doc, type, requirement, defaultValue, note, rules, component);
    }

    /** The same field, its value held by the record component or method {@code accessor}. */
    public Field<T> heldIn(String accessor) {
        return new Field<>(key, doc, type, requirement, defaultValue, absent, rules, accessor);
    }

    public boolean isRequired() {
        return requirement != null;
    }

    /**
     * Returns {@code value} if it obeys every rule, else throws a {@link SpecException} at this field's key
     * (relative: the containing node re-roots it) naming the first rule broken and the value as written.
     */
    public T check(T value) {
        for (Rule<T> r : rules) {
            if (!r.test().test(value)) {
                throw SpecException.of(key, r.text(), value == null ? null : type.write(value));
            }
        }
        return value;
    }

    /** The value as written to the canonical form. */
    public Object write(Object value) {
        @SuppressWarnings("unchecked")
        T v = (T) value;
        return type.write(v);
    }

    /** The field's JSON Schema: its type's, with its doc as description and its default. */
    public Map<String, Object> schema() {
        Map<String, Object> m = new LinkedHashMap<>(type.schema());
        m.put("description", doc + (rules.isEmpty() ? "" : " (" + ruleText(false) + ")"));
        if (defaultValue != null) {
            m.put("default", type.write(defaultValue));
        }
        return m;
    }

    /**
     * The "default and rule" text of the README table: {@code required; must be ...} or
     * {@code 1000000; must be >= 1}.
     */
    public String ruleText() {
        return ruleText(true);
    }

    private String ruleText(boolean withPresence) {
        List<String> parts = new ArrayList<>();
        if (withPresence) {
            if (requirement != null) {
                parts.add(requirement.replaceFirst("^is ", ""));
            } else if (defaultValue != null) {
                parts.add(absent != null ? "default: " + absent : "default `" + Canonical.json(type.write(defaultValue)) + "`");
            } else if (absent != null) {
                parts.add("absent: " + absent);
            }
        }
        rules.forEach(r -> parts.add(r.text()));
        return String.join("; ", parts);
    }
}
