package io.lossgrid.bench;

import io.lossgrid.data.TrainingData;
import io.lossgrid.testing.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.job.PreparedData;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.TrainingPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Is DL4J slower in a Spark task thread? Trains a spec's first trial with lossgrid's runner, on data
 * prepared as a sweep prepares it, over and over in one JVM that has a local[1] Spark session,
 * alternating where it runs: the main thread, a Spark task, and a plain new thread. One JVM and alternation take the machine's drift out of the comparison.
 *
 * <pre>java -cp ... io.lossgrid.bench.TaskThreadLoop SPEC ROUNDS</pre>
 */
public final class TaskThreadLoop {
    private static Trial trial;
    private static TrainingData data;
    private static Dl4jTrialRunner runner;

    private TaskThreadLoop() {
    }

    /** Trains the trial once where it is called; returns milliseconds. Static: a local task runs in this JVM. */
    static long trainOnce(int ignored) {
        long t = System.nanoTime();
        runner.run(trial, data);
        return (System.nanoTime() - t) / 1_000_000;
    }

    public static void main(String[] args) throws InterruptedException {
        Nd4jThreads.onePerTask();
        SweepSpec spec = SpecLoader.load(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        PreparedData prepared = PreparedData.load(spec);
        trial = AllTrials.of(spec).get(0);
        data = prepared.byKey().get(trial.dataKey());
        runner = new Dl4jTrialRunner(TrainingPlan.of(spec.training(), spec.convergence(), prepared.all()));
        SparkSession spark = SparkSession.builder().master("local[1]").appName("task-thread-loop")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        trainOnce(0);
        jsc.parallelize(List.of(0), 1).map(TaskThreadLoop::trainOnce).collect();
        long main = 0;
        long task = 0;
        long other = 0;
        for (int r = 0; r < rounds; r++) {
            main += trainOnce(0);
            task += jsc.parallelize(List.of(0), 1).map(TaskThreadLoop::trainOnce).collect().get(0);
            long[] t = new long[1];
            Thread th = new Thread(() -> t[0] = trainOnce(0), "other");
            th.start();
            th.join();
            other += t[0];
        }
        spark.stop();
        System.out.printf(Locale.ROOT, "task-thread-loop: %d rounds of %s, main %.2f s, spark task %.2f s, other thread %.2f s,"
                + " task/main %.3f%n", rounds, trial.id(), main / 1e3, task / 1e3, other / 1e3, (double) task / main);
    }
}
