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
 * @param runner      which runner trained it ({@code single} or {@code packed})
 */
public record TrialResult(Trial trial, TrialMetrics metrics, double[] loss, double[] gradNorm, String error,
                          long trainMs, String runner) implements Serializable {
}
