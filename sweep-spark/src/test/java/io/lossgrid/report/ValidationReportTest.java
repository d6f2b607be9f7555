package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lossgrid.job.RunOptions;
import io.lossgrid.job.SweepJob;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.testing.Chromium;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a classifier sweep with a validation share: under each stability map, the map of best validation
 * balanced accuracy over α × lr and the validation balanced accuracy curves of its best cells, drawn by a real
 * browser on a linear axis. Two separable blobs with a 4:1 imbalance, logistic regression under bce.
 */
class ValidationReportTest {
    static final String SPEC = """
            name: validation-report
            data:
              synthetic: {generator: blobs, samples: 200, features: 2, classes: 2, weights: [0.8, 0.2], separation: 3, seed: 3}
              validation: 0.25
            model: {type: linear, weightInit: xavier}
            loss: bce
            training: {epochs: 15}
            grid: {alpha: [1, 100], learningRate: [0.001, 0.1, 30], optimizer: [sgd], seed: [1, 2]}
            """;

    static SparkSession spark;
    static String html;
    static Path page;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runAndReport() throws IOException {
        spark = LocalSpark.start("ValidationReportTest");
        String dir = tmp.resolve("sweep").toString();
        new SweepJob(spark, new PrintStream(new ByteArrayOutputStream())).run(Specs.parse(SPEC), RunOptions.defaults(dir));
        html = new Report(spark, ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration())).html(List.of());
        page = tmp.resolve("report.html");
        Files.writeString(page, html);
        Files.createDirectories(ReportTest.SCREENS);
        Files.writeString(ReportTest.SCREENS.resolve("validation-report.html"), html);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void eachStabilityMapHasAValidationMapOfTheSameCellsWithHowToReadIt() {
        assertEquals(1, CurvePanelTest.count(html, "<svg class=\"heatmap\""));
        assertEquals(1, CurvePanelTest.count(html, "<svg class=\"metric-map\""));
        assertEquals(12, CurvePanelTest.count(html, "<g class=\"cell"), "six cells in each of the two maps");
        assertTrue(html.contains("How to read the validation maps."));
        assertTrue(html.contains("best validation balanced accuracy: darker = higher"));
    }

    @Test
    void theMapsValuesAreTheMedianOverSeedsOfEachTrialsBestValidationBalancedAccuracy() {
        double best = spark.sql("""
                SELECT percentile(b, 0.5) FROM (SELECT t.trial_id, max(e.val_balanced_accuracy) AS b FROM trials t
                  JOIN epochs e ON t.trial_id = e.trial_id WHERE t.alpha = 1 AND t.learning_rate = 0.1
                  GROUP BY t.trial_id)""").first().getDouble(0);
        Matcher m = Pattern.compile("<svg class=\"metric-map\".*?data-alpha=\"1.0\" data-lr=\"0.1\" data-value=\"([^\"]*)\"",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the cell alpha=1, lr=0.1 of the validation map");
        assertEquals(Svg.num(best), m.group(1));
        assertTrue(best > 0.9, "separable blobs are learnt at alpha*lr = 0.1, found " + best);
    }

    @Test
    void theValidationCurvesDrawBalancedAccuracyOnALinearAxisForTheBestThreeCells() throws IOException {
        Matcher m = Pattern.compile("<figure class=\"chart curves validation\">.*?<script type=\"application/json\""
                + " class=\"chart-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "a validation curves panel");
        JsonNode data = new ObjectMapper().readTree(m.group(1));
        assertFalse(data.get("yLog").asBoolean());
        assertEquals("balanced accuracy", data.get("yLabel").asText());
        assertEquals(3, data.get("groups").size());
        for (JsonNode g : data.get("groups")) {
            assertEquals(16, g.get("median").size(), "epochs 0 to 15");
            for (JsonNode v : g.get("median")) {
                assertTrue(v.isNull() || v.asDouble() >= 0 && v.asDouble() <= 1, "a share, found " + v);
            }
        }
    }

    @Test
    void chromiumDrawsTheValidationCurvesWithoutAConsoleMessage() throws IOException {
        Chromium.Page loaded = Chromium.find(Path.of("target", "chromium")).load(page, 1280, 1000);
        assertEquals(List.of(), loaded.console(), "console messages");
        int charts = CurvePanelTest.count(html, "<figure class=\"chart ");
        assertTrue(loaded.dom().contains("data-rendered=\"" + charts + "\""), "every chart drew, the validation one too");
        assertTrue(loaded.dom().contains("balanced accuracy"));
    }
}
