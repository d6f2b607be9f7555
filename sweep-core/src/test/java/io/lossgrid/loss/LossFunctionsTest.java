package io.lossgrid.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The DL4J loss functions themselves: their rules, their refusals, their numerical range and their manners. */
class LossFunctionsTest {
    private static final IActivation IDENTITY = new ActivationIdentity();
    private static final IActivation SOFTMAX = new ActivationSoftmax();

    private static INDArray m(double[][] rows) {
        return Nd4j.create(rows).castTo(DataType.DOUBLE);
    }

    @Test
    void theConstructorsApplyTheSpecsRules() {
        assertEquals("posWeight must be > 0 and finite, found -1",
                assertThrows(SpecException.class, () -> new LossBceWithLogits(-1)).getMessage());
        assertEquals("gamma must be >= 0 and finite, found NaN",
                assertThrows(SpecException.class, () -> new LossFocal(Double.NaN, null, null)).getMessage());
        assertEquals("balance must be in [0, 1], found -0.5",
                assertThrows(SpecException.class, () -> new LossFocal(2, -0.5, null)).getMessage());
        assertEquals("classWeights[2] must be > 0 and finite, found Infinity",
                assertThrows(SpecException.class, () -> new LossXent(new double[] {1, 1, Double.POSITIVE_INFINITY}))
                        .getMessage());
    }

    @Test
    void bceFromLogitsStaysExactWhereAProbabilityWouldRoundToZeroOrOne() {
        ILossFunction bce = new LossBceWithLogits();
        INDArray z = m(new double[][] {{-1000}, {1000}, {800}});
        INDArray y = m(new double[][] {{1}, {0}, {1}});
        // softplus(1000) = 1000 for the first two, softplus(-800) = e^-800 ≈ 0 for the third: mean 2000/3.
        assertEquals(2000.0 / 3, bce.computeScore(y, z, IDENTITY, null, true), 1e-9);
        INDArray g = bce.computeGradient(y, z, IDENTITY, null);
        assertEquals(m(new double[][] {{-1}, {1}, {0}}), g);
    }

    @Test
    void crossEntropyFromLogitsStaysExactWhereSoftmaxWouldUnderflow() {
        INDArray z = m(new double[][] {{1000, 0, -1000}});
        INDArray y = m(new double[][] {{0, 1, 0}});
        assertEquals(1000.0, new LossXent().computeScore(y, z, SOFTMAX, null, true), 1e-9);
        // p_y = e^-1000 ≈ 0, so the focal factor (1 − p_y)^2 is 1.
        assertEquals(1000.0, new LossFocal(2, null, null).computeScore(y, z, SOFTMAX, null, true), 1e-9);
        // DL4J's own clips the probability it takes the log of: it does not see the whole loss.
        assertTrue(new LossMCXENT().computeScore(y, z.dup(), SOFTMAX, null, true) < 100);
    }

    @Test
    void withoutWeightsXentIsDl4jsSoftmaxCrossEntropy() {
        INDArray z = m(new double[][] {{0.2, -0.4, 1.0}, {0.0, 0.5, -0.5}});
        INDArray y = m(new double[][] {{0, 0, 1}, {1, 0, 0}});
        assertEquals(new LossMCXENT().computeScore(y, z.dup(), SOFTMAX, null, true),
                new LossXent().computeScore(y, z.dup(), SOFTMAX, null, true), 1e-12);
        INDArray ours = new LossXent().computeGradient(y, z.dup(), SOFTMAX, null);
        INDArray theirs = new LossMCXENT().computeGradient(y, z.dup(), SOFTMAX, null);
        assertTrue(ours.equalsWithEps(theirs, 1e-12), ours + " vs " + theirs);
    }

    @Test
    void focalWithGammaZeroAndNoWeightsIsTheCrossEntropy() {
        INDArray z = m(new double[][] {{0.2, -0.4, 1.0}, {0.0, 0.5, -0.5}, {2, 1, 0}});
        INDArray y = m(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
        assertEquals(new LossXent().computeScore(y, z, SOFTMAX, null, true),
                new LossFocal(0, null, null).computeScore(y, z, SOFTMAX, null, true), 1e-12);
        assertTrue(new LossXent().computeGradient(y, z, SOFTMAX, null)
                .equalsWithEps(new LossFocal(0, null, null).computeGradient(y, z, SOFTMAX, null), 1e-12));
    }

    @Test
    void theWeightedMeanDividesByTheSumOfTheTargetsWeights() {
        INDArray z = m(new double[][] {{0, 0}, {0, 0}, {0, 0}});
        INDArray y = m(new double[][] {{1, 0}, {0, 1}, {0, 1}});
        // Every example's loss is log 2, so any weighted mean of them is log 2 as well.
        assertEquals(Math.log(2), new LossXent(new double[] {5, 1}).computeScore(y, z, SOFTMAX, null, true), 1e-12);
    }

    @Test
    void aParameterThatDoesNotFitTheOutputsIsRefusedWhenTheLossSeesThem() {
        INDArray z3 = m(new double[][] {{0.1, 0.2, 0.3}});
        INDArray y3 = m(new double[][] {{0, 1, 0}});
        assertEquals("LossFocal(gamma=2.0, balance=0.25, classWeights=null): balance applies to one output (sigmoid"
                        + " focal), found 3 outputs; use classWeights",
                assertThrows(IllegalArgumentException.class,
                        () -> new LossFocal(2, 0.25, null).computeScore(y3, z3, SOFTMAX, null, true)).getMessage());
        assertEquals("LossXent(classWeights=[1.0, 2.0]): classWeights must hold one weight per class (3 outputs), found 2"
                        + " weights",
                assertThrows(IllegalArgumentException.class,
                        () -> new LossXent(new double[] {1, 2}).computeScore(y3, z3, SOFTMAX, null, true)).getMessage());
        INDArray z1 = m(new double[][] {{0.1}});
        INDArray y1 = m(new double[][] {{1}});
        assertEquals("LossFocal(gamma=2.0, balance=null, classWeights=[1.0, 2.0]): classWeights apply to two or more"
                        + " outputs (softmax focal), found 1 output; use balance",
                assertThrows(IllegalArgumentException.class,
                        () -> new LossFocal(2, null, new double[] {1, 2}).computeScore(y1, z1, IDENTITY, null, true))
                        .getMessage());
    }

    @Test
    void labelsAndOutputsOfDifferentShapesAreRefused() {
        assertEquals("LossMae(): labels and outputs must be matrices of one shape, found labels [2, 1] and outputs [2, 2]",
                assertThrows(IllegalArgumentException.class, () -> new LossMae().computeScore(
                        m(new double[][] {{1}, {2}}), m(new double[][] {{1, 2}, {3, 4}}), IDENTITY, null, true))
                        .getMessage());
    }

    @Test
    void aSoftmaxLossRefusesAMaskPerElement() {
        INDArray z = m(new double[][] {{0.1, 0.2}});
        assertEquals("LossXent(classWeights=null): the mask must hold one value per example, found shape [1, 2] for"
                        + " outputs of shape [1, 2]",
                assertThrows(IllegalArgumentException.class, () -> new LossXent().computeScore(
                        m(new double[][] {{0, 1}}), z, SOFTMAX, m(new double[][] {{1, 0}}), true)).getMessage());
    }

    @Test
    void anElementwiseLossTakesAMaskPerElement() {
        INDArray z = m(new double[][] {{1, 5}, {2, 7}});
        INDArray y = m(new double[][] {{0, 0}, {0, 0}});
        INDArray mask = m(new double[][] {{1, 0}, {1, 0}});
        // Only the first column counts: (1 + 2) / (2 examples · 2 outputs).
        assertEquals(0.75, new LossMae().computeScore(y, z, IDENTITY, mask, true), 1e-12);
    }

    @Test
    void theLabelsAndOutputsPassedInAreLeftAlone() {
        INDArray z = m(new double[][] {{0.2, -0.4, 1.0}, {0.0, 0.5, -0.5}});
        INDArray y = m(new double[][] {{0, 0, 1}, {1, 0, 0}});
        for (ILossFunction f : List.of(new LossMae(), new LossBceWithLogits(2), new LossXent(), new LossFocal(2, null, null))) {
            f.computeGradientAndScore(y, z, SOFTMAX, null, true);
            f.computeGradientAndScore(y, z, new org.nd4j.linalg.activations.impl.ActivationTanH(), null, true);
            assertEquals(m(new double[][] {{0.2, -0.4, 1.0}, {0.0, 0.5, -0.5}}), z, f.name());
            assertEquals(m(new double[][] {{0, 0, 1}, {1, 0, 0}}), y, f.name());
        }
    }

    @Test
    void scoresAndGradientsComeInTheNetworksDataType() {
        INDArray z = m(new double[][] {{0.3}, {-1}}).castTo(DataType.FLOAT);
        INDArray y = m(new double[][] {{1}, {0}}).castTo(DataType.FLOAT);
        ILossFunction bce = new LossBceWithLogits();
        assertEquals(DataType.FLOAT, bce.computeGradient(y, z, IDENTITY, null).dataType());
        assertEquals(DataType.FLOAT, bce.computeScoreArray(y, z, IDENTITY, null).dataType());
    }

    @Test
    void equalityFollowsTheParameters() {
        assertEquals(new LossFocal(2, 0.25, null), new LossFocal(2, 0.25, new double[0]));
        assertNotEquals(new LossFocal(2, 0.25, null), new LossFocal(2, null, null));
        assertNotEquals(new LossXent(new double[] {1, 2}), new LossXent(new double[] {1, 3}));
        assertNotEquals(new LossBceWithLogits(2), new LossBceWithLogits(3));
        assertEquals(new LossMae(), new LossMae());
    }

    @Test
    void aViewIntoALargerArrayIsReadAsTheValuesItShows() {
        INDArray wide = m(new double[][] {{0.2, -0.4, 1.0, 9}, {0.0, 0.5, -0.5, 9}, {1.5, -1, 2, 9}});
        INDArray labels = m(new double[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}});
        var firstThree = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3);
        var all = org.nd4j.linalg.indexing.NDArrayIndex.all();
        INDArray z = wide.get(all, firstThree);
        INDArray y = labels.get(all, firstThree);
        ILossFunction f = new LossFocal(2, null, new double[] {1, 2, 3});
        assertEquals(f.computeScore(y.dup(), z.dup(), SOFTMAX, null, true), f.computeScore(y, z, SOFTMAX, null, true), 0);
        assertEquals(f.computeGradient(y.dup(), z.dup(), SOFTMAX, null), f.computeGradient(y, z, SOFTMAX, null));
    }
}
