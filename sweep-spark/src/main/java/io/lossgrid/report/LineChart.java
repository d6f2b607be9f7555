package io.lossgrid.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The static picture of a {@link CurvePanel}, for viewers without scripts (and what the interactive chart
 * replaces once it has drawn): per group its median curve on the panel's y axis ({@link YAxis}: a loss on a
 * log scale, or a balanced accuracy on a linear one from 0 to 1) and, where it has several seeds, a band from
 * the lowest to the highest seed. A line stops where its values stop being drawable on that axis (a diverged
 * loss curve ends there). The SVG scales with its container (viewBox); the
 * legend is HTML beside it, so long labels wrap instead of being clipped.
 */
final class LineChart {
    static final int W = 520;
    static final int H = 280;
    static final int LEFT = 58;
    static final int RIGHT = 14;
    static final int TOP = 10;
    static final int BOTTOM = 40;

    private LineChart() {
    }

    /** The SVG of the panel's medians and bands, then its legend as an HTML list. */
    static String render(CurvePanel panel) {
        List<CurveGroup> groups = panel.groups();
        YAxis axis = panel.axis();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int epochs = 1;
        for (CurveGroup g : groups) {
            epochs = Math.max(epochs, g.length() - 1);
            for (SeedCurve c : g.seeds()) {
                for (double v : c.loss()) {
                    if (axis.drawable(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!(lo <= hi)) {
            lo = 1e-3;
            hi = 1;
        }
        Scale scale = axis.log() ? new Scale(Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi)), epochs, axis)
                : new Scale(Math.min(0, Math.floor(lo)), Math.max(1, Math.ceil(hi)), epochs, axis);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"curves-static\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(Svg.esc(panel.title())).append("\">\n");
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(Scale.PLOT_W)
                .append("\" height=\"").append(Scale.PLOT_H).append("\" fill=\"#fafafa\" stroke=\"#bbb\"/>\n");
        axes(s, scale, panel.xLabel(), panel.xFrom());
        for (int i = 0; i < groups.size(); i++) {
            CurveGroup g = groups.get(i);
            String color = Palette.series(i);
            if (g.seeds().size() > 1) {
                s.append(band(scale, g.low(axis), g.high(axis), color, panel.bandOpacity()));
            }
            s.append("<polyline class=\"curve\" data-label=\"").append(Svg.esc(g.label())).append("\" points=\"")
                    .append(String.join(" ", points(scale, g.median(axis)))).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"").append(g.dashed() ? "2.5\" stroke-dasharray=\"6 4" : "1.8")
                    .append("\"><title>").append(Svg.esc(g.label())).append("</title></polyline>\n");
        }
        s.append("</svg>\n<ul class=\"key\">");
        for (int i = 0; i < groups.size(); i++) {
            CurveGroup g = groups.get(i);
            s.append("<li><i style=\"border-color:").append(Palette.series(i)).append("\"")
                    .append(g.dashed() ? " class=\"dashed\"" : "").append("></i>").append(Svg.esc(g.label()))
                    .append(g.seeds().size() > 1 ? " <small>(" + g.seeds().size() + " seeds)</small>" : "").append("</li>");
        }
        return s.append("</ul>\n").toString();
    }

    /** Maps epochs and values to the plot's pixels; on a log axis {@code yLo} and {@code yHi} are decades. */
    private record Scale(double yLo, double yHi, int epochs, YAxis axis) {
        static final int PLOT_W = W - LEFT - RIGHT;
        static final int PLOT_H = H - TOP - BOTTOM;

        Scale {
            if (yHi == yLo) {
                yHi = yLo + 1;
            }
        }

        double x(int epoch) {
            return LEFT + (double) epoch / epochs * PLOT_W;
        }

        double y(double value) {
            double clamped = Math.max(yLo, Math.min(yHi, axis.log() ? Math.log10(value) : value));
            return TOP + PLOT_H - (clamped - yLo) / (yHi - yLo) * PLOT_H;
        }
    }

    private static void axes(StringBuilder s, Scale scale, String xLabel, int xFrom) {
        for (double tick : ticks(scale)) {
            double y = scale.y(tick);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + Scale.PLOT_W).append("\" y1=\"")
                    .append(Svg.px(y)).append("\" y2=\"").append(Svg.px(y)).append("\" stroke=\"#e3e3e3\"/>");
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.px(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\">").append(Svg.num(tick)).append("</text>\n");
        }
        int xStep = niceStep(scale.epochs());
        for (int e = 0; e <= scale.epochs(); e += xStep) {
            s.append("<text x=\"").append(Svg.px(scale.x(e))).append("\" y=\"").append(TOP + Scale.PLOT_H + 15)
                    .append("\" text-anchor=\"middle\" font-size=\"11\">").append(e + xFrom).append("</text>");
        }
        s.append("<text x=\"").append(Svg.px(LEFT + Scale.PLOT_W / 2.0)).append("\" y=\"").append(H - 6)
                .append("\" text-anchor=\"middle\" font-size=\"12\">").append(Svg.esc(xLabel)).append("</text>\n");
        s.append("<text transform=\"translate(14,").append(Svg.px(TOP + Scale.PLOT_H / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">").append(Svg.esc(scale.axis().label()))
                .append("</text>\n");
    }

    /** The y axis's gridlines: decades (at most about eight) on a log axis, fifths of the range on a linear one. */
    private static List<Double> ticks(Scale scale) {
        List<Double> out = new ArrayList<>();
        if (scale.axis().log()) {
            int decades = (int) (scale.yHi() - scale.yLo());
            int step = Math.max(1, (int) Math.ceil(decades / 8.0));
            for (int d = (int) scale.yLo(); d <= scale.yHi(); d += step) {
                out.add(Math.pow(10, d));
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                out.add(Math.round((scale.yLo() + i * (scale.yHi() - scale.yLo()) / 5) * 1e9) / 1e9);
            }
        }
        return out;
    }

    /** The points of a curve up to its first value the axis cannot show. */
    private static List<String> points(Scale scale, double[] y) {
        List<String> pts = new ArrayList<>();
        for (int e = 0; e < y.length && scale.axis().drawable(y[e]); e++) {
            pts.add(Svg.px(scale.x(e)) + "," + Svg.px(scale.y(y[e])));
        }
        return pts;
    }

    /** The band between two curves as one polygon: along the high curve, back along the low one. */
    private static String band(Scale scale, double[] low, double[] high, String color, double opacity) {
        List<String> upper = points(scale, high);
        List<String> lower = points(scale, low);
        int n = Math.min(upper.size(), lower.size());
        if (n < 2) {
            return "";
        }
        List<String> pts = new ArrayList<>(upper.subList(0, n));
        for (int i = n - 1; i >= 0; i--) {
            pts.add(lower.get(i));
        }
        return "<polygon class=\"band\" points=\"" + String.join(" ", pts) + "\" fill=\"" + color
                + "\" fill-opacity=\"" + opacity + "\" stroke=\"none\"/>\n";
    }

    static int niceStep(int epochs) {
        for (int step : new int[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000}) {
            if (epochs / step <= 10) {
                return step;
            }
        }
        return Math.max(1, epochs / 10);
    }
}
