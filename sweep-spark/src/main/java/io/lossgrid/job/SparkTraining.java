package io.lossgrid.job;

import io.lossgrid.data.TrainingData;
import io.lossgrid.device.Nd4jBackend;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.TrainingPlan;
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

    SparkTraining(JavaSparkContext jsc, TrainingPlan plan, Map<String, TrainingData> data, boolean packing,
                  long packBytes, int parallelism, int tasksPerCore, java.io.PrintStream log, long total, long committed) {
        this.jsc = jsc;
        this.parallelism = parallelism;
        this.tasksPerCore = tasksPerCore;
        this.shipped = jsc.broadcast(data);
        LongAccumulator done = jsc.sc().longAccumulator("lossgrid.trials.done");
        LongAccumulator diverged = jsc.sc().longAccumulator("lossgrid.trials.diverged");
        LongAccumulator failed = jsc.sc().longAccumulator("lossgrid.trials.failed");
        LongAccumulator epochs = jsc.sc().longAccumulator("lossgrid.epochs.done");
        this.gpuUnused = jsc.sc().longAccumulator("lossgrid.trials.gpuUnused");
        this.log = log;
        this.train = new TrainPartition(shipped, plan, packing, packBytes, done, diverged, failed, epochs, gpuUnused,
                Nd4jBackend.INSTANCE);
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
        int slices = Math.min(trials.size(), parallelism * tasksPerCore);
        return jsc.parallelize(trials, slices).mapPartitions(train).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Unpersists the batch's rows and waits for it: a non-blocking unpersist still in flight when a stopped
     * run shuts Spark down has its reply rejected, and Scala prints that rejection's stack trace.
     */
    @Override
    public void release(JavaRDD<TrialRow> rows) {
        rows.unpersist(true);
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
