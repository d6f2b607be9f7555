package io.lossgrid.train;

import io.lossgrid.grid.Trial;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.outcome.TrialMetrics;
import java.io.Serializable;

/**
 * A finished trial: its metrics and its curve. {@code loss[e]} is the unscaled loss on the whole data
 * set after {@code e} epochs, {@code gradNorm[e]} the L2 norm of the whole-data mean gradient of the
 * scaled loss at the same parameters (with full-batch training, the gradient the next update received).
 *
 * @param error        the exception of a FAILED trial as {@code Class: message}, else null
 * @param trainMs      wall time spent on this trial, in milliseconds
 * @param runner       which runner trained it ({@code single}, {@code packed} or {@code distributed})
 * @param trace        its first updates' batch losses and gradient norms ({@code training.trace}), as far as it
 *                     trained (a trial that diverged or failed keeps those recorded before); null when the spec
 *                     asks for no trace
 * @param epochMetrics the validation and classification metrics of each row of {@code loss}, or null where the
 *                     trial records none (no validation set and a regression loss, or a trial that never trained)
 * @param modelPath    where its saved network is, relative to the results directory ({@code models/<trial_id>.zip});
 *                     null when none was saved
 */
public record TrialResult(Trial trial, TrialMetrics metrics, double[] loss, double[] gradNorm, String error,
                          long trainMs, String runner, Trace trace, EpochMetrics epochMetrics, String modelPath)
        implements Serializable {

    public TrialResult {
        if (epochMetrics != null && epochMetrics.valLoss() != null && epochMetrics.valLoss().length != loss.length) {
            throw new IllegalArgumentException("epochMetrics must have one row per row of loss (" + loss.length
                    + "), found " + epochMetrics.valLoss().length);
        }
    }

    /** A result without a trace, epoch metrics or a saved model. */
    public TrialResult(Trial trial, TrialMetrics metrics, double[] loss, double[] gradNorm, String error, long trainMs,
                       String runner) {
        this(trial, metrics, loss, gradNorm, error, trainMs, runner, null, null, null);
    }

    /** A result without a saved model. */
    public TrialResult(Trial trial, TrialMetrics metrics, double[] loss, double[] gradNorm, String error, long trainMs,
                       String runner, Trace trace, EpochMetrics epochMetrics) {
        this(trial, metrics, loss, gradNorm, error, trainMs, runner, trace, epochMetrics, null);
    }
}
