package io.lossgrid.train;

import static io.lossgrid.train.Runs.linear;
import static io.lossgrid.train.Runs.maxRelativeDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.spec.GridValues;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The question lossgrid exists to answer, on the seed problem (a zero-initialised linear model, 200 points,
 * 100 full-batch epochs): scaling the loss by α scales its gradient by α, which plain SGD and momentum
 * cannot tell from scaling the learning rate by α, and which adaptive optimizers barely notice at all.
 */
class AlphaScalingTest {

    /**
     * In exact arithmetic the two runs make identical updates (lr·α·g); in float they differ by rounding
     * (which multiplication happens first, and the division of the recorded score by α), measured at about
     * 4e-7 relative over 100 epochs. 1e-5 leaves a margin of 25 for other CPUs' float paths while staying
     * far below the differences of a real change of the effective learning rate (tens of percent).
     */
    private static final double EQUIVALENCE = 1e-5;

    /**
     * Adam's step is m/(sqrt(v) + ε) and α multiplies m by α and sqrt(v) by α, so α survives only through
     * ε/(α·sqrt(v)); with gradients of order 1 and ε = 1e-8 that is ~1e-8 per step (8e-8 over the whole
     * curve when run in double precision). In float the rounding noise dominates: measured 4e-7 for α 1 vs
     * 100 at lr 0.01, at most 3e-6 over all the adaptive optimizers below. 1e-4 leaves a margin of more than
     * 30 and is still four orders of magnitude below what the same change of α does to SGD (about 1).
     */
    private static final double ADAPTIVE_INVARIANCE = 1e-4;

    @Test
    void sgdWithAlphaTenAtATenthOfTheLearningRateRepeatsTheUnscaledCurve() {
        TrialResult scaled = linear("sgd", 10, 1e-3);
        TrialResult unscaled = linear("sgd", 1, 1e-2);
        assertEquals(101, scaled.loss().length);
        double diff = maxRelativeDifference(scaled.loss(), unscaled.loss());
        assertTrue(diff <= EQUIVALENCE, "largest relative difference " + diff);
        assertTrue(unscaled.metrics().finalLoss() < 0.25 * unscaled.metrics().initialLoss(), "the curves do move");
    }

    @Test
    void nesterovMomentumKeepsTheEquivalence() {
        TrialResult scaled = linear("nesterovs", 10, 1e-3);
        TrialResult unscaled = linear("nesterovs", 1, 1e-2);
        double diff = maxRelativeDifference(scaled.loss(), unscaled.loss());
        assertTrue(diff <= EQUIVALENCE, "largest relative difference " + diff);
    }

    @Test
    void theEquivalenceHoldsToDoublePrecisionWhenTrainingInDouble() {
        TrainingSpec inDouble = new TrainingSpec(100, TrainingSpec.FULL_BATCH, DataType.DOUBLE);
        TrialResult scaled = Runs.run(Runs.LINEAR, Runs.trial(Runs.LINEAR, Runs.ZERO_LINEAR, new Optimizer.Sgd(), 10, 1e-3, 1),
                inDouble, OutcomeRules.DEFAULT);
        TrialResult unscaled = Runs.run(Runs.LINEAR, Runs.trial(Runs.LINEAR, Runs.ZERO_LINEAR, new Optimizer.Sgd(), 1, 1e-2, 1),
                inDouble, OutcomeRules.DEFAULT);
        double diff = maxRelativeDifference(scaled.loss(), unscaled.loss());
        assertTrue(diff <= 1e-12, "largest relative difference " + diff);
    }

    @Test
    void sgdAtAFixedLearningRateIsNotInvariantInAlpha() {
        TrialResult small = linear("sgd", 1, 1e-3);
        TrialResult large = linear("sgd", 100, 1e-3);
        double diff = maxRelativeDifference(small.loss(), large.loss());
        assertTrue(diff > 0.5, "α = 100 is an effective learning rate 100 times larger: " + diff);
        assertTrue(large.loss()[10] < small.loss()[10]);
    }

    @Test
    void adamIsCloseToInvariantInAlpha() {
        double diff = maxRelativeDifference(linear("adam", 1, 0.01).loss(), linear("adam", 100, 0.01).loss());
        assertTrue(diff <= ADAPTIVE_INVARIANCE, "largest relative difference " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adamax", "nadam", "amsgrad", "adabelief", "adagrad", "rmsprop", "adadelta"})
    void theOtherAdaptiveOptimizersAreCloseToInvariantInAlphaToo(String optimizer) {
        double diff = maxRelativeDifference(linear(optimizer, 1, 0.01).loss(), linear(optimizer, 100, 0.01).loss());
        assertTrue(diff <= ADAPTIVE_INVARIANCE, "largest relative difference " + diff);
    }

    @Test
    void adamNoticesAlphaOnceEpsilonIsComparableToTheGradient() {
        // With ε = 1 and gradients of order 1, α = 1 takes steps of about m/(|g| + 1) and α = 100 of m/|g|.
        Optimizer bigEpsilon = GridValues.adam(0.9, 0.999, 1.0);
        double diff = maxRelativeDifference(linear(bigEpsilon, 1, 0.01).loss(), linear(bigEpsilon, 100, 0.01).loss());
        assertTrue(diff > 0.1, "largest relative difference " + diff);
    }

    @Test
    void theSeedSpecAnswersTheSeedQuestion() {
        SweepSpec spec = SpecLoader.load(Path.of("..", "conf", "seed.yaml"));
        TrainingData data = spec.data().get(0).load(spec.baseDir()).prepare(spec.losses().get(0));
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), List.of(data));
        Dl4jTrialRunner runner = new Dl4jTrialRunner(plan);
        List<Trial> trials = AllTrials.of(spec);
        TrialResult unscaled = runner.run(trials.get(0), data);
        TrialResult faster = runner.run(trials.get(1), data);
        TrialResult repeat = runner.run(trials.get(2), data);

        double diff = maxRelativeDifference(unscaled.loss(), repeat.loss());
        assertTrue(diff <= EQUIVALENCE, "α 10 at lr 0.001 against α 1 at lr 0.01: " + diff);
        assertEquals(unscaled.metrics().status(), repeat.metrics().status());
        // The mse Hessian is 2·E[(x, 1)(x, 1)^T] with x uniform in [-1, 1): eigenvalues near 2/3 and 2. Gradient
        // descent shrinks the excess loss along each by (1 - ηλ)^2 per epoch; after 100 epochs the slow one is
        // left at (1 - 0.1·2/3)^200 ≈ 1e-6 of its start for η = 0.1 (inside the 1e-3 tolerance) but at
        // (1 - 0.01·2/3)^200 ≈ 0.26 for η = 0.01. So α 10 at lr 0.01 reaches the least-squares target and
        // the two effective-0.01 cells do not; and with both steps stable (ηλ < 2), the larger one is lower
        // at every epoch.
        assertEquals(Status.CONVERGED, faster.metrics().status());
        assertEquals(data.leastSquaresMinimum(), faster.metrics().targetLoss());
        assertEquals(Status.NOT_CONVERGED, unscaled.metrics().status());
        assertNull(unscaled.metrics().epochsToTarget());
        for (int e = 1; e <= 100; e++) {
            assertTrue(faster.loss()[e] < unscaled.loss()[e], "epoch " + e);
        }
    }
}
