package io.lossgrid.data;

import java.nio.file.Path;

/**
 * Reads a {@link SparkData} set with a Spark session into the in-memory {@link Table} the trainers take.
 * sweep-core declares the seam; sweep-spark implements it on the driver ({@code io.lossgrid.source}).
 */
@FunctionalInterface
public interface SparkReader {
    /** For callers without a Spark session: refuses every Spark-read data set, naming it. */
    SparkReader NONE = (data, baseDir, guard) -> {
        throw new IllegalStateException("data " + io.lossgrid.base.SpecException.render(data.name()) + " ("
                + data.source().describe() + ") is read with Spark: load it through a SparkReader (PreparedData.load(spec, spark))");
    };

    /**
     * The data set's rows as a {@link Table}: the feature columns (or the one array column, flattened in
     * {@link SparkData#shape()}'s order) as {@code x}, the label columns as {@code y}.
     *
     * @param baseDir the spec file's directory, against which relative paths resolve
     * @param guard   asked with the counted rows before any value is collected
     * @throws io.lossgrid.base.SpecException when the source is missing, a column is absent or of the wrong type,
     *                                        a value is null, NaN or infinite (naming the row), or the data
     *                                        would not fit {@code limits.maxDataBytes}
     */
    Table read(SparkData data, Path baseDir, SizeGuard guard);
}
