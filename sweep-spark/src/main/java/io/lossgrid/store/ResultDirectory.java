package io.lossgrid.store;

import io.lossgrid.outcome.Status;
import io.lossgrid.search.Finished;
import io.lossgrid.store.Tables.TrialRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A results directory on any Hadoop file system, and its commit protocol ({@link ResultStore}'s contract).
 *
 * <pre>
 * DIR/sweep.json                    the manifest (replaced atomically: temporary file, then rename)
 * DIR/epochs/batch=1/part-*.parquet, _SUCCESS
 * DIR/iterations/batch=1/part-*.parquet, _SUCCESS   only when the sweep records traces ({@link #tracing})
 * DIR/trials/batch=1/part-*.parquet, _SUCCESS
 * DIR/models/&lt;trial_id&gt;.zip          saved networks (output.models), moved from models/.staging/ after the commit
 * </pre>
 *
 * The batch folders are Hive-style partitions: Spark ({@code spark.read().parquet("DIR/trials")}), pyarrow,
 * pandas and DuckDB read a table with a plain call and add a {@code batch} column (int). Each table of a
 * batch is written by one Spark job through Spark's Hadoop output commit protocol
 * ({@link ParquetOutput}): task attempts write under {@code _temporary}, the job commit moves their files
 * into place and writes {@code _SUCCESS} last. Epochs first, then the iterations of a traced sweep, trials
 * last: a batch is committed once its epochs and trials folders hold {@code _SUCCESS}, and by then its
 * iterations folder does too. A traced sweep writes an iterations folder for every batch (a resume with another
 * trace setting is refused, the spec being different), an untraced one none. This class's own reads and views see committed batches only, without the
 * {@code batch} column (the tables' schema is {@link Tables}'s). Folders of a rewrite in progress are
 * hidden ({@code .batch=N.rewrite}, {@code .batch=N.old}), so plain readers skip them.
 *
 * <p>A directory in the layout of earlier versions ({@code batch-NNNNNN} folders) is refused with a
 * message saying how to rename its folders.
 */
public final class ResultDirectory implements ResultStore<JavaRDD<TrialRow>> {
    private static final String TRIALS = "trials";
    private static final String EPOCHS = "epochs";
    private static final String ITERATIONS = "iterations";
    private static final List<String> TABLES = List.of(TRIALS, EPOCHS, ITERATIONS);
    private static final Pattern BATCH = Pattern.compile("batch=([1-9]\\d*)");
    private static final Pattern OLD_BATCH = Pattern.compile("batch-(\\d{6})");
    private static final String SUCCESS = "_SUCCESS";

    private final Path root;
    private final Configuration conf;
    private final FileSystem fs;
    /** The same file system without checksum files: for the files people open ({@code sweep.json}) and the lock. */
    private final FileSystem raw;
    /** Whether {@link #commit} writes each batch's iterations table. */
    private final boolean traced;

    private ResultDirectory(Path root, Configuration conf) throws IOException {
        this.conf = conf;
        this.fs = root.getFileSystem(conf);
        this.raw = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        this.root = fs.makeQualified(root);
        this.traced = false;
    }

    private ResultDirectory(ResultDirectory of, boolean traced) {
        this.conf = of.conf;
        this.fs = of.fs;
        this.raw = of.raw;
        this.root = of.root;
        this.traced = traced;
    }

    /**
     * This directory, committing each batch's {@code iterations} table ({@link Tables#ITERATIONS}, the trials'
     * traces) when {@code traced}: a sweep whose spec has {@code training.trace}. Reading needs no such setting.
     */
    public ResultDirectory tracing(boolean traced) {
        return traced == this.traced ? this : new ResultDirectory(this, traced);
    }

    /**
     * The results directory {@code dir} (which need not exist yet), on the file system {@code conf} names.
     *
     * @throws SweepRefused when {@code dir} is empty or not a path
     */
    public static ResultDirectory at(String dir, Configuration conf) {
        if (dir == null || dir.isBlank()) {
            throw new SweepRefused("--out must name a directory, found \"" + (dir == null ? "" : dir) + "\"");
        }
        try {
            return new ResultDirectory(new Path(dir), conf);
        } catch (IllegalArgumentException e) {
            throw new SweepRefused("--out must name a directory, found \"" + dir + "\" (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw DirectoryLock.unwritable(dir, e);
        }
    }

    /** Where the directory is: a plain path on the local file system, else its URI ({@code hdfs://...}). */
    @Override
    public String uri() {
        return shown(root);
    }

    private static String shown(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /** The folder of batch {@code batch} of the trials table, as a path Spark accepts. */
    public String trialsBatch(int batch) {
        return folder(TRIALS, batch).toString();
    }

    /** The folder of batch {@code batch} of the epochs table, as a path Spark accepts. */
    public String epochsBatch(int batch) {
        return folder(EPOCHS, batch).toString();
    }

    /** The folder of batch {@code batch} of the iterations table, as a path Spark accepts. */
    public String iterationsBatch(int batch) {
        return folder(ITERATIONS, batch).toString();
    }

    private Path folder(String table, int batch) {
        return new Path(new Path(root, table), "batch=" + batch);
    }

    /** True if the directory holds anything besides a run lock. */
    @Override
    public boolean occupied() {
        return io(() -> fs.exists(root) && (!fs.getFileStatus(root).isDirectory()
                || java.util.Arrays.stream(fs.listStatus(root)).anyMatch(s -> !OutputLayout.isLock(s.getPath().getName()))));
    }

    /**
     * Deletes what the directory holds, keeping the run's lock, if it is recognisably a lossgrid results
     * directory or empty ({@link OutputLayout}); deletes nothing otherwise. Symbolic links are never followed.
     *
     * @throws SweepRefused naming what was found, when it is anything else
     */
    @Override
    public void deleteAll() {
        io(() -> {
            if (!raw.exists(root)) {
                return null;
            }
            OutputLayout.refuseUnlessOurs(raw, root, uri(), java.nio.file.Path.of("").toAbsolutePath());
            for (FileStatus s : raw.listStatus(root)) {
                if (!OutputLayout.isLock(s.getPath().getName())) {
                    raw.delete(s.getPath(), true);
                }
            }
            return null;
        });
    }

    /**
     * Takes the directory's run lock ({@link DirectoryLock}): a file naming this driver's host and pid,
     * created atomically, its lease renewed while the run lasts.
     */
    @Override
    public RunLock lock() {
        return DirectoryLock.take(raw, root, uri(), System::currentTimeMillis, DirectoryLock.LEASE_MS);
    }

    @Override
    public Optional<SweepManifest> manifest() {
        String json = read(MANIFEST);
        if (json == null) {
            return Optional.empty();
        }
        refuseOldLayout();
        return Optional.of(SweepManifest.parse(json));
    }

    @Override
    public void writeManifest(SweepManifest manifest) {
        writeAtomically(MANIFEST, manifest.toJson());
    }

    @Override
    public List<Integer> committedBatches() {
        Set<Integer> trials = batches(TRIALS, true);
        trials.retainAll(batches(EPOCHS, true));
        return new ArrayList<>(trials);
    }

    @Override
    public int nextBatch() {
        int max = 0;
        for (String table : TABLES) {
            for (int b : batches(table, false)) {
                max = Math.max(max, b);
            }
        }
        return max + 1;
    }

    @Override
    public CommittedTrials committedTrials() {
        Set<String> ids = new HashSet<>();
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        io(() -> {
            for (int batch : committedBatches()) {
                for (Path file : BatchFiles.parts(fs, folder(TRIALS, batch))) {
                    BatchFiles.read(conf, file, List.of("trial_id", "status"), g -> {
                        ids.add(g.getString("trial_id", 0));
                        counts.merge(Status.valueOf(g.getString("status", 0)), 1L, Long::sum);
                    });
                }
            }
            return null;
        });
        return new CommittedTrials(ids, counts);
    }

    /**
     * Reads the six columns a search state needs from the committed batches' trials files with parquet-mr, no
     * Spark job: one pass over the files, as {@link #committedTrials} makes.
     */
    @Override
    public List<Finished> finishedTrials() {
        List<Finished> out = new ArrayList<>();
        io(() -> {
            for (int batch : committedBatches()) {
                for (Path file : BatchFiles.parts(fs, folder(TRIALS, batch))) {
                    BatchFiles.read(conf, file, Finished.COLUMNS, g -> out.add(new Finished(g.getString("trial_id", 0),
                            g.getInteger("round", 0), g.getDouble("alpha", 0), g.getDouble("learning_rate", 0),
                            g.getLong("seed", 0), Status.valueOf(g.getString("status", 0)))));
                }
            }
            return null;
        });
        return out;
    }

    /**
     * Commits the batch: writes its epochs (the first Spark job over {@code rows}, which trains them unless
     * they are cached), then, {@link #tracing}, its iterations, then counts the trials by status, then writes
     * them; three Spark jobs (four traced), each described {@code batch N: <phase>} in Spark's UI. The trials'
     * write is the last Spark job, so a cancelled job (Ctrl-C) always leaves the batch uncommitted.
     */
    @Override
    public BatchCommit commit(int batch, JavaRDD<TrialRow> rows) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.context());
        Map<String, Long> phases = new LinkedHashMap<>();
        try {
            return commit(batch, rows, jsc, phases);
        } catch (Exception e) {
            // a failed write reaches here as Spark's SparkException, a checked exception Scala throws undeclared
            IOException io = StoreFailure.ioCause(e);
            if (io == null || e instanceof StoreFailure) {
                throw e;
            }
            throw new StoreFailure(StoreFailure.reason(e), io);
        }
    }

    private BatchCommit commit(int batch, JavaRDD<TrialRow> rows, JavaSparkContext jsc, Map<String, Long> phases) {
        try {
            long mark = System.nanoTime();
            jsc.setJobDescription("batch " + batch + ": train and write epochs");
            ParquetOutput.write(rows.flatMap(r -> Tables.epochRows(r.result()).iterator()), Tables.EPOCHS,
                    epochsBatch(batch), conf);
            mark = lap(phases, "trainAndWriteEpochsMs", mark);
            if (traced) {
                jsc.setJobDescription("batch " + batch + ": write iterations");
                ParquetOutput.write(rows.flatMap(r -> Tables.iterationRows(r.result()).iterator()), Tables.ITERATIONS,
                        iterationsBatch(batch), conf);
                mark = lap(phases, "writeIterationsMs", mark);
            }
            // Counted before the trials are written: their _SUCCESS commits the batch, so no Spark job (which
            // Ctrl-C cancels) may come after it, or a run could stop with a committed batch it did not count.
            jsc.setJobDescription("batch " + batch + ": count statuses");
            Tally tally = rows.map(Tally::of).reduce(Tally::plus);
            mark = lap(phases, "countMs", mark);
            jsc.setJobDescription("batch " + batch + ": write trials");
            ParquetOutput.write(rows.map(r -> Tables.row(Tables.TRIAL_COLUMNS, r)), Tables.TRIALS, trialsBatch(batch),
                    conf);
            mark = lap(phases, "writeTrialsMs", mark);
            if (io(() -> fs.exists(staging()))) {
                publishModels(null);
                lap(phases, "publishModelsMs", mark);
            }
            return new BatchCommit(tally.counts(), tally.firstError(), phases);
        } finally {
            jsc.setJobDescription(null);
        }
    }

    /** Status counts and the first error of some trials, added up across partitions. */
    private record Tally(Map<Status, Long> counts, String firstError) implements Serializable {
        static Tally of(TrialRow r) {
            return new Tally(Map.of(r.metrics().status(), 1L), r.result().error());
        }

        Tally plus(Tally o) {
            return new Tally(StatusCounts.plus(counts, o.counts), firstError != null ? firstError : o.firstError);
        }
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.merge(name, (now - since) / 1_000_000, Long::sum);
        return now;
    }

    /** Where tasks stage the models of the batch in flight ({@link ModelFiles}). */
    private Path staging() {
        return new Path(new Path(root, ModelFiles.DIR), ModelFiles.STAGING);
    }

    /** A sink that stages each trial's saved network here, for {@link #commit} to publish with its batch. */
    public ModelFiles modelSink() {
        return new ModelFiles(staging(), conf);
    }

    /**
     * Moves the staged models to {@code models/<trial_id>.zip} (replacing a file of the same trial), those of
     * {@code only} when it is given and deleting the others, then removes the staging folder.
     */
    private void publishModels(Set<String> only) {
        io(() -> {
            Path models = new Path(root, ModelFiles.DIR);
            for (FileStatus s : raw.listStatus(staging())) {
                String name = s.getPath().getName();
                if (!name.endsWith(ModelFiles.SUFFIX)) {
                    raw.delete(s.getPath(), true); // a checksum or a temporary of the file system
                    continue;
                }
                String id = name.substring(0, name.length() - ModelFiles.SUFFIX.length());
                if (only != null && !only.contains(id)) {
                    raw.delete(s.getPath(), false);
                    continue;
                }
                Path target = new Path(models, name);
                raw.delete(target, false);
                raw.mkdirs(models);
                if (!raw.rename(s.getPath(), target)) {
                    throw new IOException("could not move " + shown(s.getPath()) + " to " + shown(target));
                }
            }
            raw.delete(staging(), true);
            return null;
        });
    }

    /**
     * Deletes the batch folders no commit finished, and settles models a stopped run left staged: those of
     * committed trials are published, the others deleted.
     */
    @Override
    public int removeUncommitted() {
        Set<Integer> committed = new TreeSet<>(committedBatches());
        if (io(() -> fs.exists(staging()))) {
            publishModels(committedTrials().ids());
        }
        int[] removed = {0};
        io(() -> {
            for (String table : TABLES) {
                Path dir = new Path(root, table);
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus s : fs.listStatus(dir)) {
                    Matcher m = BATCH.matcher(s.getPath().getName());
                    if (!m.matches() || !committed.contains(Integer.parseInt(m.group(1)))) {
                        fs.delete(s.getPath(), true);
                        removed[0]++;
                    }
                }
            }
            return null;
        });
        return removed[0];
    }

    /**
     * Rewrites each committed batch that holds FAILED trials without them (and their epochs and iterations): the
     * tables are written beside the batch ({@code .batch=N.rewrite}, {@code _SUCCESS} last), then swapped in by
     * renames, epochs first. A crash between the swaps leaves a batch uncommitted, which a resume deletes
     * and trains again: never duplicated.
     */
    @Override
    public int dropFailed() {
        long dropped = 0;
        for (int batch : committedBatches()) {
            Set<String> failed = new HashSet<>();
            io(() -> {
                for (Path file : BatchFiles.parts(fs, folder(TRIALS, batch))) {
                    BatchFiles.read(conf, file, List.of("trial_id", "status"), g -> {
                        if (Status.FAILED.name().equals(g.getString("status", 0))) {
                            failed.add(g.getString("trial_id", 0));
                        }
                    });
                }
                return null;
            });
            if (failed.isEmpty()) {
                continue;
            }
            boolean iterations = io(() -> fs.exists(folder(ITERATIONS, batch)));
            rewrite(EPOCHS, batch, Tables.EPOCHS, r -> !failed.contains(r.getString("trial_id", 0)));
            if (iterations) {
                rewrite(ITERATIONS, batch, Tables.ITERATIONS, r -> !failed.contains(r.getString("trial_id", 0)));
            }
            rewrite(TRIALS, batch, Tables.TRIALS, r -> !failed.contains(r.getString("trial_id", 0)));
            swap(EPOCHS, batch);
            if (iterations) {
                swap(ITERATIONS, batch);
            }
            swap(TRIALS, batch);
            dropped += failed.size();
        }
        return Math.toIntExact(dropped);
    }

    private void rewrite(String table, int batch, StructType schema,
                         java.util.function.Predicate<org.apache.parquet.example.data.Group> keep) {
        Path fresh = hidden(table, batch, "rewrite");
        io(() -> {
            fs.delete(fresh, true);
            fs.mkdirs(fresh);
            BatchFiles.copy(conf, BatchFiles.parts(fs, folder(table, batch)), new Path(fresh, "part-00000.snappy.parquet"),
                    ParquetOutput.parquetSchema(schema), keep);
            fs.create(new Path(fresh, SUCCESS), true).close();
            return null;
        });
    }

    private void swap(String table, int batch) {
        Path live = folder(table, batch);
        Path old = hidden(table, batch, "old");
        Path fresh = hidden(table, batch, "rewrite");
        io(() -> {
            if (!fs.rename(live, old) || !fs.rename(fresh, live)) {
                throw new IOException("could not swap " + fresh + " into " + live);
            }
            return fs.delete(old, true);
        });
    }

    private Path hidden(String table, int batch, String what) {
        return new Path(new Path(root, table), ".batch=" + batch + "." + what);
    }

    private Set<Integer> batches(String table, boolean committedOnly) {
        refuseOldLayout();
        Set<Integer> out = new TreeSet<>();
        io(() -> {
            Path dir = new Path(root, table);
            if (!fs.exists(dir)) {
                return null;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                Matcher m = BATCH.matcher(s.getPath().getName());
                if (s.isDirectory() && m.matches() && (!committedOnly || fs.exists(new Path(s.getPath(), SUCCESS)))) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
            return null;
        });
        return out;
    }

    /** Refuses the layout of earlier versions, naming a folder and the rename that migrates it. */
    private void refuseOldLayout() {
        io(() -> {
            for (String table : List.of(TRIALS, EPOCHS)) {
                Path dir = new Path(root, table);
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus s : fs.listStatus(dir)) {
                    Matcher m = OLD_BATCH.matcher(s.getPath().getName());
                    if (s.isDirectory() && m.matches()) {
                        throw new SweepRefused(shown(s.getPath()) + " is a batch folder of lossgrid's earlier layout; rename"
                                + " every batch-NNNNNN folder under " + uri() + "/trials and " + uri() + "/epochs to"
                                + " batch=N (this one to batch=" + Integer.parseInt(m.group(1)) + ") and try again"
                                + " (docs/reliability.md, Layout)");
                    }
                }
            }
            return null;
        });
    }

    /** The committed trials, in {@link Tables#TRIALS}'s columns (no {@code batch} column). */
    public Dataset<Row> trials(SparkSession spark) {
        return read(spark, TRIALS, Tables.TRIALS);
    }

    /** The committed epochs, in {@link Tables#EPOCHS}'s columns (no {@code batch} column). */
    public Dataset<Row> epochs(SparkSession spark) {
        return read(spark, EPOCHS, Tables.EPOCHS);
    }

    /**
     * The committed iterations, in {@link Tables#ITERATIONS}'s columns (no {@code batch} column): the traces of the
     * committed batches that have an iterations folder; empty, with its columns, for a sweep without traces.
     */
    public Dataset<Row> iterations(SparkSession spark) {
        List<Integer> batches = committedBatches();
        batches.retainAll(batches(ITERATIONS, true));
        return read(spark, ITERATIONS, Tables.ITERATIONS, batches);
    }

    private Dataset<Row> read(SparkSession spark, String table, StructType schema) {
        return read(spark, table, schema, committedBatches());
    }

    private Dataset<Row> read(SparkSession spark, String table, StructType schema, List<Integer> batches) {
        if (batches.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        String[] paths = batches.stream().map(b -> folder(table, b).toString()).toArray(String[]::new);
        return spark.read().schema(schema).parquet(paths);
    }

    /**
     * Registers {@code trials}, {@code epochs} and {@code iterations} as temporary views of the committed results
     * ({@code iterations} is empty for a sweep without traces, so a query of it works on any directory).
     */
    public void registerViews(SparkSession spark) {
        trials(spark).createOrReplaceTempView(TRIALS);
        epochs(spark).createOrReplaceTempView(EPOCHS);
        iterations(spark).createOrReplaceTempView(ITERATIONS);
    }

    /**
     * Replaces {@code name} under the directory with {@code text}, atomically: readers see the old or the new
     * file. Written without a checksum sibling ({@code .name.crc}), so it can be edited by hand; one a
     * former version left is deleted.
     */
    public void writeAtomically(String name, String text) {
        Path target = new Path(root, name);
        Path tmp = new Path(root, "." + name + ".tmp");
        io(() -> {
            raw.mkdirs(root);
            try (OutputStream out = raw.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (raw != fs) {
                if (!raw.rename(tmp, target)) {
                    throw new IOException("could not rename " + shown(tmp) + " to " + shown(target));
                }
                raw.delete(new Path(root, "." + name + ".crc"), false);
            } else {
                FileContext.getFileContext(root.toUri(), conf).rename(tmp, target, Options.Rename.OVERWRITE);
            }
            return null;
        });
    }

    /** The text of {@code name} under the directory, or null if there is none (read without checksum verification). */
    public String read(String name) {
        Path p = new Path(root, name);
        return io(() -> {
            if (!raw.exists(p)) {
                return null;
            }
            try (InputStream in = raw.open(p)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            }
        });
    }

    /** True if {@code name} exists under the directory. */
    public boolean exists(String name) {
        return io(() -> fs.exists(new Path(root, name)));
    }

    /** The path of a child of the directory, as a string Spark accepts. */
    public String child(String name) {
        return new Path(root, name).toString();
    }

    /** A file-system action whose {@link IOException} becomes unchecked. */
    @FunctionalInterface
    private interface Io<T> {
        T run() throws IOException;
    }

    private static <T> T io(Io<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new StoreFailure(StoreFailure.reason(e), e);
        }
    }
}
