package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How each trial trains. Its fields are declared once in {@link #FIELDS}.
 *
 * @param epochs    passes over the data; the loss curve has {@code epochs + 1} points (0 is before any update)
 * @param batchSize examples per update, or {@link #FULL_BATCH} for one full-batch update per epoch
 * @param dataType  the precision of parameters and arithmetic: {@code float} (default) or {@code double}
 * @param trace     what each trial's mini-batch trace records; null for no trace (the default)
 * @param distributed how each trial trains data-parallel across workers with the Spark-DL4J bridge; null for
 *                    training on one executor (the default)
 */
public record TrainingSpec(int epochs, int batchSize, DataType dataType, TraceSpec trace, Distributed distributed)
        implements Serializable {
    public static final int FULL_BATCH = 0;
    public static final int MAX_EPOCHS = 1_000_000;

    /** A batch size: a positive integer, or {@code full} (written back as {@code full}). */
    private static final Type<Integer> BATCH_SIZE = new Type<>(TrainingSpec::batchSize,
            b -> b == FULL_BATCH ? "full" : b,
            Map.of("oneOf", List.of(Map.of("type", "integer", "minimum", 1), Schemas.constant("full"))));
    /** A precision: {@code float} or {@code double}. */
    private static final Type<DataType> DTYPE = new Type<>(TrainingSpec::dataType,
            d -> d.name().toLowerCase(Locale.ROOT), Schemas.oneOfStrings(List.of("float", "double")));

    public static final Field<Integer> EPOCHS = Field.required("epochs", Types.INT, "passes over the data")
            .rule("must be between 1 and " + MAX_EPOCHS, e -> e >= 1 && e <= MAX_EPOCHS);
    public static final Field<Integer> BATCH = Field.withDefault("batchSize", BATCH_SIZE, FULL_BATCH,
                    "examples per update, or `full`; mini-batches are reshuffled every epoch from the trial's seed")
            .rule("must be >= 1 or \"full\"", b -> b >= 0);
    public static final Field<DataType> DATA_TYPE = Field.withDefault("dtype", DTYPE, DataType.FLOAT,
                    "precision of parameters and arithmetic: `float` or `double`")
            .rule("must be float or double", d -> d == DataType.FLOAT || d == DataType.DOUBLE).heldIn("dataType");

    public static final Field<TraceSpec> TRACE = Field.optional("trace", TraceSpec.TYPE,
            "records each trial's first updates, one row each in the `iterations` table: `{iterations: 200}`; see"
                    + " \"Mini-batch traces\"", "no trace");

    /** Read by {@link #parse} with the training's batch size, which this type's reader lacks (absent: full). */
    public static final Field<Distributed> DISTRIBUTED = Field.optional("distributed",
            new Type<>(n -> Distributed.parse(n, FULL_BATCH), Distributed::toMap, Distributed.FIELDS.schema()),
            "`{workers: 4, averagingFrequency: 5, batchSizePerWorker: 32}`: each trial trains data-parallel with the"
                    + " Spark-DL4J bridge (parameter averaging) across `workers` equal partitions of the data, as its own"
                    + " Spark job; see README, Distributed trials",
            "each trial trains on one executor");

    /** The {@code training} section. */
    public static final Section FIELDS = Section.of(EPOCHS, BATCH, DATA_TYPE, TRACE, DISTRIBUTED);

    public TrainingSpec {
        EPOCHS.check(epochs);
        BATCH.check(batchSize);
        DATA_TYPE.check(dataType);
    }

    /** Settings without a trace, training on one executor. */
    public TrainingSpec(int epochs, int batchSize, DataType dataType) {
        this(epochs, batchSize, dataType, null, null);
    }

    /** The same settings recording a trace of the first {@code iterations} updates of each trial. */
    public TrainingSpec traced(int iterations) {
        return new TrainingSpec(epochs, batchSize, dataType, new TraceSpec(iterations), distributed);
    }

    /** How many updates each trial records in its trace: 0 without a trace. */
    public int traceIterations() {
        return trace == null ? 0 : trace.iterations();
    }

    /** True when each trial trains data-parallel across workers ({@code training.distributed}). */
    public boolean isDistributed() {
        return distributed != null;
    }

    public boolean fullBatch() {
        return batchSize == FULL_BATCH;
    }

    /** The resolved settings, defaults filled in, in declaration order. */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    /**
     * The settings that decide how a trial trains, for its id ({@code grid.TrialIds}): {@link #toMap()}
     * without {@code trace}, which only records what training does. A spec with a trace gives the same ids as
     * the same spec without one.
     */
    public Map<String, Object> identity() {
        Map<String, Object> m = new LinkedHashMap<>(toMap());
        m.remove(TRACE.key());
        return m;
    }

    static TrainingSpec parse(Node node) {
        Section.Values v = FIELDS.read(node);
        int epochs = v.get(EPOCHS);
        int batchSize = v.get(BATCH);
        DataType dataType = v.get(DATA_TYPE);
        TraceSpec trace = v.get(TRACE);
        Distributed distributed = v.has(DISTRIBUTED) ? Distributed.parse(v.node(DISTRIBUTED), batchSize) : null;
        if (trace != null && distributed != null) {
            throw new io.lossgrid.base.SpecException(v.node(TRACE).path(), "cannot be combined with training.distributed"
                    + " (a distributed trial's updates run on the workers, which record no trace)",
                    io.lossgrid.base.SpecException.render(trace.toMap()), "remove training.trace, or train on one"
                    + " executor to trace");
        }
        return node.build(() -> new TrainingSpec(epochs, batchSize, dataType, trace, distributed));
    }

    private static int batchSize(Node b) {
        if ("full".equals(b.raw())) {
            return FULL_BATCH;
        }
        if (!(b.raw() instanceof Number)) {
            throw b.error("must be a positive integer or \"full\"");
        }
        int batch = b.intValue();
        if (batch < 1) {
            throw b.error("must be >= 1 or \"full\"");
        }
        return batch;
    }

    private static DataType dataType(Node d) {
        return switch (d.string()) {
            case "float" -> DataType.FLOAT;
            case "double" -> DataType.DOUBLE;
            default -> throw d.error("must be float or double");
        };
    }
}
