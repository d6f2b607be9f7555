package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurvePanelTest {
    static final CurvePanel PANEL = new CurvePanel("curves overlay", "same lr = 0.1 </script>", List.of(
            new CurveGroup("α=1, lr=0.1", false, List.of(
                    new SeedCurve(1, new double[] {2, 1, 0.5}),
                    new SeedCurve(2, new double[] {4, 2, Double.NaN}))),
            new CurveGroup("α=10, lr=0.1", true, List.of(new SeedCurve(1, new double[] {2, 0.123456789, 0})))));

    @Test
    void theDataHoldsEveryGroupsMedianBandAndEachSeedWithNullsWhereALogAxisCannotGo() throws Exception {
        JsonNode root = new ObjectMapper().readTree(PANEL.json());
        assertEquals(0.18, root.get("bandOpacity").asDouble(), "one group with a band");
        JsonNode first = root.get("groups").get(0);
        assertEquals("[3.0,1.5,0.5]", first.get("median").toString());
        assertEquals("[2.0,1.0,0.5]", first.get("low").toString());
        assertEquals("[4.0,2.0,0.5]", first.get("high").toString());
        assertEquals(2, first.get("seeds").size());
        assertEquals("[4.0,2.0,null]", first.get("seeds").get(1).get("loss").toString());
        assertEquals(2, first.get("seeds").get(1).get("seed").asLong());
        JsonNode second = root.get("groups").get(1);
        assertEquals("[2.0,0.123457,null]", second.get("median").toString(), "six significant digits, null for 0");
        assertEquals(0, second.get("seeds").size(), "one seed is its own median: no separate seed curve");
        assertTrue(second.get("dashed").asBoolean());
        assertEquals(Palette.series(1), second.get("color").asText());
    }

    @Test
    void bandsGetLighterTheMoreOfThemAreLaidOverEachOther() {
        CurveGroup banded = PANEL.groups().get(0);
        List<CurveGroup> six = java.util.Collections.nCopies(6, banded);
        assertEquals(0.09, new CurvePanel("c", "six", six).bandOpacity());
    }

    @Test
    void theDataCannotEndTheScriptElementItStandsIn() {
        assertFalse(PANEL.json().contains("<"), PANEL.json());
        assertTrue(PANEL.json().contains("\\u003c/script>"));
    }

    @Test
    void theFigureCarriesTheStaticPictureWithItsBandTheLiveContainerAndTheData() {
        String html = PANEL.html();
        assertTrue(html.startsWith("<figure class=\"chart curves overlay\">"), html);
        assertEquals(1, count(html, "<polygon class=\"band\""), "a band for the group with two seeds only");
        assertEquals(2, count(html, "<polyline class=\"curve\""));
        assertTrue(html.contains("<li><i style=\"border-color:" + Palette.series(0) + "\"></i>α=1, lr=0.1 <small>(2 seeds)</small></li>"));
        assertTrue(html.contains("<div class=\"live\"></div>"));
        assertTrue(html.contains("<script type=\"application/json\" class=\"chart-data\">{\"title\""));
    }

    @Test
    void aPanelWithoutCurvesIsRefusedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CurvePanel("c", "same lr", List.of()));
        assertEquals("report curve panel 'same lr': groups must hold at least one group of curves, found none;"
                + " show a note instead of an empty chart", e.getMessage());
    }

    @Test
    void aBalancedAccuracyPanelKeepsZerosAndDrawsOnALinearAxisFromZeroToOne() throws Exception {
        CurvePanel panel = new CurvePanel("curves validation", "validation", List.of(new CurveGroup("α=1, lr=0.1", false,
                List.of(new SeedCurve(1, new double[] {0.5, 0, 0.9}), new SeedCurve(2, new double[] {0.5, 0.2, 1})))),
                YAxis.BALANCED_ACCURACY);
        JsonNode root = new ObjectMapper().readTree(panel.json());
        assertFalse(root.get("yLog").asBoolean());
        assertEquals("balanced accuracy", root.get("yLabel").asText());
        assertEquals("[0.5,0.1,0.95]", root.get("groups").get(0).get("median").toString(), "0 is a value on a linear axis");
        String html = panel.html();
        assertTrue(html.contains(">balanced accuracy</text>"), html);
        assertTrue(html.contains(">0.4</text>") && html.contains(">1</text>"), "ticks at fifths of 0 to 1");
        assertFalse(html.contains("loss (log)"));
    }

    @Test
    void aLossPanelSaysItsAxisIsALogOne() throws Exception {
        JsonNode root = new ObjectMapper().readTree(PANEL.json());
        assertTrue(root.get("yLog").asBoolean());
        assertEquals("loss (log)", root.get("yLabel").asText());
    }

    @Test
    void aPanelWithoutAnAxisIsRefusedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CurvePanel("c", "same lr", PANEL.groups(), null));
        assertEquals("report curve panel 'same lr': axis must be given (YAxis.LOSS for loss curves), found none",
                e.getMessage());
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aTracePanelNamesItsXAxisIterationAndCountsItFromOne() throws Exception {
        CurvePanel trace = new CurvePanel("curves trace", "sgd: diverged trials", List.of(new CurveGroup("α=10, lr=1",
                false, List.of(new SeedCurve(1, new double[] {3, 2, Double.POSITIVE_INFINITY})))), "iteration", 1);
        JsonNode root = new ObjectMapper().readTree(trace.json());
        assertEquals("iteration", root.get("x").asText());
        assertEquals(1, root.get("xFrom").asInt());
        String svg = LineChart.render(trace);
        assertTrue(svg.contains(">iteration</text>"), svg);
        assertTrue(svg.contains(">1</text>") && !svg.contains(">0</text>"), "ticks count from 1: " + svg);
        assertEquals("epoch", new ObjectMapper().readTree(PANEL.json()).get("x").asText(), "loss curves keep epochs");
    }

    @Test
    void aPanelWithoutAnXAxisLabelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CurvePanel("c", "t",
                PANEL.groups(), " ", 0));
        assertEquals("report curve panel 't': the x axis needs a label and a first value >= 0, found   from 0",
                e.getMessage());
    }
}
