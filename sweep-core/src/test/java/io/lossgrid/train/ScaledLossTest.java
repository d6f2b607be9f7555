package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The α-scaled loss: every quantity DL4J asks of it is α times the inner loss's. */
class ScaledLossTest {
    private static final double ALPHA = 3.0;
    private static final IActivation IDENTITY = new ActivationIdentity();

    // Two examples, two outputs. MSE per example is the mean over outputs of (pre - label)^2:
    // row 0: (1 + 4) / 2 = 2.5; row 1: (4 + 9) / 2 = 6.5; mean 4.5. Its gradient w.r.t. the output is
    // 2 (pre - label) / 2 = pre - label.
    private static INDArray labels() {
        return Nd4j.create(new double[][] {{1, 2}, {3, 4}});
    }

    private static INDArray preOutput() {
        return Nd4j.create(new double[][] {{0, 0}, {1, 1}});
    }

    private final ScaledLoss scaled = new ScaledLoss(new LossMSE(), ALPHA);
    private final LossMSE inner = new LossMSE();

    @Test
    void theScoreIsAlphaTimesTheInnerScore() {
        double averaged = scaled.computeScore(labels(), preOutput(), IDENTITY, null, true);
        assertEquals(ALPHA * inner.computeScore(labels(), preOutput(), IDENTITY, null, true), averaged);
        assertEquals(3 * 4.5, averaged, 1e-12);
        double summed = scaled.computeScore(labels(), preOutput(), IDENTITY, null, false);
        assertEquals(ALPHA * inner.computeScore(labels(), preOutput(), IDENTITY, null, false), summed);
        assertEquals(3 * 9.0, summed, 1e-12);
    }

    @Test
    void perExampleScoresAreAlphaTimesTheInnerOnes() {
        INDArray scores = scaled.computeScoreArray(labels(), preOutput(), IDENTITY, null);
        assertEquals(inner.computeScoreArray(labels(), preOutput(), IDENTITY, null).mul(ALPHA), scores);
        assertEquals(Nd4j.create(new double[] {7.5, 19.5}).reshape(scores.shape()), scores);
    }

    @Test
    void theGradientIsAlphaTimesTheInnerGradient() {
        INDArray g = scaled.computeGradient(labels(), preOutput(), IDENTITY, null);
        assertEquals(inner.computeGradient(labels(), preOutput(), IDENTITY, null).mul(ALPHA), g);
        assertEquals(Nd4j.create(new double[][] {{-3, -6}, {-6, -9}}), g);
    }

    @Test
    void gradientAndScoreTogetherAreBothScaled() {
        Pair<Double, INDArray> p = scaled.computeGradientAndScore(labels(), preOutput(), IDENTITY, null, true);
        Pair<Double, INDArray> q = inner.computeGradientAndScore(labels(), preOutput(), IDENTITY, null, true);
        assertEquals(ALPHA * q.getFirst(), p.getFirst());
        assertEquals(q.getSecond().mul(ALPHA), p.getSecond());
        assertEquals(13.5, p.getFirst(), 1e-12);
    }

    @Test
    void aSoftmaxCrossEntropyIsScaledTheSameWay() {
        ScaledLoss xent = new ScaledLoss(new LossMCXENT(), 2.5);
        INDArray oneHot = Nd4j.create(new double[][] {{0, 1, 0}, {1, 0, 0}});
        INDArray pre = Nd4j.create(new double[][] {{0.2, -0.4, 1.0}, {0.0, 0.5, -0.5}});
        IActivation softmax = new ActivationSoftmax();
        assertEquals(2.5 * new LossMCXENT().computeScore(oneHot, pre.dup(), softmax, null, true),
                xent.computeScore(oneHot, pre.dup(), softmax, null, true));
        assertEquals(new LossMCXENT().computeGradient(oneHot, pre.dup(), softmax, null).mul(2.5),
                xent.computeGradient(oneHot, pre.dup(), softmax, null));
    }

    @Test
    void theLabelsAndOutputsPassedInAreLeftAlone() {
        INDArray l = labels();
        INDArray p = preOutput();
        scaled.computeGradientAndScore(l, p, IDENTITY, null, true);
        scaled.computeGradient(l, p, IDENTITY, null);
        scaled.computeScoreArray(l, p, IDENTITY, null);
        assertEquals(labels(), l);
        assertEquals(preOutput(), p);
    }

    @Test
    void aConfigurationWithAScaledLossSurvivesAJsonRoundTrip() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(new ScaledLoss(new LossMSE(), 10)).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        OutputLayer out = assertInstanceOf(OutputLayer.class, back.getConf(1).getLayer());
        ScaledLoss loss = assertInstanceOf(ScaledLoss.class, out.getLossFn());
        assertEquals(10.0, loss.alpha());
        assertInstanceOf(LossMSE.class, loss.inner());
        assertEquals(json, back.toJson());
    }

    @Test
    void alphaMustBePositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScaledLoss(new LossMSE(), bad));
            assertEquals("alpha must be > 0 and finite, found " + bad, e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> new ScaledLoss(null, 1));
    }

    @Test
    void equalityFollowsTheInnerLossAndAlpha() {
        assertEquals(new ScaledLoss(new LossMSE(), 2), new ScaledLoss(new LossMSE(), 2));
        assertEquals(new ScaledLoss(new LossMSE(), 2).hashCode(), new ScaledLoss(new LossMSE(), 2).hashCode());
        assertNotEquals(new ScaledLoss(new LossMSE(), 2), new ScaledLoss(new LossMSE(), 3));
        assertNotEquals(new ScaledLoss(new LossMSE(), 2), new ScaledLoss(new LossMCXENT(), 2));
        assertEquals("ScaledLoss(2.0 * " + new LossMSE().name() + ")", new ScaledLoss(new LossMSE(), 2).name());
    }
}
