package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.analysis.Analysis;
import io.lossgrid.analysis.AnalysisTable;
import io.lossgrid.base.SpecException;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.testing.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each validation form through a local-mode sweep: the epochs and trials carry the validation columns. */
class ValidationSweepTest {
    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ValidationSweepTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static ResultDirectory run(String name, String yaml) {
        SweepSpec spec = SpecLoader.parse(yaml, tmp);
        Summary s = new SweepJob(spark, new PrintStream(new ByteArrayOutputStream()))
                .run(spec, RunOptions.defaults(tmp.resolve(name).toString()));
        assertEquals(RunState.COMPLETED, s.state());
        return ResultDirectory.at(tmp.resolve(name).toString(), spark.sparkContext().hadoopConfiguration());
    }

    private static List<Row> epochs(ResultDirectory store, String loss) {
        store.registerViews(spark);
        return spark.sql("SELECT e.val_loss, e.accuracy, e.val_accuracy, e.val_balanced_accuracy, e.val_auc, e.val_pr_auc"
                + " FROM epochs e JOIN trials t USING (trial_id) WHERE t.loss = '" + loss + "'").collectAsList();
    }

    @Test
    void aHeldOutShareFillsTheValidationColumnsOfClassifiersAndOnlyValLossOfRegression() {
        ResultDirectory store = run("share", """
                name: share
                data: {synthetic: {generator: blobs, samples: 120, classes: 2, weights: [0.8, 0.2], seed: 2}, validation: 0.25}
                model: {type: linear, weightInit: zero}
                loss: [bce, mse]
                training: {epochs: 8}
                grid: {alpha: [1], learningRate: [0.1], optimizer: [sgd, adam]}
                """);
        List<Row> bce = epochs(store, "bce");
        assertEquals(2 * 9, bce.size());
        for (Row r : bce) {
            for (int c = 0; c < 6; c++) {
                assertFalse(r.isNullAt(c), "bce column " + c + " of " + r);
            }
        }
        for (Row r : epochs(store, "mse")) {
            assertFalse(r.isNullAt(0), "mse has a val_loss");
            for (int c = 1; c < 6; c++) {
                assertTrue(r.isNullAt(c), "mse has no classifier metric " + c);
            }
        }
        for (Row t : spark.sql("SELECT best_val_loss, best_val_epoch FROM trials").collectAsList()) {
            assertFalse(t.isNullAt(0));
            assertFalse(t.isNullAt(1));
        }
        SweepManifest m = store.manifest().orElseThrow();
        Map<?, ?> validation = (Map<?, ?>) m.data().get(0).get("validation");
        assertEquals(30, validation.get("rows"), "25 % of 120");
        assertEquals(List.of(72, 18), validation.get("trainCounts"));
        assertEquals(List.of(24, 6), validation.get("counts"));
        assertEquals(Map.of("share", 0.25, "seed", 0), ((Map<?, ?>) m.spec().get("data")).get("validation"));

        List<Row> classes = Analysis.of(spark, store).table(AnalysisTable.CLASSES).orderBy("class_index").collectAsList();
        assertEquals(2, classes.size());
        assertEquals("blobs", classes.get(0).getString(0));
        assertNull(classes.get(0).get(2), "blobs name no classes");
        assertEquals(72L, classes.get(0).getLong(3));
        assertEquals(6L, classes.get(1).getLong(4));
    }

    @Test
    void aSweepWithoutValidationHasNullValidationColumnsAndAClassifiersAccuracy() {
        ResultDirectory store = run("none", """
                name: none
                data: {synthetic: {generator: blobs, samples: 60, classes: 3, seed: 2}}
                model: {type: linear, weightInit: zero}
                loss: xent
                training: {epochs: 3}
                grid: {alpha: [1], learningRate: [0.1], optimizer: [sgd]}
                """);
        for (Row r : epochs(store, "xent")) {
            assertTrue(r.isNullAt(0));
            assertFalse(r.isNullAt(1), "a classifier's training accuracy");
            assertTrue(r.isNullAt(2));
        }
        assertTrue(spark.sql("SELECT best_val_loss FROM trials").collectAsList().get(0).isNullAt(0));
        assertEquals(0, Analysis.of(spark, store).table(AnalysisTable.CLASSES).count());
    }

    @Test
    void aDirectoryWrittenBeforeTheValidationColumnsStillReadsWithThemNull() throws Exception {
        ResultDirectory store = run("old", """
                name: old
                data: {synthetic: {generator: linear, samples: 30, seed: 2}}
                model: {type: linear, weightInit: zero}
                loss: mse
                training: {epochs: 3}
                grid: {alpha: [1, 2], learningRate: [0.1], optimizer: [sgd]}
                """);
        // rewrite every committed batch as an older version wrote it: without the new columns
        for (String table : List.of("epochs", "trials")) {
            try (var batches = Files.list(tmp.resolve("old").resolve(table))) {
                for (Path batch : batches.filter(p -> p.getFileName().toString().startsWith("batch=")).toList()) {
                    Path older = tmp.resolve("older-" + table + "-" + batch.getFileName());
                    spark.read().parquet(batch.toString()).drop("val_loss", "accuracy", "val_accuracy",
                            "val_balanced_accuracy", "val_auc", "val_pr_auc", "best_val_loss", "best_val_epoch")
                            .write().parquet(older.toString());
                    try (var parts = Files.list(batch)) {
                        for (Path part : parts.filter(p -> p.getFileName().toString().contains("part-")).toList()) {
                            Files.delete(part);
                        }
                    }
                    try (var parts = Files.list(older)) {
                        for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                            Files.move(part, batch.resolve(part.getFileName()));
                        }
                    }
                }
            }
        }
        assertFalse(List.of(spark.read().parquet(tmp.resolve("old").resolve("epochs").toString()).columns())
                .contains("val_loss"), "the files lack the column");
        assertEquals(8, store.epochs(spark).filter("val_loss IS NULL").count());
        assertEquals(2, store.trials(spark).filter("best_val_loss IS NULL").count());
        assertEquals(2, Analysis.of(spark, store).table(AnalysisTable.STABILITY).count()
                + Analysis.of(spark, store).table(AnalysisTable.CLASSES).count());
    }

    @Test
    void aSeparateCsvSetIsTheValidationSet() throws Exception {
        StringBuilder train = new StringBuilder("x,y\n");
        StringBuilder val = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) {
            train.append(i / 40.0).append(',').append(2 * i / 40.0 + 1).append('\n');
            val.append(i / 40.0 + 0.0125).append(',').append(2 * (i / 40.0 + 0.0125) + 1).append('\n');
        }
        Files.writeString(tmp.resolve("train.csv"), train);
        Files.writeString(tmp.resolve("val.csv"), val);
        ResultDirectory store = run("csv", """
                name: csv
                data: {csv: train.csv, features: [x], label: y, validation: {csv: val.csv}}
                model: {type: linear, weightInit: zero}
                loss: mse
                training: {epochs: 30}
                grid: {alpha: [1], learningRate: [0.3], optimizer: [sgd]}
                """);
        List<Row> rows = epochs(store, "mse");
        assertEquals(31, rows.size());
        assertTrue(rows.stream().allMatch(r -> !r.isNullAt(0) && r.isNullAt(1)));
        Map<?, ?> validation = (Map<?, ?>) store.manifest().orElseThrow().data().get(0).get("validation");
        assertEquals(40, validation.get("rows"));
        assertNotNull(validation.get("sha256"));
    }

    @Test
    void aSeparateParquetSetIsReadWithSpark() {
        String parquet = tmp.resolve("val.parquet").toString();
        spark.sql("SELECT CAST(id AS DOUBLE) / 10 AS x1, CAST(id % 3 AS DOUBLE) AS x2, CAST(id % 2 AS DOUBLE) AS y"
                + " FROM range(20)").write().parquet(parquet);
        ResultDirectory store = run("parquet", """
                name: parquet
                data: {synthetic: {generator: blobs, samples: 60, classes: 2, seed: 4}, validation: {parquet: val.parquet, features: [x1, x2], label: y}}
                model: {type: linear, weightInit: zero}
                loss: bce
                training: {epochs: 4}
                grid: {alpha: [1], learningRate: [0.1], optimizer: [sgd]}
                """);
        List<Row> rows = epochs(store, "bce");
        assertEquals(5, rows.size());
        assertTrue(rows.stream().allMatch(r -> !r.isNullAt(0) && !r.isNullAt(4)), "val_loss and val_auc");
    }

    @Test
    void aMissingValidationFileIsASpecErrorAndNothingIsWritten() {
        SweepSpec spec = SpecLoader.parse("""
                name: missing
                data: {synthetic: {generator: linear, samples: 20}, validation: {csv: nowhere.csv, features: [x], label: y}}
                model: {type: linear}
                loss: mse
                training: {epochs: 2}
                grid: {learningRate: [0.1], optimizer: [sgd]}
                """, tmp);
        SpecException e = assertThrows(SpecException.class, () -> new SweepJob(spark,
                new PrintStream(new ByteArrayOutputStream())).run(spec, RunOptions.defaults(tmp.resolve("missing").toString())));
        assertTrue(e.getMessage().startsWith("data.validation.csv must name a readable file (relative paths start at the"
                + " spec's directory), found \"nowhere.csv\""), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("missing")), "nothing written");
    }

    @Test
    void aSeparateSetWithOtherFeaturesIsASpecError() throws Exception {
        Files.writeString(tmp.resolve("wide.csv"), "x,z,y\n1,2,3\n");
        SweepSpec spec = SpecLoader.parse("""
                name: wide
                data: {synthetic: {generator: linear, samples: 20}, validation: {csv: wide.csv, features: [x, z], label: y}}
                model: {type: linear}
                loss: mse
                training: {epochs: 2}
                grid: {learningRate: [0.1], optimizer: [sgd]}
                """, tmp);
        SpecException e = assertThrows(SpecException.class, () -> PreparedData.load(spec));
        assertEquals("data.validation must have the training set's features, label and shape (1 feature column [x], 1"
                + " label column [y]), found 2 feature columns [x, z], 1 label column [y]; give the validation set the"
                + " training set's columns", e.getMessage());
    }
}
