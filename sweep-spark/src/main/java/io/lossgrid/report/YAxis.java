package io.lossgrid.report;

/**
 * The y axis of a curve figure: a loss on a log scale, or a share (an accuracy) on a linear scale from 0 to 1.
 * It decides which values a figure can draw (a log axis only finite positive ones) and how the static and the
 * interactive chart scale them.
 */
enum YAxis {
    LOSS("loss (log)", true),
    BALANCED_ACCURACY("balanced accuracy", false);

    private final String label;
    private final boolean log;

    YAxis(String label, boolean log) {
        this.label = label;
        this.log = log;
    }

    String label() {
        return label;
    }

    boolean log() {
        return log;
    }

    /** True where {@code v} can be drawn on this axis: finite, and positive on a log axis. */
    boolean drawable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }
}
