package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.job.RunOptions;
import io.lossgrid.job.SweepJob;
import io.lossgrid.store.ResultDirectory;
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
 * The report of a small boundary search (plain SGD on linear least squares at three α, as in
 * {@code BracketsTableTest}, with fewer epochs): it must render, and draw the critical α·lr against α with one
 * bracket mark per α, how to read it, and the brackets table. The report is left at
 * {@code target/report-screens/boundary-report.html} to be looked at.
 */
class BoundaryReportTest {
    static final String SPEC = """
            name: boundary-report
            data: {synthetic: {generator: linear, samples: 64, seed: 3}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 60, batchSize: full}
            grid: {alpha: [0.01, 1, 100], optimizer: [sgd]}
            search: {strategy: boundary, learningRate: {log: [1.0e-5, 1.0e+5]}, precision: 1.5, budget: 60}
            """;

    static SparkSession spark;
    static String html;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void searchAndReport() throws IOException {
        spark = LocalSpark.start("BoundaryReportTest");
        String dir = tmp.resolve("boundary").toString();
        new SweepJob(spark, new PrintStream(new ByteArrayOutputStream())).run(Specs.parse(SPEC), RunOptions.defaults(dir));
        html = new Report(spark, ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration())).html(List.of());
        Files.createDirectories(ReportTest.SCREENS);
        Files.writeString(ReportTest.SCREENS.resolve("boundary-report.html"), html);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static String section() {
        Matcher m = Pattern.compile("(?s)<section id=\"brackets\">.*?</section>").matcher(html);
        assertTrue(m.find(), "the report has a brackets section");
        return m.group();
    }

    @Test
    void theBoundarySectionDrawsOneBracketMarkPerAlpha() {
        String section = section();
        assertTrue(section.contains("<h2>Critical \u03b1\u00b7lr against \u03b1 (boundary search)</h2>"));
        Matcher marks = Pattern.compile("<g class=\"bracket kind-(BRACKETED|STABLE_UP_TO|UNSTABLE_FROM)\" data-alpha=\"([^\"]+)\"")
                .matcher(section);
        List<String> alphas = new java.util.ArrayList<>();
        while (marks.find()) {
            alphas.add(marks.group(2));
        }
        assertEquals(List.of("0.01", "1.0", "100.0"), alphas);
        assertEquals(1, section.split("<svg class=\"brackets-static\"", -1).length - 1, "one chart for the one optimizer");
    }

    @Test
    void theSgdBracketsOfThisSearchAreClosedBarsAtEveryAlpha() {
        assertEquals(3, section().split("<g class=\"bracket kind-BRACKETED\"", -1).length - 1);
    }

    @Test
    void theBoundarySectionSaysHowToReadItAndListsTheBrackets() {
        String section = section();
        assertTrue(section.contains("<b>How to read these charts.</b>"));
        assertTrue(section.contains("A horizontal line (constant critical \u03b1\u00b7lr) means the loss scale acts as the learning rate"));
        assertTrue(section.contains("a line of slope 1 means an \u03b1-invariant lr limit"));
        assertEquals(1 + 3, section.split("<tr>", -1).length - 1, "a header row and one row per α");
    }

    @Test
    void theRestOfTheReportStillRendersOnBoundaryResults() {
        assertTrue(html.contains("<section id=\"maps\">"));
        assertTrue(html.contains("<section id=\"critical\">"));
        assertTrue(html.endsWith("</body></html>\n"));
    }
}
