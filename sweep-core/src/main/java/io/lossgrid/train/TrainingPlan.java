package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.TrainingSpec;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every trial of a sweep shares: how to train, how to judge, and the target loss per data set.
 *
 * <p>A trial's target is {@code convergence.targetLoss} when the spec gives one. Otherwise, for a
 * {@code linear} model under {@code mse}, it is the exact least-squares minimum of its data (computed
 * once, on the driver); otherwise there is none, and the outcome rules fall back to the plateau rule.
 *
 * @param linearOptimum least-squares minimum by data key, for data sets trained with mse
 */
public record TrainingPlan(TrainingSpec training, OutcomeRules rules, Map<String, Double> linearOptimum)
        implements Serializable {

    public TrainingPlan {
        linearOptimum = Map.copyOf(linearOptimum);
    }

    /** The plan for a spec's settings and its prepared data sets. */
    public static TrainingPlan of(TrainingSpec training, OutcomeRules rules, Iterable<TrainingData> data) {
        Map<String, Double> optimum = new LinkedHashMap<>();
        if (rules.targetLoss() == null) {
            for (TrainingData d : data) {
                if (d.loss() instanceof Loss.Mse) {
                    optimum.put(d.key(), d.leastSquaresMinimum());
                }
            }
        }
        return new TrainingPlan(training, rules, optimum);
    }

    /** The target loss of {@code trial}, or null if none is known. */
    public Double target(Trial trial) {
        if (rules.targetLoss() != null) {
            return rules.targetLoss();
        }
        if (trial.model().isLinear() && trial.loss() instanceof Loss.Mse) {
            return linearOptimum.get(trial.dataKey());
        }
        return null;
    }
}
