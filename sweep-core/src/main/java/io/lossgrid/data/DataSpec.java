package io.lossgrid.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/** Where a sweep's examples come from: a CSV file or a seeded generator. */
public sealed interface DataSpec extends Serializable permits CsvData, LinearData, BlobsData {

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
     * The sizes of the arrays loading would allocate, {@code {rows, inputs, outputs}}, where they are known
     * without reading anything (a generator's settings), else null. Checked against
     * {@code limits.maxDataBytes} before any data is generated.
     *
     * @param classification whether a loss sees the labels as one-hot rows (one output per class)
     */
    default long[] knownShape(boolean classification) {
        return null;
    }

    /** The resolved settings, defaults filled in, for {@code sweep.json}. */
    Map<String, Object> toMap();
}
