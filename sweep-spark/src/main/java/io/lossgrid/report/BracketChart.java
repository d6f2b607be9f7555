package io.lossgrid.report;

import java.util.List;
import java.util.Locale;

/**
 * The static log–log picture of a boundary search's brackets for one optimizer configuration (and data, model,
 * loss): α on x, α·lr on y. A {@link Kind#BRACKETED} α is a vertical bar from α·stable_lr to α·unstable_lr with
 * a dot at its critical α·lr; {@link Kind#STABLE_UP_TO} an open upward triangle at α·stable_lr (stable up to
 * there, the limit lies above); {@link Kind#UNSTABLE_FROM} an open downward triangle at α·unstable_lr. Every mark
 * carries {@code class="bracket kind-…"} and a {@code <title>} with its numbers.
 */
final class BracketChart {
    static final int W = 520;
    static final int H = 300;
    static final int LEFT = 62;
    static final int RIGHT = 14;
    static final int TOP = 12;
    static final int BOTTOM = 42;
    private static final int PLOT_W = W - LEFT - RIGHT;
    private static final int PLOT_H = H - TOP - BOTTOM;

    /** What a search found at one α. */
    enum Kind { BRACKETED, STABLE_UP_TO, UNSTABLE_FROM }

    /**
     * One α's bracket, as the {@code brackets} table has it.
     *
     * @param stableLr   the largest stable lr; null exactly for {@link Kind#UNSTABLE_FROM}
     * @param unstableLr the smallest unstable lr; null exactly for {@link Kind#STABLE_UP_TO}
     */
    record Point(double alpha, Double stableLr, Double unstableLr, Kind kind) {
        Point {
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("bracket.alpha must be > 0 and finite, found " + alpha);
            }
            if (kind == null) {
                throw new IllegalArgumentException("bracket.kind must be one of " + List.of(Kind.values()) + ", found null");
            }
            if ((stableLr == null) != (kind == Kind.UNSTABLE_FROM) || (unstableLr == null) != (kind == Kind.STABLE_UP_TO)) {
                throw new IllegalArgumentException("bracket at alpha " + alpha + " of kind " + kind
                        + " must have stable_lr " + (kind == Kind.UNSTABLE_FROM ? "null" : "set") + " and unstable_lr "
                        + (kind == Kind.STABLE_UP_TO ? "null" : "set") + ", found " + stableLr + " and " + unstableLr);
            }
        }

        /** The α·lr values this point draws. */
        double[] effective() {
            return switch (kind) {
                case BRACKETED -> new double[] {alpha * stableLr, alpha * unstableLr};
                case STABLE_UP_TO -> new double[] {alpha * stableLr};
                case UNSTABLE_FROM -> new double[] {alpha * unstableLr};
            };
        }
    }

    private BracketChart() {
    }

    /** The SVG of {@code points} (at least one), titled {@code title} for screen readers. */
    static String render(String title, List<Point> points) {
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            xLo = Math.min(xLo, p.alpha());
            xHi = Math.max(xHi, p.alpha());
            for (double v : p.effective()) {
                yLo = Math.min(yLo, v);
                yHi = Math.max(yHi, v);
            }
        }
        double dxLo = Math.floor(Math.log10(xLo) - 0.25);
        double dxHi = Math.ceil(Math.log10(xHi) + 0.25);
        double dyLo = Math.floor(Math.log10(yLo) - 0.25);
        double dyHi = Math.ceil(Math.log10(yHi) + 0.25);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"brackets-static\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(Svg.esc(title)).append("\">\n");
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(PLOT_W)
                .append("\" height=\"").append(PLOT_H).append("\" fill=\"#fafafa\" stroke=\"#bbb\"/>\n");
        for (int d = (int) dyLo; d <= dyHi; d += Math.max(1, (int) Math.ceil((dyHi - dyLo) / 8))) {
            String y = Svg.px(y(d, dyLo, dyHi));
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_W).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#e3e3e3\"/><text x=\"").append(LEFT - 6)
                    .append("\" y=\"").append(Svg.px(y(d, dyLo, dyHi) + 4)).append("\" text-anchor=\"end\" font-size=\"11\">")
                    .append(Svg.num(Math.pow(10, d))).append("</text>\n");
        }
        for (int d = (int) dxLo; d <= dxHi; d += Math.max(1, (int) Math.ceil((dxHi - dxLo) / 8))) {
            String x = Svg.px(x(d, dxLo, dxHi));
            s.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP)
                    .append("\" y2=\"").append(TOP + PLOT_H).append("\" stroke=\"#eee\"/><text x=\"").append(x)
                    .append("\" y=\"").append(TOP + PLOT_H + 15).append("\" text-anchor=\"middle\" font-size=\"11\">")
                    .append(Svg.num(Math.pow(10, d))).append("</text>\n");
        }
        s.append("<text x=\"").append(Svg.px(LEFT + PLOT_W / 2.0)).append("\" y=\"").append(H - 6)
                .append("\" text-anchor=\"middle\" font-size=\"12\">\u03b1 (log)</text>\n");
        s.append("<text transform=\"translate(14,").append(Svg.px(TOP + PLOT_H / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\u03b1\u00b7lr (log)</text>\n");
        String color = Palette.series(0);
        for (Point p : points) {
            double x = x(Math.log10(p.alpha()), dxLo, dxHi);
            String tip = Svg.esc(tip(p));
            s.append("<g class=\"bracket kind-").append(p.kind().name()).append("\" data-alpha=\"")
                    .append(p.alpha()).append("\"><title>").append(tip).append("</title>");
            switch (p.kind()) {
                case BRACKETED -> {
                    double y1 = y(Math.log10(p.alpha() * p.stableLr()), dyLo, dyHi);
                    double y2 = y(Math.log10(p.alpha() * p.unstableLr()), dyLo, dyHi);
                    double mid = (y1 + y2) / 2;
                    s.append(line(x, y1, x, y2, color, 3)).append(line(x - 6, y1, x + 6, y1, color, 2))
                            .append(line(x - 6, y2, x + 6, y2, color, 2)).append("<circle cx=\"").append(Svg.px(x))
                            .append("\" cy=\"").append(Svg.px(mid)).append("\" r=\"3\" fill=\"").append(color).append("\"/>");
                }
                case STABLE_UP_TO -> {
                    double y = y(Math.log10(p.alpha() * p.stableLr()), dyLo, dyHi);
                    s.append(line(x, y, x, y - 14, color, 2)).append(triangle(x, y - 14, -1, color));
                }
                case UNSTABLE_FROM -> {
                    double y = y(Math.log10(p.alpha() * p.unstableLr()), dyLo, dyHi);
                    s.append(line(x, y, x, y + 14, color, 2)).append(triangle(x, y + 14, 1, color));
                }
            }
            s.append("</g>\n");
        }
        return s.append("</svg>\n").toString();
    }

    private static String tip(Point p) {
        return switch (p.kind()) {
            case BRACKETED -> String.format(Locale.ROOT, "\u03b1=%s: stable at lr=%s (\u03b1\u00b7lr=%s), unstable at "
                            + "lr=%s (\u03b1\u00b7lr=%s)", Svg.num(p.alpha()), Svg.num(p.stableLr()),
                    Svg.num(p.alpha() * p.stableLr()), Svg.num(p.unstableLr()), Svg.num(p.alpha() * p.unstableLr()));
            case STABLE_UP_TO -> String.format(Locale.ROOT, "\u03b1=%s: stable up to lr=%s (\u03b1\u00b7lr=%s)",
                    Svg.num(p.alpha()), Svg.num(p.stableLr()), Svg.num(p.alpha() * p.stableLr()));
            case UNSTABLE_FROM -> String.format(Locale.ROOT, "\u03b1=%s: unstable from lr=%s (\u03b1\u00b7lr=%s)",
                    Svg.num(p.alpha()), Svg.num(p.unstableLr()), Svg.num(p.alpha() * p.unstableLr()));
        };
    }

    private static double x(double log, double lo, double hi) {
        return LEFT + (log - lo) / (hi - lo) * PLOT_W;
    }

    private static double y(double log, double lo, double hi) {
        return TOP + PLOT_H - (log - lo) / (hi - lo) * PLOT_H;
    }

    private static String line(double x1, double y1, double x2, double y2, String color, double width) {
        return "<line x1=\"" + Svg.px(x1) + "\" y1=\"" + Svg.px(y1) + "\" x2=\"" + Svg.px(x2) + "\" y2=\"" + Svg.px(y2)
                + "\" stroke=\"" + color + "\" stroke-width=\"" + width + "\"/>";
    }

    /** An open triangle whose tip is at (x, y), pointing up ({@code dir} -1) or down (+1). */
    private static String triangle(double x, double y, int dir, String color) {
        double base = y - dir * 9;
        return "<polygon points=\"" + Svg.px(x) + "," + Svg.px(y) + " " + Svg.px(x - 6) + "," + Svg.px(base) + " "
                + Svg.px(x + 6) + "," + Svg.px(base) + "\" fill=\"#fff\" stroke=\"" + color + "\" stroke-width=\"2\"/>";
    }
}
