package io.lossgrid.job;

import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultDirectory;
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
        return run(spec, PreparedData.load(spec), options);
    }

    /** Runs {@code spec} on data already loaded with {@link PreparedData#load}. */
    public Summary run(SweepSpec spec, PreparedData data, RunOptions options) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ResultDirectory store = ResultDirectory.at(options.out(), jsc.hadoopConfiguration());
        return new SweepRun<>(store, log).run(spec, data.tables(), options, spark.sparkContext().master(),
                Versions.all(spark.version()), committed -> {
                    TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), data.all());
                    int parallelism = TaskSlots.await(spark.sparkContext());
                    return new SparkTraining(jsc, plan, data.byKey(), options.packing(), parallelism,
                            options.tasksPerCore(), log, spec.trialCount(), committed);
                });
    }
}
