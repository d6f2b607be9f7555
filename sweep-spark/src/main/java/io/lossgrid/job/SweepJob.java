package io.lossgrid.job;

import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ParquetOutput;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.Tables;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.TrainingPlan;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The driver: expands a spec into trials, hands them to Spark in batches, and commits each batch's
 * results (see {@link ResultStore} for the protocol). The driver generates trials batch by batch and holds
 * one batch of them, the ids already committed (when resuming) and per-batch counts, never epoch rows.
 */
public final class SweepJob {
    private static final int FIRST_BATCH_PER_CORE = 64;
    private static final int MAX_BATCH = 16_384;

    private final SparkSession spark;
    private final PrintStream log;

    public SweepJob(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    /**
     * Runs {@code spec} into {@code options.out()}.
     *
     * @throws io.lossgrid.base.SpecException when the spec or its data breaks a rule (nothing is written)
     * @throws SweepRefused when the output directory does not allow the run as asked (nothing is written)
     */
    public Summary run(SweepSpec spec, RunOptions options) {
        return run(spec, PreparedData.load(spec), options);
    }

    /** Runs {@code spec} on data already loaded with {@link PreparedData#load}. */
    public Summary run(SweepSpec spec, PreparedData data, RunOptions options) {
        long start = System.nanoTime();
        long total = spec.trialCount();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ResultStore store = ResultStore.at(options.out(), jsc.hadoopConfiguration());
        Map<String, Object> specMap = spec.toMap();
        Map<String, String> versions = Versions.all(spark.version());

        Map<String, Long> phases = new LinkedHashMap<>();
        long mark = System.nanoTime();
        Manifest manifest = openDirectory(store, options, specMap, data, total, versions);
        mark = lap(phases, "openDirectoryMs", mark);
        boolean continuing = options.mode() == RunOptions.Mode.RESUME || options.mode() == RunOptions.Mode.RERUN_FAILED;
        Set<String> committed = continuing
                ? new HashSet<>(store.trials(spark).select("trial_id").as(Encoders.STRING()).collectAsList()) : Set.of();
        long pendingCount = total - committed.size();
        Map<String, Long> totals = continuing ? statusCounts(store) : new TreeMap<>();
        mark = lap(phases, "readCommittedMs", mark);

        manifest.beginRun(options.mode().name().toLowerCase(java.util.Locale.ROOT), spark.sparkContext().master(), versions,
                pendingCount, options.packing());
        store.writeAtomically(ResultStore.MANIFEST, manifest.toJson());
        if (!committed.isEmpty()) {
            log.printf("[lossgrid] %d of %d trials already committed in %s; training the other %d%n", committed.size(),
                    total, store.uri(), pendingCount);
        }

        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), data.all());
        Broadcast<Map<String, io.lossgrid.data.TrainingData>> shipped = jsc.broadcast(data.byKey());
        LongAccumulator done = jsc.sc().longAccumulator("lossgrid.trials.done");
        LongAccumulator diverged = jsc.sc().longAccumulator("lossgrid.trials.diverged");
        LongAccumulator failed = jsc.sc().longAccumulator("lossgrid.trials.failed");
        Progress progress = new Progress(log, total, committed.size(), done, diverged, failed, 2000);
        spark.sparkContext().addSparkListener(progress);
        mark = lap(phases, "shipMs", mark);

        String state = "COMPLETED";
        String stopReason = null;
        long trained = 0;
        try {
            int parallelism = TaskSlots.await(spark.sparkContext());
            int size = options.batchTrials() > 0 ? options.batchTrials() : parallelism * FIRST_BATCH_PER_CORE;
            int batchNo = store.nextBatch();
            Iterator<Trial> source = Grid.iterate(spec);
            for (List<Trial> batch = next(source, committed, size); !batch.isEmpty();
                 batch = next(source, committed, size), batchNo++) {
                long t0 = System.nanoTime();
                parallelism = TaskSlots.registered(spark.sparkContext(), parallelism);
                progress.batchStarts(batch.size());
                int slices = Math.min(batch.size(), parallelism * options.tasksPerCore());
                BatchResult result = runBatch(jsc, store, batchNo, batch, slices,
                        new TrainPartition(shipped, plan, options.packing(), done, diverged, failed));
                long batchMs = (System.nanoTime() - t0) / 1_000_000;
                result.phases().forEach((k, v) -> phases.merge(k, v, Long::sum));
                trained += batch.size();
                result.counts().forEach((k, v) -> totals.merge(k, v, Long::sum));
                progress.batchCommitted(batch.size(), result.counts().getOrDefault("DIVERGED", 0L),
                        result.counts().getOrDefault("FAILED", 0L));
                manifest.recordBatch(batchNo, batch.size(), batchMs, (System.nanoTime() - start) / 1_000_000,
                        result.counts(), result.phases());
                store.writeAtomically(ResultStore.MANIFEST, manifest.toJson());
                progress.print(true);
                long finished = totals.values().stream().mapToLong(Long::longValue).sum();
                long failures = totals.getOrDefault("FAILED", 0L);
                if (trained < pendingCount && spec.limits().poisoned(failures, finished)) {
                    state = "STOPPED";
                    stopReason = String.format(java.util.Locale.ROOT,
                            "%d of %d finished trials FAILED, more than limits.maxFailedShare = %s; first error: %s",
                            failures, finished, spec.limits().maxFailedShare(), result.firstError());
                    log.println("[lossgrid] stopping early: " + stopReason);
                    break;
                }
                if (options.batchTrials() == 0) {
                    double perSecond = batch.size() / Math.max(1e-3, batchMs / 1000.0);
                    size = (int) Math.max(parallelism, Math.min(MAX_BATCH, perSecond * options.commitSeconds()));
                }
            }
        } finally {
            spark.sparkContext().removeSparkListener(progress);
            shipped.destroy();
        }
        mark = System.nanoTime();
        long wallMs = (mark - start) / 1_000_000;
        manifest.endRun(state, stopReason, wallMs, totals, phases);
        store.writeAtomically(ResultStore.MANIFEST, manifest.toJson());
        return new Summary(state, stopReason, total, trained, committed.size(), totals, wallMs, store.uri());
    }

    /**
     * The next at most {@code size} trials of the grid that are not committed. Trials are generated as they
     * are needed, so the driver holds one batch of them, not the whole sweep.
     */
    private static List<Trial> next(Iterator<Trial> source, Set<String> committed, int size) {
        List<Trial> batch = new ArrayList<>(Math.min(size, 4096));
        while (batch.size() < size && source.hasNext()) {
            Trial t = source.next();
            if (!committed.contains(t.id())) {
                batch.add(t);
            }
        }
        return batch;
    }

    private Manifest openDirectory(ResultStore store, RunOptions options, Map<String, Object> specMap, PreparedData data,
                                   long trials, Map<String, String> versions) {
        switch (options.mode()) {
            case FRESH -> {
                if (store.occupied()) {
                    throw new SweepRefused(store.uri() + " already holds results; pass --resume to finish that sweep, "
                            + "--rerun-failed to retrain its FAILED trials, --overwrite to replace it, or choose another --out");
                }
                return Manifest.start(specMap, data.tables(), trials, versions);
            }
            case OVERWRITE -> {
                store.deleteAll();
                return Manifest.start(specMap, data.tables(), trials, versions);
            }
            default -> {
                String flag = options.mode() == RunOptions.Mode.RESUME ? "--resume" : "--rerun-failed";
                String json = store.read(ResultStore.MANIFEST);
                if (json == null) {
                    throw new SweepRefused(flag + ": " + store.uri() + " holds no " + ResultStore.MANIFEST
                            + ", so there is no sweep to continue; run without " + flag + " to start one");
                }
                Manifest manifest = Manifest.parse(json);
                List<String> diffs = manifest.differences(specMap, data.tables());
                if (!diffs.isEmpty()) {
                    throw new SweepRefused(flag + ": the spec differs from the one " + store.uri() + " was started with: "
                            + String.join("; ", diffs) + ". Use the original spec, or start another --out (or --overwrite)");
                }
                int removed = store.removeUncommitted();
                if (removed > 0) {
                    log.printf("[lossgrid] removed %d uncommitted batch directories left by an interrupted run%n", removed);
                }
                if (options.mode() == RunOptions.Mode.RERUN_FAILED) {
                    int dropped = new FailedTrials(spark, store).drop();
                    log.printf("[lossgrid] %d FAILED trials will be trained again%n", dropped);
                }
                return manifest;
            }
        }
    }

    private Map<String, Long> statusCounts(ResultStore store) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : store.trials(spark).groupBy("status").count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    private record BatchResult(Map<String, Long> counts, String firstError, Map<String, Long> phases) {
    }

    /** Status counts of some trials and the first error among them, in one pass. */
    private record BatchCounts(Map<String, Long> statuses, String firstError) implements java.io.Serializable {
        static BatchCounts of(TrialRow r) {
            return new BatchCounts(Map.of(r.metrics().status().name(), 1L), r.result().error());
        }

        BatchCounts plus(BatchCounts o) {
            Map<String, Long> m = new TreeMap<>(statuses);
            o.statuses.forEach((k, v) -> m.merge(k, v, Long::sum));
            return new BatchCounts(m, firstError != null ? firstError : o.firstError);
        }
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.merge(name, (now - since) / 1_000_000, Long::sum);
        return now;
    }

    private BatchResult runBatch(JavaSparkContext jsc, ResultStore store, int batchNo, List<Trial> batch, int slices,
                                 TrainPartition train) {
        jsc.setJobDescription("lossgrid batch " + batchNo + " (" + batch.size() + " trials)");
        JavaRDD<TrialRow> rows = jsc.parallelize(batch, slices).mapPartitions(train).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> phases = new LinkedHashMap<>();
        long mark = System.nanoTime();
        try {
            ParquetOutput.write(rows.flatMap(r -> Tables.epochRows(r.result()).iterator()), Tables.EPOCHS,
                    store.epochsBatch(batchNo), jsc.hadoopConfiguration());
            mark = lap(phases, "trainAndWriteEpochsMs", mark);
            ParquetOutput.write(rows.map(r -> Tables.row(Tables.TRIAL_COLUMNS, r)), Tables.TRIALS,
                    store.trialsBatch(batchNo), jsc.hadoopConfiguration());
            mark = lap(phases, "writeTrialsMs", mark);
            BatchCounts counts = rows.map(BatchCounts::of).reduce(BatchCounts::plus);
            lap(phases, "countMs", mark);
            return new BatchResult(new TreeMap<>(counts.statuses()), counts.firstError(), phases);
        } finally {
            rows.unpersist(false);
            jsc.clearJobGroup();
        }
    }

    /** Status counts as a map, for callers that print them. */
    public static Map<String, Long> ordered(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (io.lossgrid.outcome.Status s : io.lossgrid.outcome.Status.values()) {
            out.put(s.name(), counts.getOrDefault(s.name(), 0L));
        }
        return out;
    }
}
