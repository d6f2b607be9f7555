package io.lossgrid.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a sweep's examples come from: a CSV file, an image folder, a seeded generator (all loaded here with
 * {@link #load(Path)}), or something Spark reads ({@link SparkData}: Parquet, any {@code DataFrameReader}
 * format, a catalog table), loaded on the driver through a {@link SparkReader}.
 */
public sealed interface DataSpec extends Serializable permits CsvData, LinearData, BlobsData, ImageFolderData, SparkData {

    /** The data set's name in tables and reports. */
    String name();

    /**
     * Reads or generates the examples.
     *
     * @param baseDir the directory of the spec file, against which relative paths resolve
     * @throws io.lossgrid.base.SpecException when a file is missing or malformed
     */
    Table load(Path baseDir);

    /**
     * Reads or generates the examples, with Spark where the source needs it ({@link #readWithSpark()}).
     *
     * @param reader reads Spark sources; the others ignore it
     * @throws io.lossgrid.base.SpecException when a file or table is missing or malformed
     */
    default Table load(Path baseDir, SparkReader reader) {
        return load(baseDir);
    }

    /** True when the examples are read with Spark ({@link #load(Path, SparkReader)} needs a real reader). */
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
     * The sizes of the arrays loading would allocate, {@code {rows, inputs, outputs}}, as far as they can be
     * learnt without decoding or reading values: {@link #knownShape} by default; an image folder counts its
     * files. Null where only reading tells (a CSV file; a Spark source counts its rows as it reads).
     *
     * @param baseDir        the directory of the spec file
     * @param classification whether a loss sees the labels as one-hot rows
     * @throws io.lossgrid.base.SpecException when counting finds the source missing or malformed
     */
    default long[] shapeBeforeLoading(Path baseDir, boolean classification) {
        return knownShape(classification);
    }

    /** Each example's image shape ({@code channels x height x width}) where the data are images, else null. */
    default ImageShape imageShape() {
        return null;
    }

    /** The resolved settings, defaults filled in, for {@code sweep.json}. */
    Map<String, Object> toMap();
}
