package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.ShapesData;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.spec.Convolution;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Convolutional networks on synthetic shapes: their output per loss, what they learn, and their reproducible curves. */
class CnnTrainingTest {
    private static final ModelSpec SMALL = cnn(List.of(4, 8), List.of(16), false, 0);

    private static ModelSpec cnn(List<Integer> filters, List<Integer> dense, boolean batchNorm, double dropout) {
        return ModelSpec.cnn(null, new Convolution(filters, 3, 2, batchNorm, dropout), dense, Activation.RELU, WeightInit.RELU);
    }

    private static TrainingData shapes(int samples, List<String> classes, List<Double> weights, Loss loss) {
        return new ShapesData(null, samples, 16, classes, weights, 0.3, 0).load(null).prepare(loss);
    }

    private static Trial trial(TrainingData data, ModelSpec model, Optimizer optimizer, double lr, long seed) {
        return Runs.trial(data, model, optimizer, 1, lr, seed);
    }

    @Test
    void theOutputHasOneUnitPerClassUnderXentAndOneUnderMse() {
        record Case(List<String> classes, Loss loss, int outputs) {
        }
        for (Case c : List.of(new Case(List.of("ring", "square"), new Loss.Xent(List.of()), 2),
                new Case(List.of("ring", "disc", "cross"), new Loss.Xent(List.of()), 3),
                new Case(List.of("ring", "square"), new Loss.Mse(), 1))) {
            TrainingData data = shapes(12, c.classes(), null, c.loss());
            MultiLayerNetwork net = Networks.build(trial(data, SMALL, new Optimizer.Sgd(), 0.01, 1), data,
                    new TrainingSpec(1, 4, DataType.FLOAT));
            INDArray out = net.output(data.dataSet(DataType.FLOAT).getFeatures());
            assertArrayEquals(new long[] {12, c.outputs()}, out.shape(), c.toString());
            if (c.loss() instanceof Loss.Xent) {
                assertEquals(12.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
            }
        }
    }

    @Test
    void aCnnsWholeDataPassesGoThroughInSlicesOfBoundedMemoryAtLeastABatch() {
        TrainingSpec batches = new TrainingSpec(1, 4, DataType.FLOAT);
        TrainingData small = shapes(40, List.of("ring", "square"), null, new Loss.Xent(List.of()));
        MultiLayerNetwork smallNet = Networks.build(trial(small, SMALL, new Optimizer.Sgd(), 0.01, 1), small, batches);
        assertEquals(40, Networks.rowSlice(smallNet, small, batches), "40 images of 16x16 fit in one slice");

        TrainingData large = new ShapesData(null, 300, 96, List.of("ring", "square"), null, 0.3, 0).load(null)
                .prepare(new Loss.Xent(List.of()));
        ModelSpec wide = cnn(List.of(32, 32), List.of(16), false, 0);
        MultiLayerNetwork net = Networks.build(trial(large, wide, new Optimizer.Sgd(), 0.01, 1), large, batches);
        int slice = Networks.rowSlice(net, large, batches);
        // 96x96 images through 32 filters: over a MiB of training memory per image
        long perImage = net.getLayerWiseConfigurations().getMemoryReport(
                        org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(96, 96, 1))
                .getMemoryBytes(org.deeplearning4j.nn.conf.memory.MemoryType.ACTIVATIONS, 1,
                        org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING,
                        org.deeplearning4j.nn.conf.CacheMode.NONE, DataType.FLOAT);
        assertTrue(slice >= 4 && slice < 300, "slice " + slice);
        assertTrue((long) slice * perImage <= Networks.ROW_SLICE_BYTES, slice + " images of " + perImage + " bytes");

        TrainingSpec wideBatches = new TrainingSpec(1, 250, DataType.FLOAT);
        assertEquals(250, Networks.rowSlice(net, large, wideBatches), "never fewer than a batch");
    }

    @Test
    void theNetworkStacksTheBlocksTheSpecAsksFor() {
        TrainingData data = shapes(8, List.of("ring", "square"), null, new Loss.Xent(List.of()));
        MultiLayerNetwork plain = Networks.build(trial(data, SMALL, new Optimizer.Sgd(), 0.01, 1), data,
                new TrainingSpec(1, 4, DataType.FLOAT));
        // conv(1->4, 3x3) + pool, conv(4->8, 3x3) + pool, 16x16 -> 4x4x8 = 128 -> dense 16 -> 2
        assertEquals(4 * 9 + 4 + 8 * 4 * 9 + 8 + 128 * 16 + 16 + 16 * 2 + 2, plain.numParams());
        assertEquals(6, plain.getnLayers());
        ModelSpec normed = cnn(List.of(4), List.of(), true, 0);
        MultiLayerNetwork bn = Networks.build(trial(data, normed, new Optimizer.Sgd(), 0.01, 1), data,
                new TrainingSpec(1, 4, DataType.FLOAT));
        assertEquals(5, bn.getnLayers(), "conv, batch norm, activation, pool, then the output layer");
    }

    @Test
    void aCnnWithoutImageDataIsRefusedNamingTheModelAndTheData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Networks.build(
                trial(Runs.BLOBS, SMALL, new Optimizer.Sgd(), 0.01, 1), Runs.BLOBS, new TrainingSpec(1, 4, DataType.FLOAT)));
        assertEquals("model cnn(4-8,k3,p2,d16) is a cnn and needs image data, but data blobs has no image shape",
                e.getMessage());
    }

    /**
     * 600 images of rings (30%) and squares (70%): a quarter of each class held out (seeded), 8 epochs of Adam on the
     * rest. Predicting the majority class has balanced accuracy 0.5; the network must reach at least 0.8.
     */
    @Test
    void aShortTrainingBeatsTheMajorityBaselineOnHeldOutImages() {
        TrainingData all = shapes(600, List.of("ring", "square"), List.of(0.3, 0.7), new Loss.Xent(List.of()));
        Split split = Split.stratified(all, 0.25, 11);
        AtomicReference<MultiLayerNetwork> trained = new AtomicReference<>();
        TrainingSpec training = new TrainingSpec(8, 32, DataType.FLOAT);
        TrialResult r = new Dl4jTrialRunner(TrainingPlan.of(training, OutcomeRules.DEFAULT, List.of(split.train())))
                .run(trial(split.train(), SMALL, Optimizers.byName("adam"), 0.01, 3), split.train(), trained::set);
        assertNull(r.error(), r.error());
        INDArray out = trained.get().output(split.held().dataSet(DataType.FLOAT).getFeatures());
        double balanced = balancedAccuracy(out, split.held());
        double majority = 0.5;
        assertTrue(balanced >= majority + 0.3, "balanced accuracy " + balanced + " on " + split.held().rows()
                + " held-out images, majority baseline " + majority);
        assertTrue(r.loss()[r.loss().length - 1] < 0.5 * r.loss()[0], "the training loss fell: " + r.loss()[0] + " -> "
                + r.loss()[r.loss().length - 1]);
    }

    @Test
    void theSameSeedGivesTheSameCnnCurveTwice() {
        TrainingData data = shapes(96, List.of("ring", "square"), List.of(0.1, 0.9), new Loss.Xent(List.of()));
        ModelSpec model = cnn(List.of(4), List.of(8), true, 0.3);
        TrainingSpec training = new TrainingSpec(3, 16, DataType.FLOAT);
        double[] a = Runs.run(data, trial(data, model, Optimizers.byName("adam"), 0.01, 5), training, OutcomeRules.DEFAULT).loss();
        Nd4j.getRandom().setSeed(123); // whatever ran before, the trial reseeds what dropout draws from
        double[] b = Runs.run(data, trial(data, model, Optimizers.byName("adam"), 0.01, 5), training, OutcomeRules.DEFAULT).loss();
        double[] c = Runs.run(data, trial(data, model, Optimizers.byName("adam"), 0.01, 6), training, OutcomeRules.DEFAULT).loss();
        assertEquals(4, a.length);
        assertArrayEquals(a, b);
        assertTrue(a[3] != c[3], "another seed, another curve: " + a[3] + " and " + c[3]);
    }

    @Test
    void theMiniBatchRowsMeasuredABatchAtATimeMatchOneWholeDataPass() {
        TrainingData data = shapes(100, List.of("ring", "square"), null, new Loss.Xent(List.of()));
        Trial t = trial(data, SMALL, new Optimizer.Sgd(), 0.01, 2);
        double chunked = Runs.run(data, t, new TrainingSpec(1, 32, DataType.FLOAT), OutcomeRules.DEFAULT).loss()[0];
        double whole = Runs.run(data, t, new TrainingSpec(1, TrainingSpec.FULL_BATCH, DataType.FLOAT), OutcomeRules.DEFAULT)
                .loss()[0];
        assertEquals(whole, chunked, 1e-5 * whole);
    }

    /** Mean over classes of the share of that class's examples predicted as it (argmax of the output). */
    private static double balancedAccuracy(INDArray out, TrainingData data) {
        int k = data.outputs();
        int[] hit = new int[k];
        int[] total = new int[k];
        for (int i = 0; i < data.rows(); i++) {
            int label = argmax(data.y(), i * k, k);
            int predicted = out.getRow(i).argMax().getInt(0);
            total[label]++;
            hit[label] += predicted == label ? 1 : 0;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            assertTrue(total[c] > 0, "class " + c + " is held out too");
            sum += (double) hit[c] / total[c];
        }
        return sum / k;
    }

    private static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            best = v[from + j] > v[from + best] ? j : best;
        }
        return best;
    }

    /** A seeded stratified split: {@code share} of each class held out. */
    private record Split(TrainingData train, TrainingData held) {
        static Split stratified(TrainingData d, double share, long seed) {
            int k = d.outputs();
            List<List<Integer>> byClass = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                byClass.add(new ArrayList<>());
            }
            for (int i = 0; i < d.rows(); i++) {
                byClass.get(argmax(d.y(), i * k, k)).add(i);
            }
            List<Integer> train = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            Random random = new Random(seed);
            for (List<Integer> rows : byClass) {
                java.util.Collections.shuffle(rows, random);
                int h = (int) Math.round(rows.size() * share);
                held.addAll(rows.subList(0, h));
                train.addAll(rows.subList(h, rows.size()));
            }
            return new Split(subset(d, train, "train"), subset(d, held, "held"));
        }

        private static TrainingData subset(TrainingData d, List<Integer> rows, String name) {
            float[] x = new float[rows.size() * d.inputs()];
            float[] y = new float[rows.size() * d.outputs()];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(d.x(), rows.get(r) * d.inputs(), x, r * d.inputs(), d.inputs());
                System.arraycopy(d.y(), rows.get(r) * d.outputs(), y, r * d.outputs(), d.outputs());
            }
            return new TrainingData(name, d.loss(), rows.size(), d.inputs(), x, d.outputs(), y, d.image());
        }
    }
}
