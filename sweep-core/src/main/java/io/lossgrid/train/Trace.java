package io.lossgrid.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A trial's mini-batch trace: one entry per update, in order, from the first. Entry {@code i} is iteration
 * {@code i + 1} (the {@code (i+1)}-th update). Its {@code batchLoss} is the unscaled loss of the mini-batch that
 * update was computed from (the α-scaled score over α; NaN or infinite where training diverged), its
 * {@code gradNorm} the L2 norm of that mini-batch's mean gradient of the scaled loss, before the updater. With
 * full-batch training iteration {@code e} is epoch {@code e}, its batch the whole data set.
 *
 * @param epoch     per entry, the epoch its update belongs to, from 1, never decreasing
 * @param batchLoss per entry, the unscaled mini-batch loss
 * @param gradNorm  per entry, the norm of the mini-batch's mean gradient of the scaled loss
 */
public record Trace(int[] epoch, double[] batchLoss, double[] gradNorm) implements Serializable {
    /** A trace with no update recorded. */
    public static final Trace EMPTY = new Trace(new int[0], new double[0], new double[0]);

    public Trace {
        if (epoch == null || batchLoss == null || gradNorm == null) {
            throw new IllegalArgumentException("a trace has epoch, batchLoss and gradNorm arrays, found a null one");
        }
        if (batchLoss.length != epoch.length || gradNorm.length != epoch.length) {
            throw new IllegalArgumentException("a trace's arrays must have one length, found epoch " + epoch.length
                    + ", batchLoss " + batchLoss.length + " and gradNorm " + gradNorm.length);
        }
        for (int i = 0; i < epoch.length; i++) {
            if (epoch[i] < 1 || (i > 0 && epoch[i] < epoch[i - 1])) {
                throw new IllegalArgumentException("trace.epoch[" + i + "] must be >= 1 and not below the one before,"
                        + " found " + epoch[i]);
            }
        }
    }

    /** Updates recorded. */
    public int iterations() {
        return epoch.length;
    }

    /**
     * The trace of a full-batch trial whose curve has {@code rows} rows: update {@code e} (epoch {@code e}) was
     * computed from the whole data at the parameters of row {@code e - 1}, so its loss and gradient norm are that
     * row's. Of the rows, the first {@code updates} (at most {@code limit}) were the start of an update.
     */
    static Trace fullBatch(double[] loss, double[] gradNorm, int updates, int limit) {
        int n = Math.max(0, Math.min(updates, limit));
        int[] epoch = new int[n];
        Arrays.setAll(epoch, i -> i + 1);
        return new Trace(epoch, Arrays.copyOf(loss, n), Arrays.copyOf(gradNorm, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && Arrays.equals(epoch, t.epoch) && Arrays.equals(batchLoss, t.batchLoss)
                && Arrays.equals(gradNorm, t.gradNorm);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(epoch) + Arrays.hashCode(batchLoss)) + Arrays.hashCode(gradNorm);
    }

    @Override
    public String toString() {
        return "Trace[" + epoch.length + " iterations]";
    }
}
