package io.lossgrid.analysis;

import io.lossgrid.store.ResultDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The analysis tables {@code analyze} wrote under {@code DIR/analysis/<table>}, and whether one is still
 * current: its {@code _SUCCESS} marker is at least as new as the newest committed batch of {@code trials}
 * and {@code epochs} (a {@code run --resume} or {@code --rerun-failed} after {@code analyze} makes it stale).
 */
final class WrittenTables {
    private static final String SUCCESS = "_SUCCESS";
    /** Where Spark keeps a Parquet file's Spark schema (its ParquetReadSupport.SPARK_METADATA_KEY). */
    private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

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

    /**
     * The stored table, with the schema Spark wrote into its Parquet footer (read here on the driver, which is
     * what Spark's own schema inference reads, but without the Spark job inference runs: a job per table, about
     * a second of a one-query JVM); inferred by Spark when the footer has no Spark schema.
     */
    static Dataset<Row> read(SparkSession spark, ResultDirectory store, AnalysisTable table) {
        String dir = store.child(dir(table));
        return footerSchema(spark.sparkContext().hadoopConfiguration(), new Path(dir))
                .map(schema -> spark.read().schema(schema).parquet(dir))
                .orElseGet(() -> spark.read().parquet(dir));
    }

    /** The Spark schema in the footer of the first Parquet file (by name) of a directory that Spark wrote, if any. */
    static Optional<StructType> footerSchema(Configuration conf, Path dir) {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            FileStatus[] files = fs.listStatus(dir, p -> p.getName().startsWith("part-") && p.getName().endsWith(".parquet"));
            Optional<Path> first = Arrays.stream(files).map(FileStatus::getPath).min(Comparator.comparing(Path::getName));
            if (first.isEmpty()) {
                return Optional.empty();
            }
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(first.get(), conf))) {
                String json = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA);
                return json == null || !(DataType.fromJson(json) instanceof StructType s) ? Optional.empty() : Optional.of(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
