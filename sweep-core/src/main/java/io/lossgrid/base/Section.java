package io.lossgrid.base;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one map of a spec ({@code training}, {@code limits}, a synthetic generator...), in the
 * order they are documented and written. From this one list come the keys a map may hold (with
 * did-you-mean for others), the required-field errors, the defaults, the canonical form and the map's
 * JSON Schema.
 */
public record Section(List<Field<?>> fields) {
    public Section {
        fields = List.copyOf(fields);
        Set<String> keys = new LinkedHashSet<>();
        for (Field<?> f : fields) {
            if (!keys.add(f.key())) {
                throw new IllegalArgumentException("field " + f.key() + " is declared twice in one section");
            }
        }
    }

    public static Section of(Field<?>... fields) {
        return new Section(List.of(fields));
    }

    /** The keys a map of this section may hold, in declaration order. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        fields.forEach(f -> keys.add(f.key()));
        return keys;
    }

    /**
     * Reads the map at {@code node}: refuses keys that are not declared (naming the known ones, with a
     * did-you-mean) and required fields that are absent ({@code training.epochs is required, found nothing}),
     * in declaration order.
     */
    public Values read(Node node) {
        Map<String, Node> present = node.map(keys());
        for (Field<?> f : fields) {
            if (f.isRequired() && !present.containsKey(f.key())) {
                String path = node.path().isEmpty() ? f.key() : node.path() + "." + f.key();
                throw new SpecException(path, f.requirement(), "nothing");
            }
        }
        return new Values(present);
    }

    /** The values of an absent section: every field's default (a section with a required field cannot be absent). */
    public Values defaults() {
        return new Values(Map.of());
    }

    /**
     * The canonical form of {@code holder} (a record whose components, or methods, are named by the
     * fields' {@link Field#component()}): a map in declaration order, absent optional values left out.
     */
    public Map<String, Object> write(Object holder) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field<?> f : fields) {
            Object v = get(holder, f.component());
            if (v != null) {
                m.put(f.key(), f.write(v));
            }
        }
        return m;
    }

    /** The JSON Schema of a map of this section: its properties, the required ones, nothing else allowed. */
    public Map<String, Object> schema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field<?> f : fields) {
            properties.put(f.key(), f.schema());
            if (f.isRequired()) {
                required.add(f.key());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        m.put("properties", properties);
        if (!required.isEmpty()) {
            m.put("required", required);
        }
        m.put("additionalProperties", false);
        return m;
    }

    private static Object get(Object holder, String accessor) {
        try {
            var method = holder.getClass().getMethod(accessor);
            return method.invoke(holder);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(holder.getClass().getSimpleName() + " has no public accessor " + accessor
                    + "() for its declared field", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(holder.getClass().getSimpleName() + "." + accessor + "() threw", e.getCause());
        }
    }

    /** The fields of one map as read: each present field's node, each absent one's default. */
    public static final class Values {
        private final Map<String, Node> present;

        Values(Map<String, Node> present) {
            this.present = Map.copyOf(present);
        }

        /** The field's value read from the spec, or its default (null for an absent optional field). */
        public <T> T get(Field<T> field) {
            Node n = present.get(field.key());
            return n == null ? field.defaultValue() : field.type().read(n);
        }

        /** True when the spec gave the field. */
        public boolean has(Field<?> field) {
            return present.containsKey(field.key());
        }

        /** The node of a field the spec gave, or null. */
        public Node node(Field<?> field) {
            return present.get(field.key());
        }
    }
}
