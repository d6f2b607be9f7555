package io.lossgrid.base;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The type of a spec field: how a value is read from the YAML tree (refusing anything else with a
 * {@link SpecException} at the node's path), how it is written to the canonical form ({@code sweep.json},
 * trial ids) and its JSON Schema.
 *
 * @param reader reads a value at a node, or throws naming the node's path
 * @param writer the canonical form of a value: plain strings, numbers, booleans, lists and maps
 * @param schema the JSON Schema of a value (without description or default, which the field adds)
 */
public record Type<T>(Function<Node, T> reader, Function<? super T, Object> writer, Map<String, Object> schema) {
    public Type {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
        schema = Schemas.copy(schema);
    }

    public T read(Node node) {
        return reader.apply(node);
    }

    public Object write(T value) {
        return writer.apply(value);
    }

    /** A type whose values are written as they are read. */
    public static <T> Type<T> plain(Function<Node, T> reader, Map<String, Object> schema) {
        return new Type<>(reader, v -> v, schema);
    }
}
