package io.lossgrid.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a sweep's examples come from: a CSV file, an image folder, a seeded generator of points or of images (all
 * loaded here with {@link #load(Path, SizeGuard)}), or something Spark reads ({@link SparkData}: Parquet, any
 * {@code DataFrameReader} format, a catalog table), loaded on the driver through a {@link SparkReader}.
 */
public sealed interface DataSpec extends Serializable permits CsvData, LinearData, BlobsData, ShapesData, ImageFolderData,
        SparkData, Validated {

    /** The data set's name in tables and reports. */
    String name();

    /**
     * Reads or generates the examples, asking {@code guard} about their size before the arrays that hold
     * them are allocated (a CSV file: as its rows are read, so that reading stops at the limit).
     *
     * @param baseDir the directory of the spec file, against which relative paths resolve
     * @param guard   refuses arrays that are too large ({@code limits.maxDataBytes})
     * @throws io.lossgrid.base.SpecException when a file is missing or malformed, or the data too large
     */
    Table load(Path baseDir, SizeGuard guard);

    /** {@link #load(Path, SizeGuard)} without a size limit, for data known to be small. */
    default Table load(Path baseDir) {
        return load(baseDir, SizeGuard.UNLIMITED);
    }

    /**
     * Reads or generates the examples, with Spark where the source needs it ({@link #readWithSpark()}): what
     * {@link #load(Path, SizeGuard)} does for the others.
     *
     * @param reader reads Spark sources; the others ignore it
     * @throws io.lossgrid.base.SpecException when a file, folder or table is missing or malformed, or the data too large
     */
    default Table load(Path baseDir, SizeGuard guard, SparkReader reader) {
        return load(baseDir, guard);
    }

    /** True when the examples are read with Spark ({@link #load(Path, SizeGuard, SparkReader)} needs a real reader). */
    default boolean readWithSpark() {
        return false;
    }

    /**
     * The class names of a data set that has them (an image folder's subfolders, in sorted order: class i is the
     * i-th name), else an empty list; recorded in {@code sweep.json}.
     *
     * @param baseDir the directory of the spec file
     */
    default java.util.List<String> classNames(Path baseDir) {
        return java.util.List.of();
    }

    /**
     * The sizes of the arrays loading would allocate, {@code {rows, inputs, outputs}}, where they are known
     * without reading anything (a generator's settings), else null. Checked against
     * {@code limits.maxDataBytes} before any data is generated.
     *
     * @param classification whether a loss sees the labels as one-hot rows (one output per class)
     */
    default long[] knownShape(boolean classification) {
        return null;
    }

    /**
     * The shape of each example as an image, where the spec alone tells it (a generator of images), else empty.
     * A convolutional model needs data with a shape.
     */
    default Optional<ImageShape> imageShape() {
        return Optional.empty();
    }

    /** The resolved settings, defaults filled in, for {@code sweep.json}. */
    Map<String, Object> toMap();
}
