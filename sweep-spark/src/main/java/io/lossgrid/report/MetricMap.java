package io.lossgrid.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A map of one validation metric over log α (rows, growing upwards) × log learning rate (columns), laid out
 * as the stability map beside it ({@link Heatmap}) so that the two read cell for cell: each cell is filled on a
 * sequential blue scale (darker = higher) from the scale's low end to 1 and shows its value; a cell with no value
 * (every seed diverged or failed before it was measured) is grey and marked with a dash. A key under the map gives
 * the scale's ends.
 */
final class MetricMap {
    /** ColorBrewer's "Blues", light to dark. */
    private static final int[][] BLUES = {{247, 251, 255}, {222, 235, 247}, {198, 219, 239}, {158, 202, 225},
        {107, 174, 214}, {66, 146, 198}, {33, 113, 181}, {8, 81, 156}, {8, 48, 107}};
    private static final String NO_VALUE = "#bdbdbd";
    private static final int SCALE_STEPS = 9;

    /**
     * One (α, lr) cell.
     *
     * @param value the metric (median over seeds), NaN where none was measured
     */
    record Cell(double alpha, double lr, double value, String tip) {
    }

    private MetricMap() {
    }

    /** The lowest value the colour scale shows: 0.5 (chance for two balanced classes) unless a cell is lower. */
    static double low(List<Cell> cells) {
        double lo = 0.5;
        for (Cell c : cells) {
            if (Double.isFinite(c.value())) {
                lo = Math.min(lo, Math.floor(c.value() * 10) / 10);
            }
        }
        return lo;
    }

    /** The fill of {@code value} on a scale from {@code lo} to 1: the Blues colour at its position, interpolated. */
    static String color(double value, double lo) {
        if (!Double.isFinite(value)) {
            return NO_VALUE;
        }
        double t = Math.max(0, Math.min(1, (value - lo) / (1 - lo)));
        double pos = t * (BLUES.length - 1);
        int i = Math.min(BLUES.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int[] a = BLUES[i];
        int[] b = BLUES[i + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /**
     * The map's SVG.
     *
     * @param metric names the metric in the title and the key, e.g. "best validation balanced accuracy"
     */
    static String render(String optimizer, String group, String metric, List<Cell> cells) {
        List<Double> lrs = new ArrayList<>(new TreeSet<>(cells.stream().map(Cell::lr).toList()));
        List<Double> alphas = new ArrayList<>(new TreeSet<>(cells.stream().map(Cell::alpha).toList()));
        double lo = low(cells);
        int left = Heatmap.LEFT;
        int top = Heatmap.TOP;
        int cw = Heatmap.CELL_W;
        int ch = Heatmap.CELL_H;
        // Wide enough for the key's caption (about 6 px a character at 11 px) as well as the grid.
        int w = Math.max(left + lrs.size() * cw + Heatmap.RIGHT, left + (metric.length() + 16) * 6);
        int h = top + alphas.size() * ch + Heatmap.BOTTOM + 40;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"metric-map\" data-optimizer=\"").append(Svg.esc(optimizer)).append("\" data-group=\"")
                .append(Svg.esc(group)).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\">\n");
        s.append("<title>").append(Svg.esc(metric + " of " + group)).append("</title>\n");
        for (Cell c : cells) {
            double x = left + lrs.indexOf(c.lr()) * cw;
            double y = top + (alphas.size() - 1 - alphas.indexOf(c.alpha())) * ch;
            boolean has = Double.isFinite(c.value());
            double t = has ? (c.value() - lo) / (1 - lo) : 0;
            s.append("<g class=\"cell").append(has ? "" : " no-value").append("\" data-alpha=\"").append(c.alpha())
                    .append("\" data-lr=\"").append(c.lr()).append("\" data-value=\"").append(has ? Svg.num(c.value()) : "")
                    .append("\"><title>").append(Svg.esc(c.tip())).append("</title>");
            s.append("<rect x=\"").append(Svg.px(x)).append("\" y=\"").append(Svg.px(y)).append("\" width=\"").append(cw - 1)
                    .append("\" height=\"").append(ch - 1).append("\" fill=\"").append(color(c.value(), lo)).append("\"/>");
            s.append("<text x=\"").append(Svg.px(x + cw / 2.0)).append("\" y=\"").append(Svg.px(y + ch / 2.0 + 4))
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"").append(t > 0.55 ? "#fff" : "#222")
                    .append("\">").append(has ? String.format(Locale.ROOT, "%.2f", c.value()) : "\u2013").append("</text>");
            s.append("</g>\n");
        }
        Heatmap.axes(s, lrs, alphas);
        s.append(key(metric, lo, top + alphas.size() * ch + Heatmap.BOTTOM));
        return s.append("</svg>\n").toString();
    }

    private static String key(String metric, double lo, int top) {
        StringBuilder s = new StringBuilder("<g class=\"metric-scale\"><text x=\"").append(Heatmap.LEFT).append("\" y=\"")
                .append(top + 10).append("\" font-size=\"11\">").append(Svg.esc(metric + ": darker = higher"))
                .append("</text>");
        double step = (double) Heatmap.SCALE_W / SCALE_STEPS;
        for (int i = 0; i < SCALE_STEPS; i++) {
            s.append("<rect x=\"").append(Svg.px(Heatmap.LEFT + i * step)).append("\" y=\"").append(top + 16)
                    .append("\" width=\"").append(Svg.px(step)).append("\" height=\"10\" fill=\"")
                    .append(color(lo + (1 - lo) * i / (SCALE_STEPS - 1), lo)).append("\"/>");
        }
        s.append("<text x=\"").append(Heatmap.LEFT - 6).append("\" y=\"").append(top + 25)
                .append("\" text-anchor=\"end\" font-size=\"11\">").append(Svg.esc(Svg.num(lo))).append("</text>");
        s.append("<text x=\"").append(Heatmap.LEFT + Heatmap.SCALE_W + 6).append("\" y=\"").append(top + 25)
                .append("\" font-size=\"11\">1</text>");
        return s.append("</g>\n").toString();
    }
}
