package io.lossgrid.spec;

import java.util.Locale;

/**
 * Which network of a trial is saved ({@code output.models}): none, the one training ended with, or the one
 * at the trial's best recorded loss.
 */
public enum ModelOutput {
    /** No model is saved. */
    NONE,
    /** The network after the last epoch trained (for a diverged trial, the one it diverged with). */
    FINAL,
    /**
     * The network at the trial's best recorded row (an epoch's row, row 0 included): the smallest validation loss
     * where the data has a validation set, else the smallest whole-data training loss.
     */
    BEST;

    /** True when trials save a network. */
    public boolean saves() {
        return this != NONE;
    }

    /** True when a trial keeps a copy of its parameters at its smallest loss while it trains. */
    public boolean keepsBest() {
        return this == BEST;
    }

    /** The spelling in a spec: {@code none}, {@code final} or {@code best}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
