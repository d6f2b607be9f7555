package io.lossgrid.report;

import io.lossgrid.outcome.Status;
import java.util.EnumMap;
import java.util.Map;

/** Colours: one per status (colour-blind-safe), a mark for the cells a colour alone should not carry, and series colours. */
final class Palette {
    private Palette() {
    }

    private static final Map<Status, String> STATUS = new EnumMap<>(Map.of(
            Status.CONVERGED, "#1a9850",
            Status.NOT_CONVERGED, "#e6b422",
            Status.OSCILLATING, "#7b3294",
            Status.DIVERGED, "#d7301f",
            Status.FAILED, "#6b6b6b"));

    private static final Map<Status, String> MARK = new EnumMap<>(Map.of(
            Status.CONVERGED, "",
            Status.NOT_CONVERGED, "",
            Status.OSCILLATING, "~",
            Status.DIVERGED, "\u00d7",
            Status.FAILED, "!"));

    static final String[] SERIES = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};

    /** The colour of a status. */
    static String status(Status s) {
        return STATUS.get(s);
    }

    /** The glyph that marks a status in a stability map cell; empty for none. */
    static String mark(Status s) {
        return MARK.get(s);
    }

    static String series(int i) {
        return SERIES[i % SERIES.length];
    }
}
