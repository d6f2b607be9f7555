package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate}: the saved models of the best trials evaluated with the bridge's distributed evaluation, the
 * table written and printed; its bad input refused in one line with exit 2.
 */
class EvaluateCommandTest {
    /** Two separable blobs, bce on logits, three learning rates; each trial's final network saved. */
    private static final String SPEC = """
            name: blobs
            data: {synthetic: {generator: blobs, samples: 200, classes: 2, separation: 3, spread: 1, seed: 5}}
            model: {type: linear, weightInit: zero}
            loss: bce
            training: {epochs: 20}
            grid: {alpha: [1, 4], learningRate: [0.1, 0.5], optimizer: [sgd], seed: [1]}
            output: {models: final}
            """;

    static SparkSession spark;
    static Path results;
    static Path sameData;

    @TempDir
    static Path tmp;

    record Run(int status, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @BeforeAll
    static void runTheSweep() throws Exception {
        spark = LocalSpark.start("EvaluateCommandTest");
        results = tmp.resolve("out");
        Run run = cli("run", Specs.write(tmp, "blobs.yaml", SPEC).toString(), "--out", results.toString());
        assertEquals(0, run.status(), run.err());
        sameData = Files.writeString(tmp.resolve("data.yaml"),
                "synthetic: {generator: blobs, samples: 200, classes: 2, separation: 3, spread: 1, seed: 5}\n");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theBestTrialsModelsAreEvaluatedWrittenAndPrinted() {
        Run run = cli("evaluate", results.toString(), "--data", sameData.toString(), "--top", "2", "--by", "final_loss");
        assertEquals(0, run.status(), run.err());
        List<Row> table = spark.read().parquet(results.resolve("analysis/evaluation").toString())
                .orderBy("trial_id", "metric").collectAsList();
        assertEquals(8, table.size(), "2 trials x (loss, accuracy, balanced_accuracy, auc)");
        List<Row> best = spark.read().parquet(results.resolve("trials").toString())
                .orderBy("final_loss", "trial_id").limit(2).collectAsList();
        Map<String, Double> metrics = new TreeMap<>();
        String first = best.get(0).getAs("trial_id");
        table.stream().filter(r -> first.equals(r.getString(0))).forEach(r -> metrics.put(r.getString(1), r.getDouble(2)));
        assertEquals(List.of("accuracy", "auc", "balanced_accuracy", "loss"), List.copyOf(metrics.keySet()));
        // On the data it trained on, the evaluated loss is the trial's own final loss.
        double finalLoss = best.get(0).getAs("final_loss");
        assertEquals(finalLoss, metrics.get("loss"), 1e-4 * finalLoss);
        assertTrue(metrics.get("accuracy") > 0.9, metrics.toString());
        assertTrue(metrics.get("balanced_accuracy") > 0.9, metrics.toString());
        assertTrue(metrics.get("auc") > 0.95 && metrics.get("auc") <= 1, metrics.toString());
        assertTrue(run.out().startsWith("trial_id,metric,value\n"), run.out());
        assertEquals(9, run.out().lines().count(), run.out());
    }

    @Test
    void aColumnThatIsNotNumericIsRefusedInOneLine() {
        Run run = cli("evaluate", results.toString(), "--data", sameData.toString(), "--by", "optimizer");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().startsWith("lossgrid: --by must be val_loss or name a numeric column of trials (trial_index, round, "), run.err());
        assertTrue(run.err().endsWith("), found optimizer\n"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void zeroTrialsAreRefusedInOneLine() {
        Run run = cli("evaluate", results.toString(), "--data", sameData.toString(), "--top", "0");
        assertEquals(2, run.status(), run.err());
        assertEquals("lossgrid: --top must be >= 1, found 0\n", run.err());
    }

    @Test
    void aDataFileThatIsNotADataSetIsASpecErrorInOneLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "- 1\n- 2\n");
        Run run = cli("evaluate", results.toString(), "--data", bad.toString());
        assertEquals(2, run.status(), run.err());
        assertEquals("lossgrid: spec error: data must be one data set as a YAML map, such as {csv: test.csv, features:"
                + " [x], label: y}, found a list\n", run.err());
    }

    @Test
    void dataOfAnotherWidthIsRefusedInOneLine() throws Exception {
        Path wide = Files.writeString(tmp.resolve("wide.yaml"),
                "synthetic: {generator: blobs, samples: 50, features: 3, classes: 2, seed: 5}\n");
        Run run = cli("evaluate", results.toString(), "--data", wide.toString(), "--top", "1");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().matches("lossgrid: --data \\S+wide.yaml has 3 inputs per example, the model of trial"
                + " sgd-[0-9a-f]{12} takes 2\n"), run.err());
    }

    @Test
    void helpNamesTheOptions() {
        Run run = cli("evaluate", "--help");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("--data=DATA_SPEC_FILE") && run.out().contains("--top=K")
                && run.out().contains("--by=COLUMN"), run.out());
    }
}
