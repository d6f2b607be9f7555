package io.lossgrid.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.report.Report;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ParquetOutput;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepRefused;
import io.lossgrid.store.Tables;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.testing.AllTrials;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.TrainingPlan;
import io.lossgrid.train.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep with {@code training.trace}: its {@code iterations} table, written and read as the other tables are. */
class TracedSweepTest {
    /**
     * Specs.MIXED on mini-batches of 16 (4 updates per epoch) with a trace of the first 10 updates, its unstable
     * learning rate raised to 1e30 so that its first update overflows float.
     */
    static final String TRACED = Specs.MIXED.replace("training: {epochs: 30}",
            "training: {epochs: 30, batchSize: 16, trace: {iterations: 10}}").replace("2.0]", "1.0e+30]");
    static SparkSession spark;
    static SweepSpec traced;
    static ResultDirectory committed;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runTracedSweepOnce() {
        spark = LocalSpark.start("TracedSweepTest");
        traced = Specs.parse(TRACED);
        Summary s = job().run(traced, RunOptions.defaults(tmp.resolve("traced").toString()));
        assertEquals(RunState.COMPLETED, s.state());
        committed = store("traced");
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

    @Test
    void plainSparkReadsTheIterationsTableWithABatchColumn() {
        Dataset<Row> plain = spark.read().parquet(tmp.resolve("traced").resolve("iterations").toString());
        assertEquals(List.of("trial_id", "iteration", "epoch", "batch_loss", "grad_norm", "batch"),
                List.of(plain.columns()));
        assertEquals(committed.iterations(spark).count(), plain.count());
        assertEquals(0, plain.drop("batch").exceptAll(committed.iterations(spark)).count());
    }

    @Test
    void eachTrialHasOneRowPerUpdateUpToTheLimitAndFailedOnesThatThrewBeforeTrainingNone() {
        Map<String, Long> rows = committed.iterations(spark).groupBy("trial_id").count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        for (Row t : committed.trials(spark).select("trial_id", "status").collectAsList()) {
            long n = rows.getOrDefault(t.getString(0), 0L);
            switch (t.getString(1)) {
                case "FAILED" -> assertEquals(0, n, "the bad-init network never trained");
                case "DIVERGED" -> assertEquals(4, n, "the first epoch's 4 updates, then the parameter check ends it");
                default -> assertEquals(10, n, "min(10 traced, 120 updates)");
            }
        }
        long duplicates = committed.iterations(spark).groupBy("trial_id", "iteration").count()
                .filter(col("count").gt(1)).count();
        assertEquals(0, duplicates);
        List<Integer> epochs = committed.iterations(spark).filter(col("trial_id").equalTo(someConverging()))
                .orderBy("iteration").select("epoch").as(org.apache.spark.sql.Encoders.INT()).collectAsList();
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2, 3, 3), epochs);
    }

    private static String someConverging() {
        return committed.trials(spark).filter(col("status").notEqual("FAILED").and(col("status").notEqual("DIVERGED")))
                .orderBy("trial_index").first().getString(0);
    }

    @Test
    void theReadmesQueryFindsWhereEachDivergedTrialsBatchLossFirstWentNonFinite() {
        committed.registerViews(spark);
        List<Row> found = spark.sql("""
                SELECT t.trial_id, t.optimizer, t.alpha, t.learning_rate, min(i.iteration) AS first_bad_iteration
                FROM trials t JOIN iterations i USING (trial_id)
                WHERE t.status = 'DIVERGED' AND (isnan(i.batch_loss) OR abs(i.batch_loss) = double('Infinity'))
                GROUP BY t.trial_id, t.optimizer, t.alpha, t.learning_rate ORDER BY t.alpha, t.learning_rate
                """).collectAsList();
        List<String> diverged = committed.trials(spark).filter(col("status").equalTo("DIVERGED")).select("trial_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertFalse(diverged.isEmpty(), "the spec has a diverging trial");
        assertEquals(diverged.stream().sorted().toList(), found.stream().map(r -> r.getString(0)).sorted().toList());
        for (Row r : found) {
            int first = r.getInt(4);
            assertTrue(first > 1 && first <= 4, "within the first epoch, after a finite first update: " + first);
        }
    }

    @Test
    void theReportOfATracedSweepDrawsTheDivergedTrialsBatchLossOverIterations() {
        String html = new Report(spark, committed).html(List.of());
        int at = html.indexOf("<section id=\"traces\">");
        assertTrue(at >= 0, "a Mini-batch traces section");
        String section = html.substring(at, html.indexOf("</section>", at));
        assertEquals(1, section.split("<figure class=\"chart curves trace\"", -1).length - 1, "one chart: one optimizer");
        assertTrue(section.contains("sgd: diverged trials, batch loss per update"), section);
        assertTrue(section.contains("data-label=\"\u03b1=1, lr=1e30, seed 7: DIVERGED\""), section);
        assertTrue(section.contains("data-label=\"\u03b1=10, lr=1e30, seed 7: DIVERGED\""), section);
        assertFalse(section.contains(": CONVERGED"), "only the diverged trials where some diverged");
        assertTrue(section.contains("\"x\":\"iteration\""), section);
    }

    @Test
    void aSweepWithoutATraceWritesNoIterationsFolderAndItsViewIsEmpty() {
        job().run(Specs.parse(Specs.MIXED), RunOptions.defaults(tmp.resolve("plain").toString()));
        assertFalse(html(store("plain")).contains("id=\"traces\""), "no trace section in its report");
        assertFalse(Files.exists(tmp.resolve("plain").resolve("iterations")));
        store("plain").registerViews(spark);
        Dataset<Row> view = spark.table("iterations");
        assertEquals(List.of("trial_id", "iteration", "epoch", "batch_loss", "grad_norm"), List.of(view.columns()));
        assertEquals(0, view.count());
    }

    @Test
    void aResumeWithAnotherTraceSettingIsRefusedNamingIt() {
        String dir = tmp.resolve("traced").toString();
        RunOptions resume = new RunOptions(dir, RunMode.RESUME, 0, RunOptions.DEFAULT_COMMIT_SECONDS,
                RunOptions.DEFAULT_TASKS_PER_CORE, true);
        SweepSpec longer = Specs.parse(TRACED.replace("iterations: 10", "iterations: 20"));
        SweepRefused e = assertThrows(SweepRefused.class, () -> job().run(longer, resume));
        assertEquals("--resume: the spec differs from the one " + committed.uri() + " was started with:"
                + " training.trace.iterations: was 10, now 20. Use the original spec, or start another --out (or"
                + " --overwrite)", e.getMessage());
    }

    @Test
    void aCrashedBatchsIterationRowsAreInvisibleAndTheBatchTrainedAgainAddsThemOnce() {
        ResultDirectory store = store("crashed").tracing(true);
        List<TrialRow> rows = trained();
        List<TrialRow> first = rows.subList(0, 4);
        List<TrialRow> second = rows.subList(4, rows.size());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        store.commit(1, jsc.parallelize(first, 2));
        // A driver killed while committing batch 2: its epochs and iterations written, its trials not.
        JavaRDD<TrialRow> crashed = jsc.parallelize(second, 2);
        ParquetOutput.write(crashed.flatMap(r -> Tables.epochRows(r.result()).iterator()), Tables.EPOCHS,
                store.epochsBatch(2), jsc.hadoopConfiguration());
        ParquetOutput.write(crashed.flatMap(r -> Tables.iterationRows(r.result()).iterator()), Tables.ITERATIONS,
                store.iterationsBatch(2), jsc.hadoopConfiguration());
        assertEquals(List.of(1), store.committedBatches());
        assertEquals(ids(first), sorted(store.iterations(spark)));

        assertEquals(2, store.removeUncommitted(), "batch 2's epochs and iterations folders");
        store.commit(store.nextBatch(), jsc.parallelize(second, 2));
        assertEquals(ids(rows), sorted(store.iterations(spark)));
        for (TrialRow r : rows) {
            long n = store.iterations(spark).filter(col("trial_id").equalTo(r.trial().id())).count();
            assertEquals(r.result().trace().iterations(), n, "iteration rows of " + r.trial().id());
        }
    }

    @Test
    void rerunningFailedTrialsTakesTheirIterationRowsOutWithTheirOtherRows() {
        ResultDirectory store = store("rerun").tracing(true);
        List<TrialRow> rows = new ArrayList<>(trained());
        TrialRow r0 = rows.get(0);
        TrialResult ok = r0.result();
        // A trial that trained some updates, then threw: FAILED, its trace kept.
        TrialResult threw = new TrialResult(ok.trial(), Outcome.failed(ok.loss(), ok.loss().length, null), ok.loss(),
                ok.gradNorm(), "java.lang.IllegalStateException: thrown mid-training", 1, "single", ok.trace(), null);
        assertTrue(threw.trace().iterations() > 0);
        rows.set(0, new TrialRow(threw, r0.training(), r0.executor(), r0.finishedAtMs()));
        store.commit(1, JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2));
        assertEquals(threw.trace().iterations(),
                store.iterations(spark).filter(col("trial_id").equalTo(ok.trial().id())).count());
        long before = store.iterations(spark).count();

        assertTrue(store.dropFailed() >= 1);
        assertEquals(0, store.iterations(spark).filter(col("trial_id").equalTo(ok.trial().id())).count());
        // The bad-init trials failed before training: they had no iteration rows to take out.
        assertEquals(before - threw.trace().iterations(), store.iterations(spark).count());
    }

    private static List<TrialRow> trained;

    /** The traced spec's trials trained on the driver (once per class), as rows a store commits. */
    private static synchronized List<TrialRow> trained() {
        if (trained == null) {
            trained = List.copyOf(train());
        }
        return trained;
    }

    private static List<TrialRow> train() {
        TrainingData data = traced.data().get(0).load(Path.of(".")).prepare(traced.losses().get(0));
        TrainingPlan plan = TrainingPlan.of(traced.training(), traced.convergence(), List.of(data));
        Dl4jTrialRunner runner = new Dl4jTrialRunner(plan);
        List<TrialRow> rows = new ArrayList<>();
        for (Trial t : AllTrials.of(traced)) {
            rows.add(new TrialRow(runner.run(t, data), traced.training(), "driver", 0));
        }
        return rows;
    }

    private static String html(ResultDirectory store) {
        return new Report(spark, store).html(List.of());
    }

    private static List<String> ids(List<TrialRow> rows) {
        return rows.stream().filter(r -> r.result().trace().iterations() > 0).map(r -> r.trial().id()).sorted().toList();
    }

    private static List<String> sorted(Dataset<Row> iterations) {
        return iterations.select("trial_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList()
                .stream().sorted().toList();
    }
}
