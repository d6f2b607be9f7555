package io.lossgrid.outcome;

/**
 * Judges a loss curve. Pure: the same curve and rules always give the same metrics.
 *
 * <p>The status is decided in this order:
 * <ol>
 *   <li>{@code FAILED}: training threw (see {@link #failed});</li>
 *   <li>{@code DIVERGED}: a divergence was detected while training (the curve stops there);</li>
 *   <li>{@code CONVERGED}: a target is known and the final loss reaches it;</li>
 *   <li>{@code OSCILLATING}: in the second half of the run, at least {@code oscillationShare} of epochs raised
 *       the loss, and the largest rise was at least {@code minRise};</li>
 *   <li>{@code CONVERGED}: no target is known, and the last tenth of epochs (at least 5) made at most
 *       {@code plateauShare} of the total progress, which must be positive;</li>
 *   <li>{@code NOT_CONVERGED} otherwise.</li>
 * </ol>
 */
public final class Outcome {
    private Outcome() {
    }

    /**
     * Judges a curve of {@code rows} points (row e is the loss after e epochs).
     *
     * @param divergedEpoch the epoch where training stopped for divergence, or null
     * @param cause         its cause, or null
     * @param target        the target loss, or null if none is known
     */
    public static TrialMetrics judge(double[] loss, double[] gradNorm, int rows, Integer divergedEpoch,
                                     DivergenceCause cause, OutcomeRules rules, Double target) {
        if (rows == 0) {
            throw new IllegalArgumentException("a curve to judge has at least the row of epoch 0");
        }
        double initial = loss[0];
        double last = loss[rows - 1];
        Integer toTarget = target == null || !Double.isFinite(initial) ? null : epochsToTarget(loss, rows, rules, target);
        double[] rise = rises(loss, rows);
        Status status;
        if (divergedEpoch != null) {
            status = Status.DIVERGED;
        } else if (target != null && rules.reaches(last, initial, target)) {
            status = Status.CONVERGED;
        } else if (rise[0] >= rules.oscillationShare() && rise[1] >= rules.minRise()) {
            status = Status.OSCILLATING;
        } else if (target == null && plateaued(loss, rows, rules.plateauShare())) {
            status = Status.CONVERGED;
        } else {
            status = Status.NOT_CONVERGED;
        }
        Double ratio = divergedEpoch == null ? null : loss[divergedEpoch] / initial;
        Double divGrad = divergedEpoch == null ? null : gradNorm[divergedEpoch];
        return new TrialMetrics(status, rows - 1, initial, last, minFinite(loss, rows), divergedEpoch, cause, ratio,
                divGrad, target, toTarget, rise[0], rise[1]);
    }

    /** The metrics of a trial that threw after recording {@code rows} points (possibly none). */
    public static TrialMetrics failed(double[] loss, int rows, Double target) {
        Double initial = rows > 0 ? loss[0] : null;
        Double last = rows > 0 ? loss[rows - 1] : null;
        double[] rise = rises(loss, rows);
        return new TrialMetrics(Status.FAILED, Math.max(0, rows - 1), initial, last, rows > 0 ? minFinite(loss, rows) : null,
                null, null, null, null, target, null, rise[0], rise[1]);
    }

    static Integer epochsToTarget(double[] loss, int rows, OutcomeRules rules, double target) {
        for (int e = 0; e < rows; e++) {
            if (Double.isFinite(loss[e]) && rules.reaches(loss[e], loss[0], target)) {
                return e;
            }
        }
        return null;
    }

    /** {share of rising epochs, largest relative rise} over the second half of the curve. */
    static double[] rises(double[] loss, int rows) {
        int from = Math.max(1, rows / 2);
        int count = 0;
        int up = 0;
        double max = 0;
        for (int e = from; e < rows; e++) {
            double prev = loss[e - 1];
            double cur = loss[e];
            if (!Double.isFinite(prev) || !Double.isFinite(cur)) {
                continue;
            }
            count++;
            if (cur > prev) {
                up++;
                double rel = (cur - prev) / Math.max(Math.abs(prev), Double.MIN_NORMAL);
                max = Math.max(max, rel);
            }
        }
        return new double[] {count == 0 ? 0 : (double) up / count, max};
    }

    static boolean plateaued(double[] loss, int rows, double share) {
        int epochs = rows - 1;
        int window = Math.max(5, epochs / 10);
        if (epochs < window) {
            return false;
        }
        double total = loss[0] - loss[rows - 1];
        double tail = loss[rows - 1 - window] - loss[rows - 1];
        return total > 0 && Math.abs(tail) <= share * total;
    }

    static Double minFinite(double[] loss, int rows) {
        double min = Double.POSITIVE_INFINITY;
        for (int e = 0; e < rows; e++) {
            if (Double.isFinite(loss[e]) && loss[e] < min) {
                min = loss[e];
            }
        }
        return Double.isInfinite(min) ? null : min;
    }
}
