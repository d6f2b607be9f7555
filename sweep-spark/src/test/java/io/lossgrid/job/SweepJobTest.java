package io.lossgrid.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.store.SweepRefused;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepJobTest {
    static SparkSession spark;
    static SweepSpec mixed;
    static ResultDirectory committed;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runMixedSweepOnce() {
        spark = LocalSpark.start("SweepJobTest");
        mixed = Specs.parse(Specs.MIXED);
        Summary s = job().run(mixed, RunOptions.defaults(tmp.resolve("mixed").toString()));
        assertEquals(RunState.COMPLETED, s.state());
        committed = store("mixed");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static SweepJob job() {
        return new SweepJob(spark, new PrintStream(new ByteArrayOutputStream()));
    }

    static ResultDirectory store(String name) {
        return ResultDirectory.at(tmp.resolve(name).toString(), spark.sparkContext().hadoopConfiguration());
    }

    static RunOptions options(String dir, RunMode mode, int batchTrials) {
        return new RunOptions(dir, mode, batchTrials, RunOptions.DEFAULT_COMMIT_SECONDS, RunOptions.DEFAULT_TASKS_PER_CORE,
                true);
    }

    @Test
    void everyTrialOfTheGridIsCommittedOnceWithOneEpochRowPerRecordedEpoch() {
        List<String> expected = AllTrials.of(mixed).stream().map(Trial::id).sorted().toList();
        List<String> ids = committed.trials(spark).select("trial_id").as(Encoders.STRING()).collectAsList();
        assertEquals(expected, ids.stream().sorted().toList());

        Dataset<Row> perTrial = committed.epochs(spark).groupBy("trial_id").count()
                .join(committed.trials(spark), "trial_id");
        for (Row r : perTrial.select("count", "epochs_run", "status").collectAsList()) {
            long rows = r.getLong(0);
            int epochsRun = r.getInt(1);
            String status = r.getString(2);
            assertEquals(epochsRun + 1, rows, "epoch rows of a " + status + " trial");
        }
        long duplicates = committed.epochs(spark).groupBy("trial_id", "epoch").count().filter(col("count").gt(1)).count();
        assertEquals(0, duplicates);
    }

    @Test
    void plainSparkReadsEachTableWithABatchColumnFromTheHiveStyleFolders() {
        String dir = tmp.resolve("mixed").toString();
        Dataset<Row> trials = spark.read().parquet(dir + "/trials");
        Dataset<Row> epochs = spark.read().parquet(dir + "/epochs");
        assertEquals("int", trials.schema().apply("batch").dataType().simpleString());
        assertEquals(List.of(committed.trials(spark).columns()), List.of(trials.drop("batch").columns()));
        assertEquals(0, trials.drop("batch").exceptAll(committed.trials(spark)).count());
        assertEquals(committed.trials(spark).count(), trials.count());
        assertEquals(committed.epochs(spark).count(), epochs.count());
        assertEquals(committed.committedBatches(), trials.select("batch").distinct().orderBy("batch")
                .as(Encoders.INT()).collectAsList());
    }

    @Test
    void eachBatchIsThreeSparkJobsNamedByBatchAndPhase() throws Exception {
        List<String> described = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                described.add(start.properties().getProperty("spark.job.description"));
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            job().run(mixed, options(tmp.resolve("described").toString(), RunMode.FRESH, 4));
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        // the trials' write commits a batch, so it is the last job: a cancelled job never follows a commit
        assertEquals(List.of("batch 1: train and write epochs", "batch 1: count statuses", "batch 1: write trials",
                "batch 2: train and write epochs", "batch 2: count statuses", "batch 2: write trials"), described);
    }

    @Test
    void divergedAndFailedTrialsAreRowsWithTheirStatusAndTheSweepGoesOn() {
        Dataset<Row> trials = committed.trials(spark);
        List<Row> failed = trials.filter(col("status").equalTo("FAILED")).collectAsList();
        assertEquals(4, failed.size(), "every bad-init trial fails");
        for (Row r : failed) {
            assertEquals("bad-init", r.getAs("model"));
            String error = r.getAs("error");
            assertNotNull(error);
            assertFalse(error.contains("\n"));
        }
        Row diverged = trials.filter(col("model").equalTo("linear").and(col("alpha").equalTo(10.0))
                .and(col("learning_rate").equalTo(2.0))).first();
        assertEquals("DIVERGED", diverged.getAs("status"));
        int at = diverged.getAs("diverged_epoch");
        assertEquals(at, (int) diverged.getAs("epochs_run"));
        assertTrue(at >= 1 && at < 30, "diverged early, at " + at);
        assertNotNull(diverged.getAs("divergence_cause"));
        long epochRows = committed.epochs(spark).filter(col("trial_id").equalTo(diverged.<String>getAs("trial_id"))).count();
        assertEquals(at + 1, epochRows, "rows up to the divergence and none after");
        Row calm = trials.filter(col("model").equalTo("linear").and(col("alpha").equalTo(1.0))
                .and(col("learning_rate").equalTo(0.01))).first();
        assertNull(calm.getAs("diverged_epoch"));
        assertNull(calm.getAs("error"));
        assertEquals(30, (int) calm.getAs("epochs_run"));
    }

    @Test
    void scaledLossInTheEpochsTableIsAlphaTimesTheLoss() {
        Dataset<Row> e = committed.epochs(spark).join(committed.trials(spark).select("trial_id", "alpha"), "trial_id");
        long off = e.filter(col("scaled_loss").minus(col("loss").multiply(col("alpha"))).gt(1e-9 * 1e6)).count();
        assertEquals(0, off);
        assertTrue(e.filter(col("alpha").equalTo(10.0)).count() > 0);
    }

    @Test
    void theSameSpecGivesTheSameRows() {
        job().run(mixed, RunOptions.defaults(tmp.resolve("again").toString()));
        ResultDirectory again = store("again");
        String[] timingFree = java.util.Arrays.stream(committed.trials(spark).columns())
                .filter(c -> !Set.of("train_ms", "finished_at_ms", "executor").contains(c)).toArray(String[]::new);
        Dataset<Row> a = committed.trials(spark).selectExpr(timingFree);
        Dataset<Row> b = again.trials(spark).selectExpr(timingFree);
        assertEquals(0, a.exceptAll(b).count());
        assertEquals(0, b.exceptAll(a).count());
        assertEquals(0, committed.epochs(spark).exceptAll(again.epochs(spark)).count());
        assertEquals(committed.epochs(spark).count(), again.epochs(spark).count());
    }

    @Test
    void anOccupiedDirectoryIsRefusedAndLeftAsItWas() {
        long before = committed.trials(spark).count();
        SweepRefused e = assertThrows(SweepRefused.class,
                () -> job().run(mixed, RunOptions.defaults(tmp.resolve("mixed").toString())));
        assertTrue(e.getMessage().contains("already holds results") && e.getMessage().contains("--resume"), e.getMessage());
        assertEquals(before, committed.trials(spark).count());
    }

    @Test
    void resumeTrainsOnlyTheTrialsThatWereNotCommitted() throws Exception {
        String dir = tmp.resolve("resumed").toString();
        job().run(mixed, options(dir, RunMode.FRESH, 3));
        ResultDirectory store = store("resumed");
        List<Integer> batches = store.committedBatches();
        assertEquals(List.of(1, 2, 3), batches);
        // A crash after the last batch wrote its epochs but before its trials: that batch is not committed.
        org.apache.hadoop.fs.Path lastTrials = new org.apache.hadoop.fs.Path(store.trialsBatch(3));
        lastTrials.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(lastTrials, true);
        Map<String, Long> keptFinishedAt = store.trials(spark).select("trial_id", "finished_at_ms").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(6, keptFinishedAt.size());

        Summary s = job().run(mixed, options(dir, RunMode.RESUME, 0));
        assertEquals(2, s.trained());
        assertEquals(6, s.skipped());
        List<Row> all = store.trials(spark).select("trial_id", "finished_at_ms").collectAsList();
        assertEquals(8, all.size());
        assertEquals(8, all.stream().map(r -> r.getString(0)).distinct().count());
        for (Row r : all) {
            if (keptFinishedAt.containsKey(r.getString(0))) {
                assertEquals(keptFinishedAt.get(r.getString(0)), r.getLong(1), "committed trials are not trained again");
            }
        }
        long expectedEpochRows = store.trials(spark).filter(col("initial_loss").isNotNull())
                .selectExpr("sum(epochs_run + 1)").first().getLong(0);
        assertEquals(expectedEpochRows, store.epochs(spark).count(), "the crashed batch's epochs were not kept twice");
        SweepManifest m = store.manifest().orElseThrow();
        assertEquals(RunState.COMPLETED, m.state());
        assertEquals(List.of(RunMode.FRESH, RunMode.RESUME), m.runs().stream().map(r -> r.mode()).toList());
        assertTrue(m.toJson().contains("\"mode\" : \"resume\""));
    }

    @Test
    void resumeWithAChangedSpecIsRefusedNamingWhatChanged() {
        SweepSpec changed = Specs.parse(Specs.MIXED.replace("learningRate: [0.01, 2.0]", "learningRate: [0.01, 3.0]"));
        SweepRefused e = assertThrows(SweepRefused.class, () -> job().run(changed,
                options(tmp.resolve("mixed").toString(), RunMode.RESUME, 0)));
        assertTrue(e.getMessage().contains("grid.learningRate: was [0.01,2.0], now [0.01,3.0]"), e.getMessage());
    }
}
