package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.ShapesData;
import io.lossgrid.data.TrainingData;
import io.lossgrid.loss.LogitLoss;
import io.lossgrid.loss.Loss;
import io.lossgrid.metrics.Classification;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.spec.Convolution;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A classifier's training accuracy comes from the logits of the pass that gives its row. */
class RowLogitsTest {
    private static final ModelSpec MLP = new ModelSpec(null, List.of(16), Activation.RELU, WeightInit.XAVIER);
    private static final TrainingData IMAGES = new ShapesData(null, 24, 16, List.of("ring", "square", "cross"), null,
            0.3, 0).load(null).prepare(new Loss.Xent(List.of()));

    private static ModelSpec cnn(boolean batchNorm, double dropout) {
        return ModelSpec.cnn(null, new Convolution(List.of(4), 3, 2, batchNorm, dropout), List.of(8), Activation.RELU,
                WeightInit.RELU);
    }

    private static MultiLayerNetwork network(TrainingData data, ModelSpec model) {
        return Networks.build(Runs.trial(data, model, Optimizers.byName("adam"), 1, 0.01, 5), data,
                new TrainingSpec(1, 4, DataType.FLOAT));
    }

    /** The logits RowLogits collects over gradient passes of {@code chunk} examples at a time (0: all at once). */
    private static double[] rowPass(MultiLayerNetwork net, DataSet full, int outputs, int chunk) {
        RowLogits logits = new RowLogits(outputs);
        net.setListeners(logits);
        int n = full.numExamples();
        int step = chunk > 0 ? chunk : n;
        logits.arm(n);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            net.setInput(full.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            net.setLabels(full.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            net.computeGradientAndScore();
        }
        return logits.take();
    }

    /** Softmax of each row of m logits, in double. */
    private static double[] softmax(double[] logits, int m) {
        double[] out = new double[logits.length];
        double[] logp = new double[m];
        double[] p = new double[m];
        for (int i = 0; i < logits.length / m; i++) {
            LogitLoss.softmax(logits, i, m, logp, p);
            System.arraycopy(p, 0, out, i * m, m);
        }
        return out;
    }

    private static void assertSoftmaxIsTheNetworksOutput(MultiLayerNetwork net, DataSet full, double[] logits, int m) {
        double[] outputs = Buffers.read(net.output(full.getFeatures(), false));
        double[] probabilities = softmax(logits, m);
        for (int i = 0; i < outputs.length; i++) {
            assertEquals(outputs[i], probabilities[i], 1e-5, "output " + i);
        }
        int n = full.numExamples();
        assertArrayEquals(Classification.of(outputs, new float[n * m], m).predicted(),
                Classification.ofLogits(logits, 0, new float[n * m], m).predicted(), "the predicted classes");
    }

    @Test
    void theLogitsOfAnMlpsGradientPassAreTheOnesBehindItsOwnOutputs() {
        TrainingData data = Runs.BLOBS;
        MultiLayerNetwork net = network(data, MLP);
        DataSet full = data.dataSet(DataType.FLOAT);

        double[] logits = rowPass(net, full, 3, 0);

        assertEquals(150 * 3, logits.length);
        assertSoftmaxIsTheNetworksOutput(net, full, logits, 3);
    }

    @Test
    void aCnnsRowPassInSlicesGivesTheLogitsOfTheWholeSetInOrder() {
        MultiLayerNetwork net = network(IMAGES, cnn(false, 0));
        DataSet full = IMAGES.dataSet(DataType.FLOAT);

        double[] sliced = rowPass(net, full, 3, 5);

        assertSoftmaxIsTheNetworksOutput(net, full, sliced, 3);
        double[] whole = rowPass(net, full, 3, 0);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], sliced[i], 1e-5 * Math.max(1, Math.abs(whole[i])), "logit " + i);
        }
    }

    @Test
    void onlyANetworkWithoutBatchNormalizationOrDropoutTrainsWithItsInferencePass() {
        assertTrue(RowLogits.exact(network(Runs.BLOBS, MLP)), "an mlp");
        assertTrue(RowLogits.exact(network(IMAGES, cnn(false, 0))), "a plain cnn");
        assertFalse(RowLogits.exact(network(IMAGES, cnn(true, 0))), "batch normalization");
        assertFalse(RowLogits.exact(network(IMAGES, cnn(false, 0.3))), "dropout");
    }

    @Test
    void takingLogitsThatNoPassReportedSaysHowManyExamplesCame() {
        RowLogits logits = new RowLogits(3);
        logits.arm(10);

        IllegalStateException e = assertThrows(IllegalStateException.class, logits::take);

        assertEquals("the row's passes reported 0 examples' activations, expected 10", e.getMessage());
    }

    /**
     * The last row of a trial is recorded at its final parameters: its training accuracy must be the trained
     * network's own, full batch (the last gradient pass) and mini-batch (the row pass, in slices for a cnn), with
     * the logits taken from the pass or, for a network with dropout, from a forward pass of the metrics' own.
     */
    @Test
    void aTrainedTrialsLastRowHasTheAccuracyOfTheTrainedNetwork() {
        record Case(TrainingData data, ModelSpec model, TrainingSpec training) {
        }
        for (Case c : List.of(new Case(Runs.BLOBS, MLP, new TrainingSpec(20, TrainingSpec.FULL_BATCH, DataType.FLOAT)),
                new Case(Runs.BLOBS, MLP, new TrainingSpec(3, 32, DataType.FLOAT)),
                new Case(IMAGES, cnn(false, 0), new TrainingSpec(3, 8, DataType.FLOAT)),
                new Case(IMAGES, cnn(false, 0.3), new TrainingSpec(3, 8, DataType.FLOAT)))) {
            AtomicReference<MultiLayerNetwork> trained = new AtomicReference<>();
            TrialResult r = new Dl4jTrialRunner(TrainingPlan.of(c.training(), OutcomeRules.DEFAULT, List.of(c.data())))
                    .run(Runs.trial(c.data(), c.model(), Optimizers.byName("adam"), 1, 0.01, 5), c.data(), trained::set);
            EpochMetrics m = r.epochMetrics();
            int m3 = c.data().outputs();
            double[] outputs = Buffers.read(trained.get().output(c.data().dataSet(DataType.FLOAT).getFeatures(), false));
            double expected = Classification.of(outputs, c.data().y(), m3).accuracy();

            assertEquals(r.loss().length, m.accuracy().length, c.toString());
            assertEquals(expected, m.accuracy()[m.accuracy().length - 1], 1e-12, c.toString());
        }
    }
}
