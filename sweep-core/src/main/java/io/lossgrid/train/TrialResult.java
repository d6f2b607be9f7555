package io.lossgrid.train;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.TrialMetrics;
import java.io.Serializable;

/**
 * A finished trial: its metrics and its curve. {@code loss[e]} is the unscaled loss on the whole data
 * set after {@code e} epochs, {@code gradNorm[e]} the L2 norm of the whole-data mean gradient of the
 * scaled loss at the same parameters (with full-batch training, the gradient the next update received).
 *
 * @param error       the exception of a FAILED trial as {@code Class: message}, else null
 * @param trainMs     wall time spent on this trial, in milliseconds
 * @param runner      which runner trained it ({@code single}, {@code packed} or {@code distributed})
 * @param modelPath   where its saved network is, relative to the results directory ({@code models/<trial_id>.zip});
 *                    null when none was saved
 */
public record TrialResult(Trial trial, TrialMetrics metrics, double[] loss, double[] gradNorm, String error,
                          long trainMs, String runner, String modelPath) implements Serializable {
    /** A result without a saved model. */
    public TrialResult(Trial trial, TrialMetrics metrics, double[] loss, double[] gradNorm, String error, long trainMs,
                       String runner) {
        this(trial, metrics, loss, gradNorm, error, trainMs, runner, null);
    }
}
