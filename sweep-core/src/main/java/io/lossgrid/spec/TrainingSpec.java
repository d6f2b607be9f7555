package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.io.Serializable;
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
 * @param distributed how each trial trains data-parallel across workers with the Spark-DL4J bridge; null for
 *                    training on one executor (the default)
 */
public record TrainingSpec(int epochs, int batchSize, DataType dataType, Distributed distributed) implements Serializable {
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

    /** Read by {@link #parse} with the training's batch size, which this type's reader lacks (absent: full). */
    public static final Field<Distributed> DISTRIBUTED = Field.optional("distributed",
            new Type<>(n -> Distributed.parse(n, FULL_BATCH), Distributed::toMap, Distributed.FIELDS.schema()),
            "`{workers: 4, averagingFrequency: 5, batchSizePerWorker: 32}`: each trial trains data-parallel with the"
                    + " Spark-DL4J bridge (parameter averaging) across `workers` equal partitions of the data, as its own"
                    + " Spark job; see README, Distributed trials",
            "each trial trains on one executor");

    /** The {@code training} section. */
    public static final Section FIELDS = Section.of(EPOCHS, BATCH, DATA_TYPE, DISTRIBUTED);

    public TrainingSpec {
        EPOCHS.check(epochs);
        BATCH.check(batchSize);
        DATA_TYPE.check(dataType);
    }

    /** Training on one executor. */
    public TrainingSpec(int epochs, int batchSize, DataType dataType) {
        this(epochs, batchSize, dataType, null);
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

    static TrainingSpec parse(Node node) {
        Section.Values v = FIELDS.read(node);
        int epochs = v.get(EPOCHS);
        int batchSize = v.get(BATCH);
        DataType dataType = v.get(DATA_TYPE);
        Distributed distributed = v.has(DISTRIBUTED) ? Distributed.parse(v.node(DISTRIBUTED), batchSize) : null;
        return node.build(() -> new TrainingSpec(epochs, batchSize, dataType, distributed));
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
