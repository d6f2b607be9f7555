package io.lossgrid.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A results directory and its commit protocol.
 *
 * <pre>
 * DIR/sweep.json                      resolved spec, versions, runs and timings (replaced atomically)
 * DIR/epochs/batch-000001/part-*.parquet, _SUCCESS
 * DIR/trials/batch-000001/part-*.parquet, _SUCCESS
 * </pre>
 *
 * Trials are committed in batches, each batch written by one Spark job through Spark's output commit
 * protocol: its files appear together, {@code _SUCCESS} last. A batch writes its epochs first and its
 * trials second; it is <em>committed</em> once both directories hold {@code _SUCCESS}. Readers of this
 * class see committed batches only, and {@link #removeUncommitted()} deletes the rest (what a crash
 * left), so every trial id is in {@code trials} once and its epochs in {@code epochs} once.
 */
public final class ResultStore {
    public static final String MANIFEST = "sweep.json";
    private static final Pattern BATCH = Pattern.compile("batch-(\\d{6})");
    private static final String SUCCESS = "_SUCCESS";

    private final Path root;
    private final Configuration conf;
    private final FileSystem fs;

    private ResultStore(Path root, Configuration conf) throws IOException {
        this.conf = conf;
        this.fs = root.getFileSystem(conf);
        this.root = fs.makeQualified(root);
    }

    public static ResultStore at(String dir, Configuration conf) {
        try {
            return new ResultStore(new Path(dir), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return root.toString();
    }

    public String trialsBatch(int batch) {
        return new Path(new Path(root, "trials"), name(batch)).toString();
    }

    public String epochsBatch(int batch) {
        return new Path(new Path(root, "epochs"), name(batch)).toString();
    }

    private static String name(int batch) {
        return String.format("batch-%06d", batch);
    }

    /** True if the directory exists and holds anything. */
    public boolean occupied() {
        try {
            return fs.exists(root) && fs.listStatus(root).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasManifest() {
        try {
            return fs.exists(new Path(root, MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the whole directory. */
    public void deleteAll() {
        try {
            fs.delete(root, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Batches whose epochs and trials were both committed, in order. */
    public List<Integer> committedBatches() {
        Set<Integer> trials = batches("trials", true);
        trials.retainAll(batches("epochs", true));
        return new ArrayList<>(trials);
    }

    /** The number the next batch should take: one past any batch directory present, committed or not. */
    public int nextBatch() {
        int max = 0;
        for (int b : batches("trials", false)) {
            max = Math.max(max, b);
        }
        for (int b : batches("epochs", false)) {
            max = Math.max(max, b);
        }
        return max + 1;
    }

    /** Deletes batch directories that are not committed, and temporary files; returns how many it removed. */
    public int removeUncommitted() {
        Set<Integer> committed = new TreeSet<>(committedBatches());
        int removed = 0;
        try {
            for (String table : List.of("trials", "epochs")) {
                Path dir = new Path(root, table);
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus s : fs.listStatus(dir)) {
                    Matcher m = BATCH.matcher(s.getPath().getName());
                    if (!m.matches() || !committed.contains(Integer.parseInt(m.group(1)))) {
                        fs.delete(s.getPath(), true);
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private Set<Integer> batches(String table, boolean committedOnly) {
        Set<Integer> out = new TreeSet<>();
        try {
            Path dir = new Path(root, table);
            if (!fs.exists(dir)) {
                return out;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                Matcher m = BATCH.matcher(s.getPath().getName());
                if (s.isDirectory() && m.matches()
                        && (!committedOnly || fs.exists(new Path(s.getPath(), SUCCESS)))) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The committed trials. */
    public Dataset<Row> trials(SparkSession spark) {
        return read(spark, "trials", Tables.TRIALS);
    }

    /** The committed epochs. */
    public Dataset<Row> epochs(SparkSession spark) {
        return read(spark, "epochs", Tables.EPOCHS);
    }

    private Dataset<Row> read(SparkSession spark, String table, StructType schema) {
        List<Integer> batches = committedBatches();
        if (batches.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        String[] paths = batches.stream().map(b -> table.equals("trials") ? trialsBatch(b) : epochsBatch(b))
                .toArray(String[]::new);
        return spark.read().schema(schema).parquet(paths);
    }

    /** Registers {@code trials} and {@code epochs} as temporary views of the committed results. */
    public void registerViews(SparkSession spark) {
        trials(spark).createOrReplaceTempView("trials");
        epochs(spark).createOrReplaceTempView("epochs");
    }

    /** Replaces {@code name} under the directory with {@code text}, atomically: readers see the old or the new file. */
    public void writeAtomically(String name, String text) {
        Path target = new Path(root, name);
        Path tmp = new Path(root, "." + name + ".tmp");
        try {
            fs.mkdirs(root);
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            FileContext.getFileContext(root.toUri(), conf).rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code name} under the directory, or null if there is none. */
    public String read(String name) {
        Path p = new Path(root, name);
        try {
            if (!fs.exists(p)) {
                return null;
            }
            try (InputStream in = fs.open(p)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed trials of one batch. */
    public Dataset<Row> trialsOf(SparkSession spark, int batch) {
        return spark.read().schema(Tables.TRIALS).parquet(trialsBatch(batch));
    }

    /** The committed epochs of one batch. */
    public Dataset<Row> epochsOf(SparkSession spark, int batch) {
        return spark.read().schema(Tables.EPOCHS).parquet(epochsBatch(batch));
    }

    /**
     * Replaces a committed batch's epochs and trials with {@code epochs} and {@code trials} (which may read
     * the batch itself). Each table is written beside the batch, then swapped in by renames, epochs first:
     * a crash part-way leaves the batch uncommitted (its trials are then trained again), never duplicated.
     */
    public void replaceBatch(int batch, Dataset<Row> epochs, Dataset<Row> trials) {
        String e = epochsBatch(batch);
        String t = trialsBatch(batch);
        write(epochs, Tables.EPOCHS, e + ".rewrite");
        write(trials, Tables.TRIALS, t + ".rewrite");
        swap(e);
        swap(t);
    }

    /** Writes a table's rows the way a sweep's batches are written, columns in the table's order. */
    private void write(Dataset<Row> rows, StructType schema, String path) {
        org.apache.spark.sql.Column[] columns = java.util.Arrays.stream(schema.fieldNames())
                .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
        ParquetOutput.write(rows.select(columns).toJavaRDD(), schema, path, conf);
    }

    private void swap(String batchPath) {
        Path live = new Path(batchPath);
        Path old = new Path(batchPath + ".old");
        Path fresh = new Path(batchPath + ".rewrite");
        try {
            if (!fs.rename(live, old) || !fs.rename(fresh, live)) {
                throw new IOException("could not swap " + fresh + " into " + live);
            }
            fs.delete(old, true);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** True if {@code name} exists under the directory. */
    public boolean exists(String name) {
        try {
            return fs.exists(new Path(root, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a child of the directory, as a string Spark accepts. */
    public String child(String name) {
        return new Path(root, name).toString();
    }
}
