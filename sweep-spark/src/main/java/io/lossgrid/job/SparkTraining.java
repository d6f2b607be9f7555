package io.lossgrid.job;

import io.lossgrid.data.TrainingData;
import io.lossgrid.device.Nd4jBackend;
import io.lossgrid.device.TaskDevice;
import io.lossgrid.distributed.DistributedTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.Models;
import io.lossgrid.train.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * Training on Spark: the data broadcast once per run, each batch an RDD of its trials in
 * {@code parallelism × tasksPerCore} slices (at most one per trial) whose partitions
 * {@link TrainPartition} trains on the executors when the store writes them. The RDD is cached (memory,
 * then disk) so the store's writes and count train each trial once, and released after the commit. Feeds
 * the progress line, and warns once per run when trials that Spark gave a GPU trained on the CPU.
 *
 * <p>Distributed trials ({@code training.distributed}) are trained from the driver by {@link DistributedTrials},
 * one after another, each as its own Spark jobs, after the batch's single-executor trials (trained first, by a job
 * of their own, {@code batch N: train single-executor trials}, when the batch holds both); their rows join the
 * batch's before the store writes it.
 */
final class SparkTraining implements BatchTraining<JavaRDD<TrialRow>> {
    private final JavaSparkContext jsc;
    private final Broadcast<Map<String, TrainingData>> shipped;
    private final TrainPartition train;
    private final Progress progress;
    private int parallelism;
    private final int tasksPerCore;
    private final LongAccumulator gpuUnused;
    private final java.io.PrintStream log;
    private boolean warnedGpuUnused;
    private final TrainingPlan plan;
    private final Map<String, TrainingData> data;
    private final Models models;
    private final java.util.function.BooleanSupplier stopped;
    private final LongAccumulator done;
    private final LongAccumulator diverged;
    private final LongAccumulator failed;
    private final LongAccumulator epochs;
    /** The cached single-executor rows of the batch in flight, released with it. */
    private JavaRDD<TrialRow> held;

    SparkTraining(JavaSparkContext jsc, TrainingPlan plan, Map<String, TrainingData> data, boolean packing,
                  long packBytes, int parallelism, int tasksPerCore, java.io.PrintStream log, long total, long committed) {
        this(jsc, plan, data, packing, packBytes, parallelism, tasksPerCore, log, total, committed, Models.NONE,
                () -> false);
    }

    /**
     * As above, saving each trial's network as {@code models} says.
     *
     * @param stopped true once the run was asked to stop: distributed trials stop between trials
     */
    SparkTraining(JavaSparkContext jsc, TrainingPlan plan, Map<String, TrainingData> data, boolean packing,
                  long packBytes, int parallelism, int tasksPerCore, java.io.PrintStream log, long total, long committed,
                  Models models, java.util.function.BooleanSupplier stopped) {
        this.jsc = jsc;
        this.stopped = stopped;
        this.plan = plan;
        this.data = data;
        this.models = models;
        this.parallelism = parallelism;
        this.tasksPerCore = tasksPerCore;
        this.shipped = jsc.broadcast(data);
        this.done = jsc.sc().longAccumulator("lossgrid.trials.done");
        this.diverged = jsc.sc().longAccumulator("lossgrid.trials.diverged");
        this.failed = jsc.sc().longAccumulator("lossgrid.trials.failed");
        this.epochs = jsc.sc().longAccumulator("lossgrid.epochs.done");
        this.gpuUnused = jsc.sc().longAccumulator("lossgrid.trials.gpuUnused");
        this.log = log;
        this.train = new TrainPartition(shipped, plan, packing, packBytes, done, diverged, failed, epochs, gpuUnused,
                Nd4jBackend.INSTANCE, models);
        this.progress = new Progress(log, total, committed, done, diverged, failed,
                new Progress.Epochs(epochs, plan.training().epochs()), 2000, System.console() != null);
        jsc.sc().addSparkListener(progress);
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public JavaRDD<TrialRow> train(int batch, List<Trial> trials) {
        progress.batchStarts(trials.size());
        parallelism = TaskSlots.registered(jsc.sc(), parallelism); // executors may have come or gone
        List<Trial> single = trials.stream().filter(t -> !plan.training().isDistributed()).toList();
        List<Trial> distributed = trials.stream().filter(t -> plan.training().isDistributed()).toList();
        JavaRDD<TrialRow> rows = null;
        if (!single.isEmpty()) {
            int slices = Math.min(single.size(), parallelism * tasksPerCore);
            rows = jsc.parallelize(single, slices).mapPartitions(train).persist(StorageLevel.MEMORY_AND_DISK());
            held = rows;
        }
        if (distributed.isEmpty()) {
            return rows;
        }
        if (rows != null) {
            jsc.setJobDescription("batch " + batch + ": train single-executor trials");
            rows.count(); // the single-executor trials first, cached for the store's writes
            jsc.setJobDescription(null);
        }
        List<TrialRow> trained = new ArrayList<>();
        new DistributedTrials(jsc, plan, data, n -> epochs.add(n), models).run(batch, distributed, r -> {
            done.add(1);
            if (r.metrics().status() == Status.DIVERGED) {
                diverged.add(1);
            } else if (r.metrics().status() == Status.FAILED) {
                failed.add(1);
            }
            trained.add(new TrialRow(r, plan.training(), "driver", System.currentTimeMillis(), TaskDevice.CPU));
        }, stopped);
        JavaRDD<TrialRow> more = jsc.parallelize(trained, Math.max(1, Math.min(trained.size(), parallelism)));
        return rows == null ? more : rows.union(more);
    }

    /**
     * Unpersists the batch's rows and waits for it: a non-blocking unpersist still in flight when a stopped
     * run shuts Spark down has its reply rejected, and Scala prints that rejection's stack trace.
     */
    @Override
    public void release(JavaRDD<TrialRow> rows) {
        if (held != null) {
            held.unpersist(true);
            held = null;
        }
    }

    @Override
    public void committed(int batch, BatchCommit commit) {
        progress.batchCommitted(commit.trials(), commit.count(Status.DIVERGED), commit.count(Status.FAILED));
        progress.print(true);
        warnIfGpuUnused();
    }

    /** Once per run: trials whose task Spark gave a GPU trained on the CPU (this jar has ND4J's CPU backend). */
    private void warnIfGpuUnused() {
        long n = gpuUnused.value();
        if (n > 0 && !warnedGpuUnused) {
            warnedGpuUnused = true;
            log.printf("[lossgrid] warning: %d trial(s) so far were assigned a GPU by Spark but trained on the CPU:"
                    + " this jar has ND4J's CPU backend; build it with mvn -Pcuda -DskipTests package to train on GPUs"
                    + " (README, GPU executors)%n", n);
        }
    }

    @Override
    public void close() {
        jsc.sc().removeSparkListener(progress);
        progress.finish();
        shipped.destroy();
    }
}
