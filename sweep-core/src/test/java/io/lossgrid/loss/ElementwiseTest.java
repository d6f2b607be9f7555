package io.lossgrid.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** The per-element forms a packed runner reuses: each derivative is the derivative of its value, over a wide range. */
class ElementwiseTest {
    private static final double H = 1e-6;

    @Test
    void eachDerivativeIsTheDerivativeOfItsValue() {
        List<Elementwise> forms = List.of(new Elementwise.SquaredError(), new Elementwise.AbsoluteError(), new Elementwise.BceWithLogits(1),
                new Elementwise.BceWithLogits(4), new Elementwise.SigmoidFocal(2, 0.25),
                new Elementwise.SigmoidFocal(0.5, Double.NaN), new Elementwise.SigmoidFocal(0, 0.75));
        for (Elementwise f : forms) {
            for (double y : new double[] {0, 1}) {
                for (double z : new double[] {-12.3, -3.1, -0.7, 0.4, 2.2, 9.6}) {
                    double numeric = (f.value(z + H, y) - f.value(z - H, y)) / (2 * H);
                    double found = f.derivative(z, y);
                    assertTrue(Math.abs(numeric - found) <= 1e-7 * Math.max(1, Math.abs(numeric)),
                            f + " at z=" + z + ", y=" + y + ": finite differences " + numeric + ", derivative " + found);
                }
            }
        }
    }

    @Test
    void theSigmoidFocalLossIsFiniteAndExactFarFromZero() {
        Elementwise focal = new Elementwise.SigmoidFocal(2, Double.NaN);
        // A confident wrong answer: bce = 40, 1 − p_t = 1.
        assertEquals(40.0, focal.value(-40, 1), 1e-12);
        assertEquals(-1.0, focal.derivative(-40, 1), 1e-12);
        // A confident right answer: the loss and its slope vanish without NaN.
        assertEquals(0.0, focal.value(800, 1), 0);
        assertEquals(0.0, focal.derivative(800, 1), 0);
        assertEquals(0.0, new Elementwise.SigmoidFocal(0.5, 0.25).derivative(-800, 0), 0);
    }

    @Test
    void withoutFocusingAndBalanceTheFocalElementIsTheBinaryCrossEntropy() {
        Elementwise focal = new Elementwise.SigmoidFocal(0, Double.NaN);
        Elementwise bce = new Elementwise.BceWithLogits(1);
        for (double z : new double[] {-5, -0.5, 0, 1.5, 30}) {
            assertEquals(bce.value(z, 1), focal.value(z, 1), 1e-12);
            assertEquals(bce.derivative(z, 0), focal.derivative(z, 0), 1e-12);
        }
    }

    @Test
    void theAbsoluteErrorHasNoSlopeAtItsKinkAsInPyTorch() {
        assertEquals(0.0, new Elementwise.AbsoluteError().derivative(1.5, 1.5));
        assertEquals(-1.0, new Elementwise.AbsoluteError().derivative(1, 1.5));
    }

    @Test
    void packedTrialsGetTheScoreAndGradientTheirOwnLossFunctionGives() {
        LossMae mae = new LossMae();
        LossBceWithLogits bce = new LossBceWithLogits(2.5);
        LossFocal balanced = new LossFocal(2, 0.25, null);
        LossFocal unbalanced = new LossFocal(0.5, null, null);
        checkPacked(mae, mae.elementwise(), 2);
        checkPacked(bce, bce.elementwise(), 2);
        checkPacked(bce, bce.elementwise(), 1);
        checkPacked(balanced, balanced.elementwise(), 1);
        checkPacked(unbalanced, unbalanced.elementwise(), 1);
        checkPacked(new org.nd4j.linalg.lossfunctions.impl.LossMSE(), new Elementwise.SquaredError(), 2);
    }

    /** Three trials of {@code m} outputs side by side against {@code f} on each trial's own columns. */
    private static void checkPacked(ILossFunction f, Elementwise form, int m) {
        int n = 7;
        int k = 3;
        int cols = k * m;
        Random random = new Random(5);
        double[] z = new double[n * cols];
        double[] y = new double[n * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = 4 * random.nextGaussian();
            y[i] = random.nextInt(2);
        }
        double[] sums = new double[cols];
        double[] dz = new double[n * cols];
        form.packed(z, y, cols, sums, dz);
        INDArray zAll = Nd4j.create(z, new long[] {n, cols}, 'c');
        INDArray yAll = Nd4j.create(y, new long[] {n, cols}, 'c');
        INDArray dzAll = Nd4j.create(dz, new long[] {n, cols}, 'c');
        for (int t = 0; t < k; t++) {
            INDArrayIndex slice = NDArrayIndex.interval(t * m, (t + 1) * m);
            INDArray zt = zAll.get(NDArrayIndex.all(), slice).dup();
            INDArray yt = yAll.get(NDArrayIndex.all(), slice).dup();
            double packedScore = 0;
            for (int j = t * m; j < (t + 1) * m; j++) {
                packedScore += sums[j];
            }
            packedScore /= n * m;
            assertEquals(f.computeScore(yt, zt, new ActivationIdentity(), null, true), packedScore, 1e-12,
                    f + " with " + m + " outputs, trial " + t + ": score");
            INDArray own = f.computeGradient(yt, zt, new ActivationIdentity(), null).div(n);
            INDArray packed = dzAll.get(NDArrayIndex.all(), slice).div(n * m);
            assertTrue(own.equalsWithEps(packed, 1e-12), f + " with " + m + " outputs, trial " + t + ": gradient "
                    + own + " alone, " + packed + " packed");
        }
    }
}
