package io.lossgrid.report;

import java.util.Arrays;

/**
 * One trial's loss curve: {@code loss[e]} is the whole-data loss after {@code e} epochs. A diverged trial's
 * curve is shorter than the others, or ends in a value that is not finite.
 *
 * @param seed the trial's seed, which names the curve in the chart's seed toggles
 * @param loss the loss per epoch, from epoch 0; not empty (copied, so the record stays immutable)
 */
record SeedCurve(long seed, double[] loss) {
    SeedCurve {
        if (loss == null || loss.length == 0) {
            throw new IllegalArgumentException("report curve of seed " + seed + ": loss must hold at least epoch 0, found "
                    + (loss == null ? "none" : "an empty curve") + "; a trial writes its epoch 0 before any update");
        }
        loss = loss.clone();
    }

    /** The loss at epoch {@code e}, or NaN past the curve's end. */
    double at(int e) {
        return e < loss.length ? loss[e] : Double.NaN;
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedCurve c && c.seed == seed && Arrays.equals(c.loss, loss);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Arrays.hashCode(loss);
    }

    @Override
    public String toString() {
        return "SeedCurve[seed=" + seed + ", epochs=" + (loss.length - 1) + "]";
    }
}
