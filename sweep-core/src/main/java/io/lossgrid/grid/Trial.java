package io.lossgrid.grid;

import io.lossgrid.base.Decimal;
import io.lossgrid.data.DataKey;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import java.io.Serializable;

/**
 * One cell of the grid: everything that makes a training run different from its neighbours. The
 * training settings and outcome rules shared by every trial of a sweep travel separately.
 *
 * @param id           stable id derived from the trial's content (see {@link TrialIds})
 * @param index        position in the sweep's fixed order, from 0
 * @param data         the data set's name
 * @param model        the network shape
 * @param loss         the loss
 * @param optimizer    the optimizer with its hyperparameters
 * @param alpha        the factor the loss is multiplied by before differentiation
 * @param learningRate the optimizer's learning rate
 * @param seed         seeds weight initialisation and mini-batch shuffling
 * @param round        the round of a search that ran it, from 0 (a grid has one round); not part of the id
 */
public record Trial(String id, int index, String data, ModelSpec model, Loss loss, Optimizer optimizer,
                    double alpha, double learningRate, long seed, int round) implements Serializable {

    public Trial {
        if (round < 0) {
            throw new IllegalArgumentException("a trial's round must be >= 0, found " + round);
        }
    }

    /** A trial of round 0 (a grid's only round). */
    public Trial(String id, int index, String data, ModelSpec model, Loss loss, Optimizer optimizer, double alpha,
                 double learningRate, long seed) {
        this(id, index, data, model, loss, optimizer, alpha, learningRate, seed, 0);
    }

    /**
     * α·lr, the step size plain SGD effectively takes, to 12 significant digits ({@link Decimal}): products equal
     * on paper are equal values.
     */
    public double effectiveLearningRate() {
        return Decimal.significant(alpha * learningRate);
    }

    /** The key of the {@link io.lossgrid.data.TrainingData} this trial trains on. */
    public String dataKey() {
        return DataKey.of(data, loss);
    }
}
