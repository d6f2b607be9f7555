package io.lossgrid.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A figure of loss curves, written twice: as a static SVG with an HTML legend ({@link LineChart}), which
 * every viewer sees, and as JSON data that the page's script ({@code charts.js}) turns into an interactive
 * chart (values on hover, zoom, series and seeds toggled), hiding the static one once it has drawn.
 *
 * <p>The JSON (in a {@code <script type="application/json" class="chart-data">}) holds the title, the bands'
 * opacity, and per group its label,
 * colour, dash, median, low and high curves and, with several seeds, each seed's curve, and the y axis's label
 * and scale ({@code yLog}); a value the axis cannot show (not finite, or on a log axis not positive) is
 * {@code null}, and values keep six significant digits.
 *
 * @param kind   CSS classes of the figure, naming what it shows (e.g. {@code curves overlay kind-effective_lr})
 * @param title  the caption
 * @param groups the curves, at least one group
 * @param axis   what the y axis shows: a loss (log scale) or a balanced accuracy (linear, 0 to 1)
 * @param xLabel what the x axis counts: {@code epoch} for loss curves, {@code iteration} for traces
 * @param xFrom  the x value of each curve's first point: 0 for epochs (before any update), 1 for iterations
 */
record CurvePanel(String kind, String title, List<CurveGroup> groups, YAxis axis, String xLabel, int xFrom) {
    private static final ObjectMapper JSON = new ObjectMapper();

    CurvePanel {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("report curve panel '" + title + "': groups must hold at least one group of"
                    + " curves, found none; show a note instead of an empty chart");
        }
        if (axis == null) {
            throw new IllegalArgumentException("report curve panel '" + title + "': axis must be given (YAxis.LOSS for loss"
                    + " curves), found none");
        }
        groups = List.copyOf(groups);
        if (xLabel == null || xLabel.isBlank() || xFrom < 0) {
            throw new IllegalArgumentException("report curve panel '" + title + "': the x axis needs a label and a first"
                    + " value >= 0, found " + xLabel + " from " + xFrom);
        }
    }

    /** A panel of loss curves (log y axis) over epochs, from epoch 0. */
    CurvePanel(String kind, String title, List<CurveGroup> groups) {
        this(kind, title, groups, YAxis.LOSS);
    }

    /** A panel of curves on {@code axis} over epochs, from epoch 0. */
    CurvePanel(String kind, String title, List<CurveGroup> groups, YAxis axis) {
        this(kind, title, groups, axis, "epoch", 0);
    }

    /** A panel of loss curves (log y axis) over {@code xLabel}, from {@code xFrom}. */
    CurvePanel(String kind, String title, List<CurveGroup> groups, String xLabel, int xFrom) {
        this(kind, title, groups, YAxis.LOSS, xLabel, xFrom);
    }

    /** The figure: caption, static SVG and legend, the container the script draws into, and the data. */
    String html() {
        return "<figure class=\"chart " + Svg.esc(kind) + "\">\n<figcaption>" + Svg.escKeepNumbers(title) + "</figcaption>\n"
                + "<div class=\"static\">\n" + LineChart.render(this) + "</div>\n<div class=\"live\"></div>\n"
                + "<script type=\"application/json\" class=\"chart-data\">" + json() + "</script>\n</figure>\n";
    }

    /**
     * How opaque a band is: light enough that the bands of many groups laid over each other still let the
     * lines through (0.18 for up to three groups with bands, less beyond).
     */
    double bandOpacity() {
        long banded = groups.stream().filter(g -> g.seeds().size() > 1).count();
        return Math.round(Math.min(0.18, 0.54 / Math.max(1, banded)) * 1000) / 1000.0;
    }

    /** The chart's data as JSON that is safe inside a script element (no {@code <}, so no {@code </script>}). */
    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", title);
        root.put("bandOpacity", bandOpacity());
        root.put("yLabel", axis.label());
        root.put("yLog", axis.log());
        root.put("x", xLabel);
        root.put("xFrom", xFrom);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            CurveGroup g = groups.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", g.label());
            m.put("color", Palette.series(i));
            m.put("dashed", g.dashed());
            m.put("median", values(g.median(axis)));
            m.put("low", values(g.low(axis)));
            m.put("high", values(g.high(axis)));
            List<Map<String, Object>> seeds = new ArrayList<>();
            if (g.seeds().size() > 1) {
                for (SeedCurve c : g.seeds()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("seed", c.seed());
                    sm.put("loss", values(c.loss()));
                    seeds.add(sm);
                }
            }
            m.put("seeds", seeds);
            out.add(m);
        }
        root.put("groups", out);
        try {
            return JSON.writeValueAsString(root).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
        }
    }

    private List<Double> values(double[] y) {
        List<Double> out = new ArrayList<>(y.length);
        for (double v : y) {
            out.add(axis.drawable(v) ? Double.valueOf(String.format(Locale.ROOT, "%.6g", v)) : null);
        }
        return out;
    }
}
