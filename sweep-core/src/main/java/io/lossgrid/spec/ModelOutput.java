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
     * The network at the smallest whole-data training loss recorded (an epoch's row, row 0 included). Validation
     * loss is not measured yet; when it is, {@code best} should follow it.
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
