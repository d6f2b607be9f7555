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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a small sweep with two seeds per cell, where plain SGD diverges at α = 4, lr = 0.4 (α·lr above
 * about 1) and nowhere else, so the critical-lr table has rows with a boundary and rows without; and the same
 * report in a real browser (headless Chromium), which must draw every chart without a console message.
 */
class ReportTest {
    static final String SPEC = """
            name: report
            data: {synthetic: {generator: linear, samples: 96, noise: 0.1, seed: 5}}
            model: {type: linear, weightInit: xavier}
            loss: mse
            training: {epochs: 30}
            grid: {alpha: [0.25, 1, 4], learningRate: [0.01, 0.1, 0.4], optimizer: [sgd, adam], seed: [1, 2]}
            """;
    /** Two overlays per optimizer, and the chosen cell. */
    static final int CHARTS = 5;
    /** Where the screenshots go, to be looked at. */
    static final Path SCREENS = Path.of("target", "report-screens");

    static SparkSession spark;
    static String html;
    static Path page;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runAndReport() throws IOException {
        spark = LocalSpark.start("ReportTest");
        String dir = tmp.resolve("sweep").toString();
        new SweepJob(spark, new PrintStream(new ByteArrayOutputStream())).run(Specs.parse(SPEC), RunOptions.defaults(dir));
        ResultDirectory store = ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration());
        html = new Report(spark, store).html(List.of(Report.Choice.parse("sgd:4:0.1")));
        page = tmp.resolve("report.html");
        Files.writeString(page, html);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aGridSweepsReportHasNoBoundarySearchSection() {
        assertFalse(html.contains("<section id=\"brackets\">"));
        assertFalse(html.contains("(boundary search)"));
    }

    @Test
    void everyCurveChartHoldsEverySeedOfEachConfigurationWithTheirMedianAndBand() throws IOException {
        List<JsonNode> charts = chartData();
        assertEquals(CHARTS, charts.size());
        for (JsonNode chart : charts) {
            for (JsonNode g : chart.get("groups")) {
                String where = chart.get("title").asText() + " / " + g.get("label").asText();
                JsonNode seeds = g.get("seeds");
                assertEquals(2, seeds.size(), where);
                assertEquals(1, seeds.get(0).get("seed").asLong(), where);
                assertEquals(2, seeds.get(1).get("seed").asLong(), where);
                JsonNode a = seeds.get(0).get("loss");
                JsonNode b = seeds.get(1).get("loss");
                for (int e = 0; e < a.size(); e++) {
                    if (a.get(e).isNull() || b.get(e).isNull()) {
                        continue;
                    }
                    double lo = Math.min(a.get(e).asDouble(), b.get(e).asDouble());
                    double hi = Math.max(a.get(e).asDouble(), b.get(e).asDouble());
                    assertEquals((lo + hi) / 2, g.get("median").get(e).asDouble(), 1e-5 * hi, where + " epoch " + e);
                    assertEquals(lo, g.get("low").get(e).asDouble(), 1e-5 * hi, where + " epoch " + e);
                    assertEquals(hi, g.get("high").get(e).asDouble(), 1e-5 * hi, where + " epoch " + e);
                }
            }
        }
    }

    @Test
    void everyCurveChartKeepsAStaticPictureForViewersWithoutScripts() {
        assertEquals(CHARTS, count(html, "<figure class=\"chart "));
        assertEquals(CHARTS, count(html, "<div class=\"static\">\n<svg class=\"curves-static\""));
        assertEquals(CHARTS, count(html, "<ul class=\"key\">"), "each with its legend in HTML, which wraps instead of clipping");
    }

    @Test
    void theCriticalTableShowsTheAlphasWithABoundaryAndFoldsTheRest() {
        long bounded = spark.sql("SELECT * FROM critical_lr WHERE smallest_diverging_lr IS NOT NULL").count();
        long unbounded = spark.sql("SELECT * FROM critical_lr WHERE smallest_diverging_lr IS NULL").count();
        assertTrue(bounded > 0 && unbounded > 0, "the fixture has both kinds: " + bounded + ", " + unbounded);
        String section = section("critical");
        String shown = between(section, "<table class=\"critical\">", "</table>");
        assertEquals(bounded, count(shown, "<tr>") - 1, "rows with a boundary, under one header row");
        assertTrue(section.contains("<details class=\"folded\"><summary>" + unbounded
                + " rows without a boundary (no learning rate diverged at that \u03b1)</summary>"), section);
        String folded = between(section, "<table class=\"critical unbounded\">", "</table>");
        assertEquals(unbounded, count(folded, "<tr>") - 1);
    }

    @Test
    void everyStabilityMapHasAKeyToItsLightness() {
        assertEquals(2, count(html, "<svg class=\"heatmap\""));
        assertEquals(2, count(html, "<g class=\"lightness-scale\"><text x=\"70\" y=\""));
        assertTrue(html.contains(">median final loss: lighter = higher</text>"));
    }

    @Test
    void everySectionOpensWithHowToReadIt() {
        for (String id : List.of("invariance", "maps", "critical", "run")) {
            assertTrue(section(id).contains("<p class=\"how\"><b>How to read th"), id);
        }
    }

    @Test
    void theChartCodeIsInlineAndThePageLoadsNothing() {
        assertTrue(html.contains("<script>/*! uPlot "), "uPlot inlined");
        for (String fetching : List.of(" src=", "<link", "url(", "@import", "<iframe", "XMLHttpRequest")) {
            assertFalse(html.contains(fetching), fetching);
        }
    }

    @Test
    void numbersInTablesDoNotBreakAcrossLines() {
        assertTrue(html.contains("white-space:nowrap}"), "table cells keep their numbers on one line");
        assertTrue(html.contains("<div class=\"scroll\"><table class=\"invariance\">"), "a wide table scrolls instead");
    }

    @Test
    void chromiumDrawsEveryChartWithoutAConsoleMessage() throws IOException {
        Chromium chromium = Chromium.find(Path.of("target", "chromium"));
        Chromium.Page loaded = chromium.load(page, 1280, 1000);
        assertEquals(List.of(), loaded.console(), "console messages");
        assertTrue(loaded.dom().contains("<html lang=\"en\" data-rendered=\"" + CHARTS + "\">"),
                "charts.js marks the page once it has drawn every chart");
        assertEquals(CHARTS, count(loaded.dom(), " live-ok\">"), "each chart replaced its static picture");
        assertEquals(CHARTS, count(loaded.dom(), "<canvas"), "uPlot drew on a canvas");
        assertEquals(CHARTS, count(loaded.dom(), "<table class=\"live-key\">"));
        Files.createDirectories(SCREENS);
        for (int width : new int[] {1280, 1920}) {
            Path png = SCREENS.resolve("report-" + width + ".png");
            Files.deleteIfExists(png);
            assertEquals(List.of(), chromium.screenshot(page, png, width, 2400).console(), "console at " + width);
            byte[] head = Files.readAllBytes(png);
            assertEquals("\u0089PNG", new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    static List<JsonNode> chartData() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Matcher m = Pattern.compile("<script type=\"application/json\" class=\"chart-data\">(.*?)</script>").matcher(html);
        ObjectMapper json = new ObjectMapper();
        while (m.find()) {
            out.add(json.readTree(m.group(1)));
        }
        return out;
    }

    static String section(String id) {
        return between(html, "<section id=\"" + id + "\">", "</section>");
    }

    static String between(String s, String from, String to) {
        int i = s.indexOf(from);
        assertTrue(i >= 0, "no " + from);
        return s.substring(i, s.indexOf(to, i));
    }

    static int count(String s, String part) {
        return CurvePanelTest.count(s, part);
    }
}
