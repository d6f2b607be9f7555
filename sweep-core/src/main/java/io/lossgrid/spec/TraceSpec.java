package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Section;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.Map;

/**
 * What a trial's mini-batch trace records ({@code training.trace}): the batch loss and gradient norm of its
 * first {@code iterations} updates. Its fields are declared once in {@link #FIELDS}. A trace does not change
 * training, so it is not part of a trial's id ({@link TrainingSpec#identity()}).
 *
 * @param iterations how many updates, from the first, each trial records
 */
public record TraceSpec(int iterations) implements Serializable {
    public static final int MAX_ITERATIONS = 1_000_000;

    public static final Field<Integer> ITERATIONS = Field.required("iterations", Types.INT,
                    "how many updates, from the first, each trial records (one row per update in `DIR/iterations`)")
            .requiredAs("is required (the number of updates, such as 200)")
            .rule("must be between 1 and " + MAX_ITERATIONS, n -> n >= 1 && n <= MAX_ITERATIONS);

    /** The {@code training.trace} section. */
    public static final Section FIELDS = Section.of(ITERATIONS);

    /** How {@code training.trace} is read, written and described. */
    static final Type<TraceSpec> TYPE = new Type<>(TraceSpec::parse, TraceSpec::toMap, FIELDS.schema());

    public TraceSpec {
        ITERATIONS.check(iterations);
    }

    /** The resolved settings, in declaration order. */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    static TraceSpec parse(Node node) {
        Section.Values v = FIELDS.read(node);
        int iterations = v.get(ITERATIONS);
        return node.build(() -> new TraceSpec(iterations));
    }
}
