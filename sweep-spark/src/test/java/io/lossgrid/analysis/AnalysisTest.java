package io.lossgrid.analysis;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.job.RunOptions;
import io.lossgrid.job.SweepJob;
import io.lossgrid.report.Report;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis and the report on a sweep built to show both invariances: a linear least-squares problem
 * (Hessian eigenvalues about 2/3 and 2, so plain SGD diverges for α·lr above about 1), α in {1, 4}, lr in
 * {0.01, 0.1, 0.4}, plain SGD and Adam, two seeds of Xavier initialisation.
 */
class AnalysisTest {
    static final String SPEC = """
            name: invariances
            data: {synthetic: {generator: linear, samples: 128, noise: 0.1, seed: 5}}
            model: {type: linear, weightInit: xavier}
            loss: mse
            training: {epochs: 40}
            grid: {alpha: [1, 4], learningRate: [0.01, 0.1, 0.4], optimizer: [sgd, adam], seed: [1, 2]}
            """;

    static SparkSession spark;
    static Analysis analysis;
    static ResultDirectory store;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runAndAnalyse() {
        spark = LocalSpark.start("AnalysisTest");
        String dir = tmp.resolve("inv").toString();
        new SweepJob(spark, new PrintStream(new ByteArrayOutputStream())).run(Specs.parse(SPEC), RunOptions.defaults(dir));
        store = ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration());
        analysis = Analysis.of(spark, store);
        analysis.writeAll();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Row invariance(String optimizer) {
        return spark.table("invariance").filter(col("optimizer").equalTo(optimizer)).first();
    }

    @Test
    void plainSgdCollapsesOntoAlphaTimesLearningRateAndAdamOntoTheLearningRate() {
        Row sgd = invariance("sgd");
        assertEquals("alpha*lr", sgd.getAs("expected"));
        assertEquals("alpha*lr", sgd.getAs("holds"));
        assertTrue(sgd.<Double>getAs("effective_lr_residual_max") < 1e-4, "sgd residual " + sgd.getAs("effective_lr_residual_max"));
        assertTrue(sgd.<Double>getAs("alpha_residual_median") > 0.1, "sgd is not alpha-invariant");

        Row adam = invariance("adam");
        assertEquals("alpha", adam.getAs("expected"));
        assertEquals("alpha", adam.getAs("holds"));
        assertTrue(adam.<Double>getAs("alpha_residual_max") < 1e-3, "adam residual " + adam.getAs("alpha_residual_max"));
        assertTrue(adam.<Double>getAs("effective_lr_residual_median") > 0.01, "adam does not collapse onto alpha*lr");
    }

    @Test
    void equivalenceClassesHoldTheTrialsThatShareTheirKeyWithinASeed() {
        List<Row> classes = spark.table("equivalence").filter(col("optimizer").equalTo("sgd")
                .and(col("kind").equalTo("effective_lr"))).collectAsList();
        assertEquals(2, classes.size(), "alpha*lr = 0.4 once per seed");
        for (Row r : classes) {
            assertEquals(0.4, r.<Double>getAs("value"), 1e-12);
            assertEquals(2L, (long) r.<Long>getAs("members"));
            assertEquals("1.0,4.0", r.getAs("alphas"));
        }
        long sameLr = spark.table("equivalence").filter(col("optimizer").equalTo("adam")
                .and(col("kind").equalTo("learning_rate"))).count();
        assertEquals(3 * 2, sameLr, "three learning rates, two seeds");
    }

    @Test
    void theStabilityMapHasOneRowPerCellAndMarksTheDivergedOne() {
        assertEquals(2 * 2 * 3, spark.table("stability").count());
        Row diverged = spark.table("stability").filter(col("optimizer").equalTo("sgd").and(col("alpha").equalTo(4.0))
                .and(col("learning_rate").equalTo(0.4))).first();
        assertEquals("DIVERGED", diverged.getAs("status"));
        assertEquals(2L, (long) diverged.<Long>getAs("diverged"));
        assertFalse(diverged.<Boolean>getAs("stable"));
        Row calm = spark.table("stability").filter(col("optimizer").equalTo("sgd").and(col("alpha").equalTo(1.0))
                .and(col("learning_rate").equalTo(0.1))).first();
        assertTrue(calm.<Boolean>getAs("stable"));
        assertEquals(2L, (long) calm.<Long>getAs("seeds"));
    }

    @Test
    void theCriticalLearningRateBracketsTheDivergenceOfSgd() {
        Row r = spark.table("critical_lr").filter(col("optimizer").equalTo("sgd").and(col("alpha").equalTo(4.0))).first();
        assertEquals(0.1, r.<Double>getAs("largest_stable_lr"), 1e-12);
        assertEquals(0.4, r.<Double>getAs("smallest_diverging_lr"), 1e-12);
        assertEquals(4 * Math.sqrt(0.1 * 0.4), r.<Double>getAs("critical_effective_lr"), 1e-9);
        Row none = spark.table("critical_lr").filter(col("optimizer").equalTo("sgd").and(col("alpha").equalTo(1.0))).first();
        assertNull(none.getAs("smallest_diverging_lr"));
        assertEquals(0.4, none.<Double>getAs("largest_stable_lr"), 1e-12);
    }

    @Test
    void seedSpreadIsReportedForEveryCellWithTwoSeeds() {
        assertEquals(12, spark.table("seed_spread").count());
        Row r = spark.table("seed_spread").filter(col("optimizer").equalTo("sgd").and(col("alpha").equalTo(1.0))
                .and(col("learning_rate").equalTo(0.01))).first();
        assertTrue(r.<Double>getAs("max_final_loss") > r.<Double>getAs("min_final_loss"), "Xavier seeds start apart");
        assertEquals(1.0, r.<Double>getAs("status_agreement"), 1e-12);
    }

    @Test
    void linearLeastSquaresTrialsAreMeasuredAgainstTheExactMinimum() {
        List<Row> rows = spark.table("convergence").collectAsList();
        assertEquals(24, rows.size());
        for (Row r : rows) {
            assertEquals("spec", r.getAs("target_kind"));
            assertNotNull(r.getAs("target"));
        }
    }

    @Test
    void theReportHasAMapPerOptimizerMarksDivergedCellsAndNeedsNoNetwork() {
        String html = new Report(spark, store).html(List.of(Report.Choice.parse("sgd:4:0.1")));
        for (String optimizer : List.of("sgd", "adam")) {
            assertTrue(html.contains("<svg class=\"heatmap\" data-optimizer=\"" + optimizer + "\""), optimizer);
        }
        Matcher diverged = Pattern.compile("<g class=\"cell status-DIVERGED\" data-alpha=\"4.0\" data-lr=\"0.4\">"
                + "<title>[^<]*</title><rect [^>]*fill=\"#d7301f\"/><text class=\"mark\"[^>]*>\u00d7</text>").matcher(html);
        assertTrue(diverged.find(), "the diverged cell is coloured and marked");
        assertTrue(html.contains("class=\"boundary\""), "the critical boundary is drawn");
        assertTrue(html.contains("curves overlay kind-effective_lr"));
        assertTrue(html.contains("curves chosen"));
        assertFalse(html.contains(" src=") || html.contains("<link"), "scripts inline, nothing fetched from the network");
        assertTrue(html.contains("<td class=\"verdict\">alpha*lr</td>"));
    }

    @Test
    void aStoredTableIsReadUntilABatchIsCommittedAfterIt() throws Exception {
        assertTrue(List.of(analysis.table(AnalysisTable.STABILITY).inputFiles()).stream()
                .allMatch(f -> f.contains("/analysis/stability/")), "read from what writeAll stored");
        Path marker;
        try (var walk = java.nio.file.Files.walk(tmp.resolve("inv/trials"))) {
            marker = walk.filter(p -> p.getFileName().toString().equals("_SUCCESS")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        java.nio.file.attribute.FileTime was = java.nio.file.Files.getLastModifiedTime(marker);
        java.nio.file.Files.setLastModifiedTime(marker, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 60_000));
        try {
            List<String> inputs = List.of(analysis.table(AnalysisTable.STABILITY).inputFiles());
            assertFalse(inputs.isEmpty());
            assertTrue(inputs.stream().noneMatch(f -> f.contains("/analysis/")), "recomputed from the results: " + inputs);
            assertTrue(Analysis.registerWritten(spark, store).isEmpty(), "no stale table becomes a view");
        } finally {
            java.nio.file.Files.setLastModifiedTime(marker, was);
        }
    }

    @Test
    void aStoredTableReadsWithTheSchemaAndRowsSparkWouldInfer() {
        for (AnalysisTable t : AnalysisTable.values()) {
            String dir = store.child(WrittenTables.dir(t));
            assertTrue(WrittenTables.footerSchema(spark.sparkContext().hadoopConfiguration(),
                    new org.apache.hadoop.fs.Path(dir)).isPresent(), t.tableName() + ": Spark's schema is in the footer");
            Dataset<Row> inferred = spark.read().parquet(dir);
            Dataset<Row> stored = WrittenTables.read(spark, store, t);
            assertEquals(inferred.schema(), stored.schema(), t.tableName());
            assertEquals(inferred.collectAsList(), stored.collectAsList(), t.tableName());
        }
    }

    @Test
    void aFolderWithoutParquetFilesHasNoFooterSchema() {
        assertTrue(WrittenTables.footerSchema(spark.sparkContext().hadoopConfiguration(),
                new org.apache.hadoop.fs.Path(tmp.resolve("inv/analysis").toString())).isEmpty());
    }
}
