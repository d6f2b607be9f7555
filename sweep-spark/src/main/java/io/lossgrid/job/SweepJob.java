package io.lossgrid.job;

import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.train.Models;
import io.lossgrid.train.TrainingPlan;
import java.io.PrintStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The driver: runs a spec into a results directory on Spark. The batch loop and every decision in it
 * ({@link SweepRun}) are Spark-free; this class wires them to Spark: the directory
 * ({@link ResultDirectory}, which commits each batch) and the training ({@link SparkTraining}).
 */
public final class SweepJob {
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
     * @throws io.lossgrid.store.SweepRefused when the output directory does not allow the run as asked (nothing is written)
     */
    public Summary run(SweepSpec spec, RunOptions options) {
        return run(spec, PreparedData.load(spec, spark), options);
    }

    /**
     * Runs {@code spec} on data already loaded with {@link PreparedData#load}. Prints the banner
     * ({@code [lossgrid] NAME: T trials on MASTER (S task slots)}) once the directory has accepted the run.
     * Ctrl-C (SIGINT) cancels the batch in flight (silencing Spark's logging of the jobs it aborts) and
     * ends the run with {@link RunHalted} (status 130), keeping what is committed.
     *
     * @throws RunHalted when stopped by Ctrl-C, or when the directory could not be written mid-run
     */
    public Summary run(SweepSpec spec, PreparedData data, RunOptions options) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ResultDirectory store = ResultDirectory.at(options.out(), jsc.hadoopConfiguration())
                .tracing(spec.training().trace() != null);
        // Task slots are counted once the directory has accepted the run (on a cluster that waits for executors).
        int[] slots = {0};
        java.util.function.IntSupplier taskSlots = () -> slots[0] > 0 ? slots[0]
                : (slots[0] = TaskSlots.await(spark.sparkContext()));
        java.util.function.Supplier<String> banner = () -> String.format(java.util.Locale.ROOT,
                "[lossgrid] %s: %d trials on %s (%d task slots)", spec.name(), spec.trialCount(),
                spark.sparkContext().master(), taskSlots.getAsInt());
        try (Interruption stop = Interruption.onSigint(() -> {
            jsc.setLogLevel("OFF");
            jsc.cancelAllJobs();
        })) {
            return run(spec, data, options, jsc, store, banner, taskSlots, stop);
        }
    }

    /** Which network of each trial is saved ({@code output.models}), staged in {@code store} for its commit. */
    private static Models models(SweepSpec spec, ResultDirectory store) {
        return spec.output().models().saves() ? new Models(spec.output().models(), store.modelSink()) : Models.NONE;
    }

    private Summary run(SweepSpec spec, PreparedData data, RunOptions options, JavaSparkContext jsc,
                        ResultDirectory store, java.util.function.Supplier<String> banner,
                        java.util.function.IntSupplier taskSlots, Interruption stop) {
        return new SweepRun<>(store, log, banner, stop::requested).run(spec, data.tables(), options, spark.sparkContext().master(),
                Versions.all(spark.version()), committed -> {
                    TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), data.all());
                    int parallelism = taskSlots.getAsInt();
                    return new SparkTraining(jsc, plan, data.byKey(), options.packing(), options.packBytes(), parallelism,
                            options.tasksPerCore(), log, spec.trialCount(), committed, models(spec, store),
                            stop::requested);
                });
    }
}
