package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricMapTest {
    private static final List<MetricMap.Cell> CELLS = List.of(
            new MetricMap.Cell(1, 0.01, 0.97, "a"),
            new MetricMap.Cell(1, 0.1, 0.62, "b"),
            new MetricMap.Cell(10, 0.01, 0.5, "c"),
            new MetricMap.Cell(10, 0.1, Double.NaN, "every seed diverged"));

    @Test
    void theScaleRunsFromOneHalfToOneUnlessACellIsLower() {
        assertEquals(0.5, MetricMap.low(CELLS));
        assertEquals(0.3, MetricMap.low(List.of(new MetricMap.Cell(1, 1, 0.34, "low"))), 1e-12);
    }

    @Test
    void colourDarkensWithTheValueAndACellWithoutOneIsGrey() {
        assertEquals("#f7fbff", MetricMap.color(0.5, 0.5), "the low end is the lightest blue");
        assertEquals("#08306b", MetricMap.color(1, 0.5), "1 is the darkest");
        assertEquals("#6baed6", MetricMap.color(0.75, 0.5), "the middle of the scale");
        assertEquals("#bdbdbd", MetricMap.color(Double.NaN, 0.5));
        assertEquals("#08306b", MetricMap.color(1.2, 0.5), "values beyond the scale are clamped");
    }

    @Test
    void eachCellShowsItsValueAtItsPlaceAndTheKeyGivesTheScalesEnds() {
        String svg = MetricMap.render("sgd", "sgd · linear · bce · blobs", "best validation balanced accuracy", CELLS);
        assertEquals(4, CurvePanelTest.count(svg, "<g class=\"cell"));
        assertEquals(1, CurvePanelTest.count(svg, "<g class=\"cell no-value\""));
        assertTrue(svg.contains("data-alpha=\"1.0\" data-lr=\"0.01\" data-value=\"0.97\""), svg);
        assertTrue(svg.contains(">0.97</text>") && svg.contains(">0.62</text>") && svg.contains(">\u2013</text>"));
        assertTrue(svg.contains("<title>every seed diverged</title>"));
        assertTrue(svg.contains("best validation balanced accuracy: darker = higher"));
        assertTrue(svg.contains(">0.5</text>") && svg.contains(">1</text>"));
        int rowOfAlpha10 = svg.indexOf("data-alpha=\"10.0\" data-lr=\"0.01\"");
        assertTrue(svg.substring(rowOfAlpha10).contains("y=\"" + Heatmap.TOP + "\""), "the largest α is the top row");
    }
}
