package io.lossgrid.train;

import static io.lossgrid.train.Runs.LINEAR;
import static io.lossgrid.train.Runs.ZERO_LINEAR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** Mini-batch traces ({@code training.trace}): their length, their values against DL4J and by hand, divergence. */
class TraceTest {
    private static TrialResult run(Trial trial, TrainingSpec training) {
        return Runs.run(LINEAR, trial, training, OutcomeRules.DEFAULT);
    }

    private static Trial sgd(double alpha, double lr) {
        return Runs.trial(LINEAR, ZERO_LINEAR, new Optimizer.Sgd(), alpha, lr, 3);
    }

    @Test
    void aFullBatchTraceHoldsOneUpdatePerEpochUpToItsLimitWithTheCurvesRows() {
        TrialResult r = run(sgd(10, 0.001), new TrainingSpec(100, TrainingSpec.FULL_BATCH, DataType.FLOAT).traced(30));
        Trace t = r.trace();
        assertEquals(30, t.iterations(), "min(30 asked, 100 updates)");
        for (int i = 0; i < 30; i++) {
            assertEquals(i + 1, t.epoch()[i], "update i + 1 is epoch i + 1");
            assertEquals(r.loss()[i], t.batchLoss()[i], "the loss the update started from: the curve's row " + i);
            assertEquals(r.gradNorm()[i], t.gradNorm()[i], "the gradient the update received: the curve's row " + i);
        }
    }

    @Test
    void aTraceLongerThanTheTrainingHoldsEveryUpdate() {
        TrialResult full = run(sgd(1, 0.01), new TrainingSpec(10, TrainingSpec.FULL_BATCH, DataType.FLOAT).traced(500));
        assertEquals(10, full.trace().iterations());
        // 200 examples in batches of 32: six of 32 and one of 8, 7 updates per epoch.
        TrialResult mini = run(sgd(1, 0.01), new TrainingSpec(3, 32, DataType.FLOAT).traced(500));
        assertEquals(21, mini.trace().iterations());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3},
                mini.trace().epoch());
    }

    @Test
    void aMiniBatchTraceStopsAtItsLimit() {
        TrialResult r = run(sgd(1, 0.01), new TrainingSpec(3, 32, DataType.FLOAT).traced(10));
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 2, 2, 2}, r.trace().epoch());
        assertEquals(3, r.metrics().epochsRun(), "the trace's limit does not shorten training");
    }

    @Test
    void withoutATraceInTheSpecAResultHasNone() {
        assertNull(run(sgd(1, 0.01), new TrainingSpec(3, 32, DataType.FLOAT)).trace());
        assertNull(Runs.linear("sgd", 1, 0.01).trace());
    }

    @Test
    void batchLossTimesAlphaIsDl4jsScoreForThatBatchAndGradNormItsMeanGradientsNorm() {
        double alpha = 10;
        Trial trial = sgd(alpha, 0.002);
        TrainingSpec training = new TrainingSpec(2, 32, DataType.FLOAT).traced(14);
        Trace trace = run(trial, training).trace();
        assertEquals(14, trace.iterations());

        // The same network, trained the same way, asked for each batch's score before each update.
        MultiLayerNetwork net = Networks.build(trial, LINEAR, training);
        DataSet work = LINEAR.dataSet(DataType.FLOAT).copy();
        int i = 0;
        for (int e = 1; e <= 2; e++) {
            work.shuffle(Dl4jTrialRunner.shuffleSeed(trial, e));
            for (DataSet batch : work.batchBy(32)) {
                net.setInput(batch.getFeatures());
                net.setLabels(batch.getLabels());
                net.computeGradientAndScore();
                double score = net.score();
                double norm = net.gradient().gradient().norm2Number().doubleValue() / batch.numExamples();
                assertEquals(score, trace.batchLoss()[i] * alpha, 1e-6 * score, "score of update " + (i + 1));
                assertEquals(norm, trace.gradNorm()[i], 1e-6 * norm, "gradient norm of update " + (i + 1));
                net.fit(batch);
                i++;
            }
        }
        assertEquals(14, i);
    }

    @Test
    void gradNormIsTheNormOfAHandMadeGradientOfTheLinearQuadraticOnBothPaths() {
        double alpha = 10;
        double lr = 0.01;
        int n = LINEAR.rows();
        double[] expectedLoss = new double[3];
        double[] expectedNorm = new double[3];
        // Zero-initialised y ≈ w x + b under α · mean((w x + b - y)^2), plain SGD on the mean gradient.
        double w = 0;
        double b = 0;
        for (int it = 0; it < 3; it++) {
            double loss = 0;
            double gw = 0;
            double gb = 0;
            for (int j = 0; j < n; j++) {
                double x = LINEAR.x()[j];
                double r = w * x + b - LINEAR.y()[j];
                loss += r * r / n;
                gw += alpha * 2 * r * x / n;
                gb += alpha * 2 * r / n;
            }
            expectedLoss[it] = loss;
            expectedNorm[it] = Math.hypot(gw, gb);
            w -= lr * gw;
            b -= lr * gb;
        }
        // Full batch, and mini-batches of the whole data set (one batch per epoch, in shuffled order).
        for (int batch : new int[] {TrainingSpec.FULL_BATCH, n}) {
            Trace t = run(sgd(alpha, lr), new TrainingSpec(5, batch, DataType.DOUBLE).traced(3)).trace();
            for (int it = 0; it < 3; it++) {
                assertEquals(expectedLoss[it], t.batchLoss()[it], 1e-9 * expectedLoss[it], "batch " + batch + ", loss " + it);
                assertEquals(expectedNorm[it], t.gradNorm()[it], 1e-9 * expectedNorm[it], "batch " + batch + ", norm " + it);
            }
        }
    }

    @Test
    void aDivergingMiniBatchTrialsTraceHoldsTheNonFiniteBatchLossAtTheUpdateWhereItHappened() {
        TrialResult r = run(sgd(100, 1e30), new TrainingSpec(5, 32, DataType.FLOAT).traced(200));
        assertEquals(Status.DIVERGED, r.metrics().status());
        Trace t = r.trace();
        assertEquals(7, t.iterations(), "the parameters are checked after the first epoch's 7 updates, which ends it");
        assertTrue(Double.isFinite(t.batchLoss()[0]), "the first update starts from the zero initialisation");
        int first = firstNonFinite(t.batchLoss());
        assertTrue(first >= 1 && first < 7, "a non-finite batch loss within the epoch, found at " + first);
    }

    @Test
    void anExplodingFullBatchTrialsTraceEndsWithTheUpdateThatExploded() {
        // η = 10 is far past stable gradient descent on this quadratic: the loss explodes within a few epochs.
        TrialResult r = run(sgd(1, 10), new TrainingSpec(100, TrainingSpec.FULL_BATCH, DataType.FLOAT).traced(200));
        assertEquals(Status.DIVERGED, r.metrics().status());
        int d = r.metrics().divergedEpoch();
        Trace t = r.trace();
        assertEquals(d + 1, t.iterations(), "the update that started from the exploded row " + d + " is the last");
        assertEquals(r.loss()[d], t.batchLoss()[d]);
    }

    @Test
    void aTrialThatThrowsKeepsTheEmptyTraceRecordedBeforeIt() {
        ModelSpec identity = new ModelSpec(null, List.of(3), Activation.RELU, WeightInit.IDENTITY);
        Trial t = Runs.trial(LINEAR, identity, new Optimizer.Sgd(), 1, 0.01, 1);
        TrialResult r = run(t, new TrainingSpec(5, TrainingSpec.FULL_BATCH, DataType.FLOAT).traced(10));
        assertEquals(Status.FAILED, r.metrics().status());
        assertNotNull(r.trace());
        assertEquals(0, r.trace().iterations());
    }

    @Test
    void aPackedTrialsTraceIsTheSingleRunnersToFloatRoundingDivergedOrNot() {
        SweepSpec spec = SpecLoader.parse("""
                name: packed-trace
                data: {synthetic: {generator: linear, samples: 96, features: 3, slope: [2, -1, 0.5], noise: 0.2, seed: 11}}
                model: {type: linear, weightInit: xavier}
                loss: mse
                training: {epochs: 60, trace: {iterations: 40}}
                grid: {alpha: [0.5, 3], learningRate: [0.02, 0.4, 1e30], optimizer: [sgd], seed: [1]}
                """, Path.of("."));
        TrainingData data = spec.data().get(0).load(Path.of(".")).prepare(spec.losses().get(0));
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), List.of(data));
        List<Trial> trials = AllTrials.of(spec);
        List<TrialResult> packed = new PackedLinearRunner(plan).run(trials, data);
        Dl4jTrialRunner single = new Dl4jTrialRunner(plan);
        boolean sawDivergence = false;
        for (int k = 0; k < trials.size(); k++) {
            TrialResult one = single.run(trials.get(k), data);
            Trace a = one.trace();
            Trace b = packed.get(k).trace();
            sawDivergence |= one.metrics().status() == Status.DIVERGED;
            assertEquals(one.metrics().status(), packed.get(k).metrics().status(), trials.get(k).toString());
            assertArrayEquals(a.epoch(), b.epoch(), "updates of " + trials.get(k));
            for (int i = 0; i < a.iterations(); i++) {
                assertEquals(a.batchLoss()[i], b.batchLoss()[i], 1e-5 * Math.abs(a.batchLoss()[i]), "loss " + i);
                assertEquals(a.gradNorm()[i], b.gradNorm()[i], 1e-4 * Math.abs(a.gradNorm()[i]), "norm " + i);
            }
        }
        assertTrue(sawDivergence, "the grid holds a diverging trial");
    }

    @Test
    void aTraceRefusesArraysOfDifferentLengthsOrEpochsThatGoBack() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> new Trace(new int[] {1}, new double[0], new double[0]));
        assertEquals("a trace's arrays must have one length, found epoch 1, batchLoss 0 and gradNorm 0",
                lengths.getMessage());
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                () -> new Trace(new int[] {2, 1}, new double[2], new double[2]));
        assertEquals("trace.epoch[1] must be >= 1 and not below the one before, found 1", back.getMessage());
        assertFalse(Trace.EMPTY.iterations() > 0);
    }

    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
