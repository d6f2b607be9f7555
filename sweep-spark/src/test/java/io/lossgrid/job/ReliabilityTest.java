package io.lossgrid.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ParquetOutput;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.RunState;
import io.lossgrid.store.Tables;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promises that need no cluster: failures are results, poisoned sweeps stop, FAILED trials can be rerun. */
class ReliabilityTest {
    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ReliabilityTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static SweepJob job() {
        return new SweepJob(spark, new PrintStream(new ByteArrayOutputStream()));
    }

    static ResultDirectory store(String dir) {
        return ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration());
    }

    @Test
    void aTrialThatThrowsIsAResultAndNoSparkTaskFailsOrIsRetried() {
        AtomicInteger tasks = new AtomicInteger();
        AtomicInteger unsuccessful = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                tasks.incrementAndGet();
                if (end.reason() != Success$.MODULE$ || end.taskInfo().attemptNumber() > 0) {
                    unsuccessful.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(counter);
        String dir = tmp.resolve("no-retries").toString();
        try {
            job().run(Specs.parse(Specs.MIXED), RunOptions.defaults(dir));
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        assertTrue(tasks.get() > 0);
        assertEquals(0, unsuccessful.get(), "a trial's exception never fails its Spark task");
        assertEquals(4, store(dir).trials(spark).filter(col("status").equalTo("FAILED")).count());
    }

    @Test
    void aPoisonedSweepStopsEarlyAndKeepsWhatFinished() {
        SweepSpec poisoned = Specs.parse("""
                name: poisoned
                data: {synthetic: {generator: linear, samples: 16}}
                model: {type: mlp, hidden: [3], weightInit: identity}
                loss: mse
                training: {epochs: 5}
                grid: {alpha: {log: [0.01, 100], steps: 5}, learningRate: [0.01, 0.1], optimizer: [sgd, adam], seed: [1, 2]}
                limits: {maxFailedShare: 0.5}
                """);
        String dir = tmp.resolve("poisoned").toString();
        Summary s = job().run(poisoned, SweepJobTest.options(dir, RunMode.FRESH, 12));
        assertEquals(RunState.STOPPED, s.state());
        assertTrue(s.stopReason().startsWith("12 of 12 finished trials FAILED, more than limits.maxFailedShare = 0.5; "
                + "first error: java.lang.IllegalStateException"), s.stopReason());
        assertEquals(12, s.trained());
        assertEquals(12, store(dir).trials(spark).count(), "the first batch is kept");
        assertEquals(RunState.STOPPED, store(dir).manifest().orElseThrow().state());
    }

    @Test
    void rerunFailedTrainsOnlyTheFailedTrialsAndReplacesTheirRows() throws Exception {
        String dir = tmp.resolve("rerun").toString();
        SweepSpec mixed = Specs.parse(Specs.MIXED);
        job().run(mixed, SweepJobTest.options(dir, RunMode.FRESH, 4));
        ResultDirectory store = store(dir);
        // A transient failure: a trial that trained fine is recorded as FAILED in its committed batch.
        int batch = store.committedBatches().get(0);
        Dataset<Row> trials = spark.read().schema(Tables.TRIALS).parquet(store.trialsBatch(batch));
        String victim = trials.filter(col("status").notEqual("FAILED")).select("trial_id").first().getString(0);
        String victimStatus = trials.filter(col("trial_id").equalTo(victim)).first().getAs("status");
        Dataset<Row> marked = trials.withColumn("status", when(col("trial_id").equalTo(victim), lit("FAILED"))
                .otherwise(col("status"))).localCheckpoint();
        replaceTrials(store.trialsBatch(batch), marked);
        Map<String, Long> before = finishedAt(store);
        long failedBefore = store.trials(spark).filter(col("status").equalTo("FAILED")).count();
        assertEquals(5, failedBefore);

        Summary s = job().run(mixed, SweepJobTest.options(dir, RunMode.RERUN_FAILED, 0));
        assertEquals(5, s.trained());
        assertEquals(3, s.skipped());
        Map<String, Long> after = finishedAt(store);
        assertEquals(8, after.size());
        assertEquals(8, store.trials(spark).select("trial_id").distinct().count());
        assertEquals(victimStatus, store.trials(spark).filter(col("trial_id").equalTo(victim)).first().getAs("status"));
        assertNotEquals(before.get(victim), after.get(victim), "the victim was trained again");
        long untouched = before.keySet().stream().filter(id -> before.get(id).equals(after.get(id))).count();
        assertEquals(3, untouched, "trials that had not failed keep their rows");
        assertEquals(4, store.trials(spark).filter(col("status").equalTo("FAILED")).count(), "deterministic failures stay");
        long duplicateEpochs = store.epochs(spark).groupBy("trial_id", "epoch").count().filter(col("count").gt(1)).count();
        assertEquals(0, duplicateEpochs);
    }

    /** Writes {@code rows} the way a batch is written, beside the folder, and swaps it in. */
    static void replaceTrials(String folder, Dataset<Row> rows) throws java.io.IOException {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path live = new org.apache.hadoop.fs.Path(folder);
        org.apache.hadoop.fs.Path fresh = new org.apache.hadoop.fs.Path(live.getParent(), ".replacement");
        ParquetOutput.write(rows.selectExpr(Tables.TRIALS.fieldNames()).toJavaRDD(), Tables.TRIALS, fresh.toString(), conf);
        org.apache.hadoop.fs.FileSystem fs = live.getFileSystem(conf);
        assertTrue(fs.delete(live, true) && fs.rename(fresh, live), "swapped " + fresh + " in");
    }

    static Map<String, Long> finishedAt(ResultDirectory store) {
        return store.trials(spark).select("trial_id", "finished_at_ms").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    }
}
