package io.lossgrid.outcome;

import java.io.Serializable;

/**
 * What the outcome rules make of one trial's loss curve. Loss values are unscaled (α removed).
 *
 * @param status              the trial's status
 * @param epochsRun           completed epochs (rows of the curve minus the row of epoch 0)
 * @param initialLoss         the loss before any update; null if training failed before it
 * @param finalLoss           the loss of the last row; null if there is none
 * @param minLoss             the smallest finite loss of the curve; null if there is none
 * @param divergedEpoch       the epoch at which divergence was detected, null if none
 * @param divergenceCause     why, null if not diverged
 * @param divergenceLossRatio loss at that epoch over the initial loss (NaN when the loss was NaN)
 * @param divergenceGradNorm  gradient norm recorded at that epoch
 * @param targetLoss          the target the convergence rule used, null if none was known
 * @param epochsToTarget      the first epoch whose loss reached the target, null if none did or no target
 * @param riseShare           share of the epochs in the second half of the curve whose loss rose
 * @param maxRise             largest relative rise, {@code (L[e] - L[e-1]) / L[e-1]}, in that half (0 if none)
 */
public record TrialMetrics(Status status, int epochsRun, Double initialLoss, Double finalLoss, Double minLoss,
                           Integer divergedEpoch, DivergenceCause divergenceCause, Double divergenceLossRatio,
                           Double divergenceGradNorm, Double targetLoss, Integer epochsToTarget, double riseShare,
                           double maxRise) implements Serializable {
}
