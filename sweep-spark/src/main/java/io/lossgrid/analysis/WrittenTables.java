package io.lossgrid.analysis;

import io.lossgrid.store.ResultDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The analysis tables {@code analyze} wrote under {@code DIR/analysis/<table>}, and whether one is still
 * current: its {@code _SUCCESS} marker is at least as new as the newest committed batch of {@code trials}
 * and {@code epochs} (a {@code run --resume} or {@code --rerun-failed} after {@code analyze} makes it stale).
 */
final class WrittenTables {
    private static final String SUCCESS = "_SUCCESS";

    private WrittenTables() {
    }

    /** The table's directory relative to the results directory. */
    static String dir(AnalysisTable table) {
        return "analysis/" + table.tableName();
    }

    /** Whether the table was written and no batch was committed after it. */
    static boolean isCurrent(SparkSession spark, ResultDirectory store, AnalysisTable table) {
        Path marker = new Path(store.child(dir(table) + "/" + SUCCESS));
        try {
            FileSystem fs = marker.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(marker)) {
                return false;
            }
            long written = fs.getFileStatus(marker).getModificationTime();
            return written >= newestBatch(fs, store, "trials") && written >= newestBatch(fs, store, "epochs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored table (its schema read from the Parquet footer). */
    static Dataset<Row> read(SparkSession spark, ResultDirectory store, AnalysisTable table) {
        return spark.read().parquet(store.child(dir(table)));
    }

    /** When the newest {@code _SUCCESS} of a table's batches was written, ms; 0 if none. */
    private static long newestBatch(FileSystem fs, ResultDirectory store, String results) throws IOException {
        FileStatus[] markers = fs.globStatus(new Path(store.child(results + "/*/" + SUCCESS)));
        long newest = 0;
        for (FileStatus s : markers == null ? new FileStatus[0] : markers) {
            newest = Math.max(newest, s.getModificationTime());
        }
        return newest;
    }
}
