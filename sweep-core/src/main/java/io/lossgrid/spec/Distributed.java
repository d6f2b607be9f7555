package io.lossgrid.spec;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.Map;

/**
 * How a distributed trial trains ({@code training.distributed}): data-parallel, with the Spark-DL4J bridge's
 * parameter averaging, across {@code workers} equal partitions of the data. Its fields are declared once in
 * {@link #FIELDS}.
 *
 * @param workers            partitions of the data, one worker (a Spark task) each
 * @param averagingFrequency mini-batches each worker fits between two averagings of the parameters
 * @param batchSizePerWorker examples per mini-batch of a worker; {@link TrainingSpec#FULL_BATCH} when each worker
 *                           takes one step per epoch on its whole partition ({@code training.batchSize: full})
 */
public record Distributed(int workers, int averagingFrequency, int batchSizePerWorker) implements Serializable {
    public static final int MAX_WORKERS = 100_000;

    public static final Field<Integer> WORKERS = Field.required("workers", Types.INT,
                    "partitions of the data, one worker (a Spark task) each, trained data-parallel with parameter averaging")
            .requiredAs("is required (the number of workers, such as 4)")
            .rule("must be between 1 and " + MAX_WORKERS, w -> w >= 1 && w <= MAX_WORKERS);
    public static final Field<Integer> AVERAGING_FREQUENCY = Field.withDefault("averagingFrequency", Types.INT, 1,
                    "mini-batches each worker fits between two averagings of the parameters (every epoch also ends with one)")
            .rule("must be >= 1", f -> f >= 1);
    public static final Field<Integer> BATCH_SIZE_PER_WORKER = Field.optional("batchSizePerWorker", Types.INT,
                    "examples per mini-batch of a worker",
                    "training.batchSize (`full`: each worker takes one step per epoch on its whole partition)")
            .rule("must be >= 1", b -> b == null || b >= 1).heldIn("batchSizePerWorkerOrNull");

    /** The {@code training.distributed} section. */
    public static final Section FIELDS = Section.of(WORKERS, AVERAGING_FREQUENCY, BATCH_SIZE_PER_WORKER);

    public Distributed {
        WORKERS.check(workers);
        AVERAGING_FREQUENCY.check(averagingFrequency);
        if (batchSizePerWorker != TrainingSpec.FULL_BATCH) {
            BATCH_SIZE_PER_WORKER.check(batchSizePerWorker);
        } else if (averagingFrequency != 1) {
            throw new SpecException(AVERAGING_FREQUENCY.key(), "must be 1 when each worker takes one full step per epoch"
                    + " (training.batchSize full: the bridge averages at the end of every epoch)",
                    String.valueOf(averagingFrequency), "leave it out, or give batchSizePerWorker");
        }
    }

    /** True when each worker takes one step per epoch on its whole partition. */
    public boolean fullBatch() {
        return batchSizePerWorker == TrainingSpec.FULL_BATCH;
    }

    /** The mini-batch size as written in the spec's resolved form; null for full batch (left out). */
    public Integer batchSizePerWorkerOrNull() {
        return fullBatch() ? null : batchSizePerWorker;
    }

    /**
     * The size of the {@code p}-th of the {@code workers} partition sizes of {@code rows}, largest first: they
     * differ by at most one ({@code partitionSize(rows, 0)} is the largest; which partition gets which size is the
     * runner's choice).
     */
    public int partitionSize(long rows, int p) {
        long base = rows / workers;
        return Math.toIntExact(base + (p < rows % workers ? 1 : 0));
    }

    /** The smallest partition of {@code rows} examples. */
    public long smallestPartition(long rows) {
        return rows / workers;
    }

    /**
     * Refuses data this distribution cannot train on: fewer rows than workers (a worker without data), or a
     * worker's mini-batch larger than its partition.
     *
     * @param dataName the data set's name, for the message
     */
    public void checkRows(String dataName, long rows) {
        String data = "data " + SpecException.render(dataName);
        if (workers > rows) {
            throw new SpecException("training.distributed." + WORKERS.key(), "must be at most the data's rows (each worker"
                    + " needs at least one example)", workers + " workers for the " + rows + " rows of " + data,
                    "use at most " + rows + " workers");
        }
        if (!fullBatch() && batchSizePerWorker > smallestPartition(rows)) {
            throw new SpecException("training.distributed." + BATCH_SIZE_PER_WORKER.key(), "must be at most a worker's"
                    + " partition (" + smallestPartition(rows) + " rows: " + rows + " rows / " + workers + " workers)",
                    batchSizePerWorker + " for " + data, "use at most " + smallestPartition(rows) + " or fewer workers");
        }
    }

    /** The resolved settings, in declaration order (a full-batch worker's batch size left out). */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }

    /**
     * Reads {@code training.distributed}; an absent {@code batchSizePerWorker} takes {@code batchSize}
     * (the training's, {@link TrainingSpec#FULL_BATCH} for full batch).
     */
    static Distributed parse(Node node, int batchSize) {
        Section.Values v = FIELDS.read(node);
        int workers = v.get(WORKERS);
        int frequency = v.get(AVERAGING_FREQUENCY);
        Integer perWorker = v.get(BATCH_SIZE_PER_WORKER);
        node.build(() -> BATCH_SIZE_PER_WORKER.check(perWorker));
        if (perWorker != null && batchSize == TrainingSpec.FULL_BATCH) {
            throw new SpecException(node.path() + "." + BATCH_SIZE_PER_WORKER.key(), "must be left out with"
                    + " training.batchSize full (each worker then takes one step per epoch on its whole partition)",
                    String.valueOf(perWorker), "give training.batchSize a number instead of full");
        }
        return node.build(() -> new Distributed(workers, frequency, perWorker == null ? batchSize : perWorker));
    }
}
