package io.lossgrid.train;

import static io.lossgrid.train.Runs.LINEAR;
import static io.lossgrid.train.Runs.ZERO_LINEAR;
import static io.lossgrid.train.Runs.maxRelativeDifference;
import static io.lossgrid.train.Runs.meanSquareOfLabels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.DivergenceCause;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.outcome.Status;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.TrainingSpec;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/** Training one trial with DL4J: the curve's rows, divergence, failure, mini-batches and classification. */
class Dl4jTrialRunnerTest {
    private static final TrainingSpec FULL_100 = new TrainingSpec(100, TrainingSpec.FULL_BATCH, DataType.FLOAT);

    private static TrialResult run(Trial trial, TrainingData data, TrainingSpec training) {
        return Runs.run(data, trial, training, OutcomeRules.DEFAULT);
    }

    private static Trial linearTrial(Optimizer optimizer, double alpha, double lr, long seed) {
        return Runs.trial(LINEAR, ZERO_LINEAR, optimizer, alpha, lr, seed);
    }

    @Test
    void theFirstRowOfAZeroInitialisedLinearModelIsTheMeanSquareOfTheLabels() {
        double expected = meanSquareOfLabels(LINEAR);
        for (double alpha : new double[] {1, 10}) {
            TrialResult r = Runs.linear("sgd", alpha, 0.01);
            // The curve is unscaled: α does not change the loss before the first update.
            assertEquals(expected, r.loss()[0], 1e-6 * expected, "α = " + alpha);
            assertEquals(expected, r.metrics().initialLoss(), 1e-6 * expected);
        }
    }

    @Test
    void theFirstRowIsTheSameOnTheMiniBatchPath() {
        TrialResult r = run(linearTrial(new Optimizer.Sgd(), 1, 0.01, 1), LINEAR, new TrainingSpec(2, 32, DataType.FLOAT));
        assertEquals(meanSquareOfLabels(LINEAR), r.loss()[0], 1e-6 * meanSquareOfLabels(LINEAR));
    }

    @Test
    void inDoublePrecisionTheFirstRowMatchesToRounding() {
        TrialResult r = run(linearTrial(new Optimizer.Sgd(), 1, 0.01, 1), LINEAR,
                new TrainingSpec(1, TrainingSpec.FULL_BATCH, DataType.DOUBLE));
        assertEquals(meanSquareOfLabels(LINEAR), r.loss()[0], 1e-13 * meanSquareOfLabels(LINEAR));
    }

    @Test
    void theCurveHasARowBeforeTrainingAndOneAfterEachEpoch() {
        TrialResult r = Runs.linear("sgd", 1, 0.01);
        assertEquals(101, r.loss().length);
        assertEquals(101, r.gradNorm().length);
        assertEquals(100, r.metrics().epochsRun());
        assertEquals(r.loss()[100], r.metrics().finalLoss());
        assertNull(r.error());
        assertEquals("single", r.runner());
        assertTrue(r.trainMs() >= 0);
        for (int e = 1; e <= 100; e++) {
            assertTrue(r.loss()[e] < r.loss()[e - 1], "a small SGD step on a convex loss always descends, epoch " + e);
        }
    }

    @Test
    void theFirstGradientNormIsTheAnalyticMeanGradientNorm() {
        // At w = b = 0 the prediction is 0, so the gradient of α·mean((ŷ - y)^2) is
        // dw = α·2·mean((0 - y)·x) and db = α·2·mean(0 - y); the row records its L2 norm.
        double alpha = 10;
        double sxy = 0;
        double sy = 0;
        for (int i = 0; i < LINEAR.rows(); i++) {
            sxy += (double) LINEAR.x()[i] * LINEAR.y()[i];
            sy += LINEAR.y()[i];
        }
        double dw = alpha * 2 * (-sxy / LINEAR.rows());
        double db = alpha * 2 * (-sy / LINEAR.rows());
        double expected = Math.hypot(dw, db);
        TrialResult full = Runs.linear("sgd", alpha, 1e-3);
        assertEquals(expected, full.gradNorm()[0], 1e-5 * expected);
        TrialResult mini = run(linearTrial(new Optimizer.Sgd(), alpha, 1e-3, 1), LINEAR, new TrainingSpec(1, 50, DataType.FLOAT));
        assertEquals(expected, mini.gradNorm()[0], 1e-5 * expected, "the mini-batch path records the whole-data gradient");
    }

    @Test
    void aMiniBatchOfTheWholeDataSetFollowsTheFullBatchCurve() {
        // One batch of all 200 rows makes the same updates as full batch (up to the order of summation), so
        // both ways of recording rows must line up epoch for epoch.
        Trial t = linearTrial(new Optimizer.Sgd(), 1, 0.01, 1);
        TrialResult full = run(t, LINEAR, new TrainingSpec(15, TrainingSpec.FULL_BATCH, DataType.FLOAT));
        TrialResult oneBatch = run(t, LINEAR, new TrainingSpec(15, LINEAR.rows(), DataType.FLOAT));
        assertTrue(maxRelativeDifference(full.loss(), oneBatch.loss()) <= 1e-5);
        assertTrue(maxRelativeDifference(full.gradNorm(), oneBatch.gradNorm()) <= 1e-5);
    }

    @Test
    void miniBatchesTrainAndAreDeterministicForTheSameSeed() {
        TrainingSpec batches = new TrainingSpec(10, 32, DataType.FLOAT);
        TrialResult a = run(linearTrial(new Optimizer.Sgd(), 1, 0.05, 5), LINEAR, batches);
        TrialResult b = run(linearTrial(new Optimizer.Sgd(), 1, 0.05, 5), LINEAR, batches);
        TrialResult other = run(linearTrial(new Optimizer.Sgd(), 1, 0.05, 6), LINEAR, batches);
        assertEquals(11, a.loss().length);
        assertArrayEquals(a.loss(), b.loss());
        assertArrayEquals(a.gradNorm(), b.gradNorm());
        assertFalse(Arrays.equals(a.loss(), other.loss()), "the seed shuffles the batches");
        // 70 updates of 0.05 (η·t = 3.5) shrink the slow mode's excess to about e^(-2·3.5·2/3) ≈ 1%.
        assertTrue(a.metrics().finalLoss() < 0.25 * a.metrics().initialLoss());
        // 7 updates per epoch (six of 32, one of 8) against one: mini-batches get further in 10 epochs.
        TrialResult full = run(linearTrial(new Optimizer.Sgd(), 1, 0.05, 5), LINEAR,
                new TrainingSpec(10, TrainingSpec.FULL_BATCH, DataType.FLOAT));
        assertTrue(a.metrics().finalLoss() < full.metrics().finalLoss());
    }

    @Test
    void aHugeLearningRateDivergesAndTheCurveStopsAtTheDivergedEpoch() {
        // Stable gradient descent needs ηλ < 2 for the Hessian's largest eigenvalue λ ≈ 2; η = 10 is far past it.
        TrialResult r = Runs.linear("sgd", 1, 10);
        TrialMetrics m = r.metrics();
        assertEquals(Status.DIVERGED, m.status());
        assertEquals(DivergenceCause.EXPLOSION, m.divergenceCause());
        int d = m.divergedEpoch();
        assertTrue(d >= 1 && d < 100);
        assertEquals(d + 1, r.loss().length, "rows only up to the diverged epoch");
        assertEquals(d + 1, r.gradNorm().length);
        assertEquals(d, m.epochsRun());
        double limit = OutcomeRules.DEFAULT_EXPLOSION_FACTOR * r.loss()[0];
        assertTrue(r.loss()[d] > limit);
        for (int e = 0; e < d; e++) {
            assertTrue(r.loss()[e] <= limit, "no earlier epoch exploded: " + e);
        }
        assertEquals(r.loss()[d] / r.loss()[0], m.divergenceLossRatio(), 1e-12);
        assertEquals(r.gradNorm()[d], m.divergenceGradNorm());
    }

    @Test
    void aLearningRateThatOverflowsFloatDivergesWithANonFiniteCause() {
        TrialResult r = Runs.linear("sgd", 100, 1e38);
        TrialMetrics m = r.metrics();
        assertEquals(Status.DIVERGED, m.status());
        assertTrue(m.divergenceCause() == DivergenceCause.INF || m.divergenceCause() == DivergenceCause.NAN,
                String.valueOf(m.divergenceCause()));
        assertFalse(Double.isFinite(r.loss()[m.divergedEpoch()]));
        assertEquals(m.divergedEpoch() + 1, r.loss().length);
    }

    @Test
    void aTrialThatThrowsBecomesFailedWithItsErrorAndTheRunnerDoesNotThrow() {
        // DL4J's identity init needs square weights; a 1 -> 3 hidden layer is not.
        ModelSpec identity = new ModelSpec(null, List.of(3), Activation.RELU, WeightInit.IDENTITY);
        Trial t = Runs.trial(LINEAR, identity, new Optimizer.Sgd(), 1, 0.01, 1);
        IllegalStateException direct = assertThrows(IllegalStateException.class, () -> Networks.build(t, LINEAR, FULL_100));

        TrialResult r = run(t, LINEAR, FULL_100);
        assertEquals(Status.FAILED, r.metrics().status());
        assertEquals("java.lang.IllegalStateException: " + direct.getMessage(), r.error());
        assertTrue(r.error().contains("IDENTITY"), r.error());
        assertFalse(r.error().contains("\n"));
        assertEquals(0, r.loss().length);
        assertEquals(0, r.metrics().epochsRun());
        assertNull(r.metrics().initialLoss());
        assertNull(r.metrics().targetLoss(), "an mlp has no least-squares target");
    }

    @Test
    void identityInitOfSquareLayersTrains() {
        ModelSpec square = new ModelSpec(null, List.of(1), Activation.IDENTITY, WeightInit.IDENTITY);
        TrialResult r = run(Runs.trial(LINEAR, square, new Optimizer.Sgd(), 1, 0.01, 1), LINEAR,
                new TrainingSpec(5, TrainingSpec.FULL_BATCH, DataType.FLOAT));
        assertNull(r.error());
        assertEquals(6, r.loss().length);
    }

    @Test
    void xentOnBlobsConvergesBelowItsInitialLoss() {
        TrialResult r = run(Runs.trial(Runs.BLOBS, ZERO_LINEAR, new Optimizer.Sgd(), 1, 0.1, 1), Runs.BLOBS, FULL_100);
        // Zero weights give every class probability 1/3: the cross-entropy starts at ln 3.
        assertEquals(Math.log(3), r.loss()[0], 1e-6);
        // Centres 3·sqrt(3) ≈ 5.2 apart at spread 1 are nearly linearly separable: the loss must fall far below ln 3.
        assertTrue(r.metrics().finalLoss() < 0.2 * r.metrics().initialLoss(), "final " + r.metrics().finalLoss());
        assertNull(r.metrics().targetLoss(), "no least-squares target for xent");
        assertNull(r.metrics().divergedEpoch());
    }

    @Test
    void aLinearMseTrialIsJudgedAgainstItsLeastSquaresMinimum() {
        TrialResult r = Runs.linear("adam", 1, 0.1);
        double optimum = LINEAR.leastSquaresMinimum();
        assertEquals(optimum, r.metrics().targetLoss());
        assertEquals(Status.CONVERGED, r.metrics().status());
        assertNotNull(r.metrics().epochsToTarget());
        for (double l : r.loss()) {
            assertTrue(l >= optimum * (1 - 1e-5), "no linear model beats least squares: " + l);
        }
    }

    @Test
    void aTargetGivenInTheSpecReplacesTheLeastSquaresMinimum() {
        OutcomeRules withTarget = OutcomeRules.DEFAULT.withTarget(1.0);
        TrialResult r = Runs.run(LINEAR, linearTrial(new Optimizer.Sgd(), 1, 0.01, 1), FULL_100, withTarget);
        assertEquals(1.0, r.metrics().targetLoss());
        assertEquals(Status.CONVERGED, r.metrics().status());
    }
}
