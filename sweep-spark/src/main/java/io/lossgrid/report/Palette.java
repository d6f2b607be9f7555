package io.lossgrid.report;

import java.util.Map;

/** Colours: one per status (colour-blind-safe), a mark for the cells a colour alone should not carry, and series colours. */
final class Palette {
    private Palette() {
    }

    static final Map<String, String> STATUS = Map.of(
            "CONVERGED", "#1a9850",
            "NOT_CONVERGED", "#e6b422",
            "OSCILLATING", "#7b3294",
            "DIVERGED", "#d7301f",
            "FAILED", "#6b6b6b");

    static final Map<String, String> MARK = Map.of(
            "CONVERGED", "",
            "NOT_CONVERGED", "",
            "OSCILLATING", "~",
            "DIVERGED", "\u00d7",
            "FAILED", "!");

    static final String[] SERIES = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};

    static String status(String s) {
        return STATUS.getOrDefault(s, "#cccccc");
    }

    static String series(int i) {
        return SERIES[i % SERIES.length];
    }
}
