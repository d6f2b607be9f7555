package io.lossgrid.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Loss curves on a log-scaled y axis, one line per series; a line stops where its values stop being
 * finite and positive (a diverged curve ends there).
 */
final class LineChart {
    static final int W = 580;
    static final int H = 300;
    static final int LEFT = 62;
    static final int RIGHT = 150;
    static final int TOP = 28;
    static final int BOTTOM = 40;

    /** One curve: {@code y[e]} is the value at epoch {@code e}. */
    record Series(String label, double[] y, boolean dashed) {
    }

    private LineChart() {
    }

    static String render(String cssClass, String title, List<Series> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int epochs = 1;
        for (Series s : series) {
            epochs = Math.max(epochs, s.y().length - 1);
            for (double v : s.y()) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = 1e-3;
            hi = 1;
        }
        double yLo = Math.floor(Math.log10(lo));
        double yHi = Math.ceil(Math.log10(hi));
        if (yHi == yLo) {
            yHi += 1;
        }
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"").append(Svg.esc(cssClass)).append("\" width=\"").append(W).append("\" height=\"")
                .append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">\n");
        s.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"13\" font-weight=\"600\">")
                .append(Svg.esc(title)).append("</text>\n");
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"#fafafa\" stroke=\"#bbb\"/>\n");
        int decades = (int) (yHi - yLo);
        int step = Math.max(1, (int) Math.ceil(decades / 8.0));
        for (int d = (int) yLo; d <= yHi; d += step) {
            double y = TOP + plotH - (d - yLo) / (yHi - yLo) * plotH;
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW).append("\" y1=\"")
                    .append(Svg.px(y)).append("\" y2=\"").append(Svg.px(y)).append("\" stroke=\"#e3e3e3\"/>");
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.px(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\">1e").append(d).append("</text>\n");
        }
        int xStep = niceStep(epochs);
        for (int e = 0; e <= epochs; e += xStep) {
            double x = LEFT + (double) e / epochs * plotW;
            s.append("<text x=\"").append(Svg.px(x)).append("\" y=\"").append(TOP + plotH + 15)
                    .append("\" text-anchor=\"middle\" font-size=\"11\">").append(e).append("</text>");
        }
        s.append("<text x=\"").append(Svg.px(LEFT + plotW / 2.0)).append("\" y=\"").append(H - 6)
                .append("\" text-anchor=\"middle\" font-size=\"12\">epoch</text>\n");
        s.append("<text transform=\"translate(14,").append(Svg.px(TOP + plotH / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">loss (log)</text>\n");
        for (int i = 0; i < series.size(); i++) {
            Series ser = series.get(i);
            String color = Palette.series(i);
            List<String> pts = new ArrayList<>();
            for (int e = 0; e < ser.y().length; e++) {
                double v = ser.y()[e];
                if (!(v > 0) || !Double.isFinite(v)) {
                    break;
                }
                double x = LEFT + (double) e / epochs * plotW;
                double clamped = Math.max(yLo, Math.min(yHi, Math.log10(v)));
                double y = TOP + plotH - (clamped - yLo) / (yHi - yLo) * plotH;
                pts.add(Svg.px(x) + "," + Svg.px(y));
            }
            s.append("<polyline class=\"curve\" data-label=\"").append(Svg.esc(ser.label())).append("\" points=\"")
                    .append(String.join(" ", pts)).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"").append(ser.dashed() ? "2.5\" stroke-dasharray=\"6 4" : "1.8")
                    .append("\"><title>").append(Svg.esc(ser.label())).append("</title></polyline>\n");
            double ly = TOP + 10 + i * 15;
            if (i < 16) {
                s.append("<line x1=\"").append(LEFT + plotW + 8).append("\" x2=\"").append(LEFT + plotW + 28)
                        .append("\" y1=\"").append(Svg.px(ly - 4)).append("\" y2=\"").append(Svg.px(ly - 4))
                        .append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"")
                        .append(ser.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>");
                s.append("<text x=\"").append(LEFT + plotW + 32).append("\" y=\"").append(Svg.px(ly))
                        .append("\" font-size=\"11\">").append(Svg.esc(ser.label())).append("</text>\n");
            }
        }
        s.append("</svg>\n");
        return s.toString();
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
