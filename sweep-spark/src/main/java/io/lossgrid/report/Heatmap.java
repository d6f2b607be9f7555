package io.lossgrid.report;

import io.lossgrid.outcome.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The stability map of one optimizer: log α (rows, growing upwards) × log learning rate (columns),
 * each cell coloured by its status and lightened by its median final loss (darker is lower), diverged,
 * failed and oscillating cells also marked by a glyph, and the critical boundary (between the largest
 * stable and the smallest diverging learning rate of each α) drawn as a black step line.
 */
final class Heatmap {
    static final int CELL_W = 46;
    static final int CELL_H = 30;
    static final int LEFT = 70;
    static final int TOP = 14;
    static final int BOTTOM = 48;
    static final int RIGHT = 14;
    /** How far the highest median final loss of a map lightens its cell towards white. */
    static final double LIGHTEN = 0.65;
    static final int SCALE_STEPS = 8;
    static final int SCALE_W = 128;
    static final int SCALE_ROW = 12;

    /** One (α, lr) cell. */
    record Cell(double alpha, double lr, Status status, double medianFinalLoss, String tip) {
    }

    /** One α's critical bracket; either bound may be null. */
    record Bracket(double alpha, Double largestStable, Double smallestDiverging) {
    }

    private Heatmap() {
    }

    static String render(String optimizer, String group, List<Cell> cells, List<Bracket> brackets) {
        List<Double> lrs = new ArrayList<>(new TreeSet<>(cells.stream().map(Cell::lr).toList()));
        List<Double> alphas = new ArrayList<>(new TreeSet<>(cells.stream().map(Cell::alpha).toList()));
        int w = LEFT + lrs.size() * CELL_W + RIGHT;
        int h = TOP + alphas.size() * CELL_H + BOTTOM;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Cell c : cells) {
            if (c.status() != Status.DIVERGED && c.medianFinalLoss() > 0 && Double.isFinite(c.medianFinalLoss())) {
                lo = Math.min(lo, Math.log10(c.medianFinalLoss()));
                hi = Math.max(hi, Math.log10(c.medianFinalLoss()));
            }
        }
        if (hi > lo) {
            h += scaleHeight(cells);
            w = Math.max(w, LEFT + SCALE_W + 60);
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"heatmap\" data-optimizer=\"").append(Svg.esc(optimizer)).append("\" data-group=\"")
                .append(Svg.esc(group)).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\">\n");
        s.append("<title>").append(Svg.esc("Stability map of " + group)).append("</title>\n");
        for (Cell c : cells) {
            int col = lrs.indexOf(c.lr());
            int row = alphas.size() - 1 - alphas.indexOf(c.alpha());
            double x = LEFT + col * CELL_W;
            double y = TOP + row * CELL_H;
            s.append("<g class=\"cell status-").append(c.status()).append("\" data-alpha=\"").append(c.alpha())
                    .append("\" data-lr=\"").append(c.lr()).append("\">");
            s.append("<title>").append(Svg.esc(c.tip())).append("</title>");
            s.append("<rect x=\"").append(Svg.px(x)).append("\" y=\"").append(Svg.px(y)).append("\" width=\"")
                    .append(CELL_W - 1).append("\" height=\"").append(CELL_H - 1).append("\" fill=\"")
                    .append(Palette.status(c.status())).append("\"/>");
            if (c.status() != Status.DIVERGED && hi > lo && c.medianFinalLoss() > 0 && Double.isFinite(c.medianFinalLoss())) {
                double t = (Math.log10(c.medianFinalLoss()) - lo) / (hi - lo);
                s.append("<rect x=\"").append(Svg.px(x)).append("\" y=\"").append(Svg.px(y)).append("\" width=\"")
                        .append(CELL_W - 1).append("\" height=\"").append(CELL_H - 1)
                        .append("\" fill=\"#ffffff\" fill-opacity=\"").append(Svg.px(LIGHTEN * t)).append("\"/>");
            }
            String mark = Palette.mark(c.status());
            if (!mark.isEmpty()) {
                s.append("<text class=\"mark\" x=\"").append(Svg.px(x + CELL_W / 2.0)).append("\" y=\"")
                        .append(Svg.px(y + CELL_H / 2.0 + 6)).append("\" text-anchor=\"middle\" font-size=\"17\" fill=\"#fff\">")
                        .append(Svg.esc(mark)).append("</text>");
            }
            s.append("</g>\n");
        }
        s.append(boundary(brackets, lrs, alphas));
        axes(s, lrs, alphas);
        if (hi > lo) {
            s.append(lightnessScale(cells, lo, hi, TOP + alphas.size() * CELL_H + BOTTOM));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /**
     * The labels of an α × lr grid of cells (shared by the stability map and {@link MetricMap}, so the two read cell
     * for cell): each learning rate under its column, "learning rate" under them, each α left of its row (the
     * largest on top) and "α (loss scale)" turned along them.
     */
    static void axes(StringBuilder s, List<Double> lrs, List<Double> alphas) {
        for (int i = 0; i < lrs.size(); i++) {
            double x = LEFT + i * CELL_W + CELL_W / 2.0;
            s.append("<text x=\"").append(Svg.px(x)).append("\" y=\"").append(TOP + alphas.size() * CELL_H + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"11\">").append(Svg.esc(Svg.num(lrs.get(i)))).append("</text>\n");
        }
        s.append("<text x=\"").append(Svg.px(LEFT + lrs.size() * CELL_W / 2.0)).append("\" y=\"")
                .append(TOP + alphas.size() * CELL_H + 38).append("\" text-anchor=\"middle\" font-size=\"12\">learning rate</text>\n");
        for (int j = 0; j < alphas.size(); j++) {
            double y = TOP + (alphas.size() - 1 - j) * CELL_H + CELL_H / 2.0 + 4;
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.px(y))
                    .append("\" text-anchor=\"end\" font-size=\"11\">").append(Svg.esc(Svg.num(alphas.get(j)))).append("</text>\n");
        }
        s.append("<text transform=\"translate(16,").append(Svg.px(TOP + alphas.size() * CELL_H / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\u03b1 (loss scale)</text>\n");
    }

    /** The statuses whose cells the map lightens by their median final loss (not DIVERGED), in the statuses' order. */
    private static List<Status> lightened(List<Cell> cells) {
        return cells.stream().filter(c -> c.status() != Status.DIVERGED && CurveGroup.drawable(c.medianFinalLoss()))
                .map(Cell::status).distinct().sorted().toList();
    }

    private static int scaleHeight(List<Cell> cells) {
        return 22 + lightened(cells).size() * SCALE_ROW + 4;
    }

    /**
     * The key to the cells' lightness: per status present (diverged cells are not lightened), its colour in
     * {@link #SCALE_STEPS} steps from the map's lowest median final loss (darkest) to its highest (lightest),
     * the two ends labelled with their values.
     */
    private static String lightnessScale(List<Cell> cells, double lo, double hi, int top) {
        StringBuilder s = new StringBuilder("<g class=\"lightness-scale\">");
        s.append("<text x=\"").append(LEFT).append("\" y=\"").append(top + 10)
                .append("\" font-size=\"11\">median final loss: lighter = higher</text>");
        int y = top + 16;
        double step = (double) SCALE_W / SCALE_STEPS;
        for (Status st : lightened(cells)) {
            for (int i = 0; i < SCALE_STEPS; i++) {
                double x = LEFT + i * step;
                s.append("<rect x=\"").append(Svg.px(x)).append("\" y=\"").append(y).append("\" width=\"")
                        .append(Svg.px(step)).append("\" height=\"").append(SCALE_ROW - 2).append("\" fill=\"")
                        .append(Palette.status(st)).append("\"/><rect x=\"").append(Svg.px(x)).append("\" y=\"").append(y)
                        .append("\" width=\"").append(Svg.px(step)).append("\" height=\"").append(SCALE_ROW - 2)
                        .append("\" fill=\"#ffffff\" fill-opacity=\"")
                        .append(Svg.px(LIGHTEN * i / (SCALE_STEPS - 1))).append("\"/>");
            }
            y += SCALE_ROW;
        }
        int mid = top + 16 + (y - top - 16) / 2 + 4;
        s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(mid).append("\" text-anchor=\"end\" font-size=\"11\">")
                .append(Svg.esc(Svg.num(Math.pow(10, lo)))).append("</text>");
        s.append("<text x=\"").append(LEFT + SCALE_W + 6).append("\" y=\"").append(mid).append("\" font-size=\"11\">")
                .append(Svg.esc(Svg.num(Math.pow(10, hi)))).append("</text>");
        return s.append("</g>\n").toString();
    }

    /** The critical boundary as a step line through the gaps between each α's stable and diverging columns. */
    private static String boundary(List<Bracket> brackets, List<Double> lrs, List<Double> alphas) {
        StringBuilder s = new StringBuilder();
        List<String> points = new ArrayList<>();
        Map<Double, Bracket> byAlpha = new java.util.HashMap<>();
        brackets.forEach(b -> byAlpha.put(b.alpha(), b));
        for (int j = 0; j < alphas.size(); j++) {
            Bracket b = byAlpha.get(alphas.get(j));
            Double x = b == null ? null : edge(b, lrs);
            double yTop = TOP + (alphas.size() - 1 - j) * CELL_H;
            if (x == null) {
                flush(s, points);
                continue;
            }
            points.add(Svg.px(x) + "," + Svg.px(yTop + CELL_H));
            points.add(Svg.px(x) + "," + Svg.px(yTop));
        }
        flush(s, points);
        return s.toString();
    }

    private static Double edge(Bracket b, List<Double> lrs) {
        if (b.smallestDiverging() == null) {
            return null;
        }
        int div = lrs.indexOf(b.smallestDiverging());
        if (div < 0) {
            return null;
        }
        if (b.largestStable() == null || b.largestStable() > b.smallestDiverging()) {
            return (double) LEFT + div * CELL_W;
        }
        int stable = lrs.indexOf(b.largestStable());
        return (LEFT + (stable + 1) * CELL_W + LEFT + div * CELL_W) / 2.0 - 0.5;
    }

    private static void flush(StringBuilder s, List<String> points) {
        if (points.size() >= 2) {
            s.append("<polyline class=\"boundary\" points=\"").append(String.join(" ", points))
                    .append("\" fill=\"none\" stroke=\"#000\" stroke-width=\"3\" stroke-linejoin=\"round\"/>\n");
        }
        points.clear();
    }
}
