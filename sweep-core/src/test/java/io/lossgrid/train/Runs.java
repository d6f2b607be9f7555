package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lossgrid.data.BlobsData;
import io.lossgrid.data.LinearData;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import java.util.List;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

/** Small trials for the training tests: the seed problem's shape, trained with the real runner. */
final class Runs {
    /** y = 2x + 1 + 0.1 N(0, 1), x uniform in [-1, 1), 200 points. */
    static final TrainingData LINEAR = new LinearData(null, 200, 1, List.of(2.0), 1.0, 0.1, 7).load(null)
            .prepare(new Loss.Mse());
    /** Three Gaussian blobs in two features, 150 points, as one-hot labels. */
    static final TrainingData BLOBS = new BlobsData(null, 150, 2, 3, 3.0, 1.0, 3).load(null).prepare(new Loss.Xent());
    static final ModelSpec ZERO_LINEAR = ModelSpec.linear(WeightInit.ZERO);

    private Runs() {
    }

    static Trial trial(TrainingData data, ModelSpec model, Optimizer optimizer, double alpha, double lr, long seed) {
        return new Trial("test", 0, data.name(), model, data.loss(), optimizer, alpha, lr, seed);
    }

    static TrialResult run(TrainingData data, Trial trial, TrainingSpec training, OutcomeRules rules) {
        return new Dl4jTrialRunner(TrainingPlan.of(training, rules, List.of(data))).run(trial, data);
    }

    /** 100 full-batch float epochs of a zero-initialised linear model on {@link #LINEAR}, seed 42. */
    static TrialResult linear(Optimizer optimizer, double alpha, double lr) {
        return run(LINEAR, trial(LINEAR, ZERO_LINEAR, optimizer, alpha, lr, 42),
                new TrainingSpec(100, TrainingSpec.FULL_BATCH, DataType.FLOAT), OutcomeRules.DEFAULT);
    }

    static TrialResult linear(String optimizer, double alpha, double lr) {
        return linear(Optimizers.byName(optimizer), alpha, lr);
    }

    /** The largest of |a[e] - b[e]| / max(|a[e]|, |b[e]|) over all rows; the curves must have the same length. */
    static double maxRelativeDifference(double[] a, double[] b) {
        assertEquals(a.length, b.length, "curves of the same length");
        double max = 0;
        for (int e = 0; e < a.length; e++) {
            double scale = Math.max(Math.abs(a[e]), Math.abs(b[e]));
            max = Math.max(max, scale == 0 ? 0 : Math.abs(a[e] - b[e]) / scale);
        }
        return max;
    }

    /** mean(y^2) in double precision: the mse of a model that predicts 0. */
    static double meanSquareOfLabels(TrainingData data) {
        double s = 0;
        for (float v : data.y()) {
            s += (double) v * v;
        }
        return s / data.y().length;
    }
}
