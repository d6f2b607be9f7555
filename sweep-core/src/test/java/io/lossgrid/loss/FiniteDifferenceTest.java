package io.lossgrid.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The gradient each loss function reports is the derivative of the score it reports: central finite
 * differences of {@code computeScore(average=true)}, in double precision, equal {@code computeGradient / n}
 * (DL4J divides the gradient by the minibatch size itself). Checked under the activation each loss pairs
 * with, under another activation (the gradient then goes back through it), and under a per-example mask.
 */
class FiniteDifferenceTest {
    private static final int N = 5;
    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-7;

    static Stream<Arguments> losses() {
        List<Loss> values = List.of(new Loss.Mse(), new Loss.Mae(), new Loss.Xent(), new Loss.Xent(List.of(0.5, 2.0, 1.5)),
                new Loss.Bce(), new Loss.Bce(3.0), new Loss.Focal(2.0, 0.25, List.of()),
                new Loss.Focal(0.5, null, List.of()), new Loss.Focal(0.0, 0.75, List.of()),
                new Loss.Focal(2.0, null, List.of()), new Loss.Focal(1.5, null, List.of(0.5, 2.0, 1.5)));
        return values.stream().flatMap(loss -> Stream.of(3, 1).filter(m -> fits(loss, m))
                .map(m -> Arguments.of(loss.name() + " with " + m + " output" + (m == 1 ? "" : "s"), loss, m)));
    }

    private static boolean fits(Loss loss, int m) {
        try {
            loss.checkOutputs(m);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void theGradientIsTheDerivativeOfTheScoreUnderItsOwnActivation(String label, Loss loss, int m) {
        check(loss, m, loss.outputActivation(m).getActivationFunction(), null, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void theGradientGoesBackThroughAnotherActivation(String label, Loss loss, int m) {
        check(loss, m, Activation.TANH.getActivationFunction(), null, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void aMaskedExampleAddsNothingAndTheRestKeepTheirGradient(String label, Loss loss, int m) {
        INDArray mask = Nd4j.create(new double[] {1, 0, 1, 1, 0}, new long[] {N, 1}, DataType.DOUBLE);
        INDArray gradient = check(loss, m, loss.outputActivation(m).getActivationFunction(), mask, 3);
        assertTrue(gradient.getRow(1).norm2Number().doubleValue() == 0, label + ": a masked example has no gradient");
    }

    /** Checks every element; returns the analytic gradient. */
    private static INDArray check(Loss loss, int m, IActivation activation, INDArray mask, long seed) {
        ILossFunction f = loss.lossFunction();
        Random random = new Random(seed * 31 + m);
        INDArray z = Nd4j.create(DataType.DOUBLE, N, m);
        INDArray y = Nd4j.create(DataType.DOUBLE, N, m);
        for (int i = 0; i < N; i++) {
            int cls = random.nextInt(m);
            for (int j = 0; j < m; j++) {
                z.putScalar(i, j, 3 * random.nextGaussian());
                y.putScalar(i, j, switch (loss.labels()) {
                    case VALUES -> random.nextGaussian();
                    case BINARY -> random.nextInt(2);
                    default -> m == 1 ? random.nextInt(2) : j == cls ? 1 : 0;
                });
            }
        }
        INDArray analytic = f.computeGradient(y, z.dup(), activation, mask).div(N);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < m; j++) {
                double at = z.getDouble(i, j);
                if (loss instanceof Loss.Mae) {
                    // |z − y| has a kink at z = y: keep the difference quotient away from it.
                    z.putScalar(i, j, at + Math.copySign(0.1, at - y.getDouble(i, j)));
                    analytic = f.computeGradient(y, z.dup(), activation, mask).div(N);
                    at = z.getDouble(i, j);
                }
                z.putScalar(i, j, at + H);
                double up = f.computeScore(y, z.dup(), activation, mask, true);
                z.putScalar(i, j, at - H);
                double down = f.computeScore(y, z.dup(), activation, mask, true);
                z.putScalar(i, j, at);
                double numeric = (up - down) / (2 * H);
                double found = analytic.getDouble(i, j);
                assertTrue(Math.abs(numeric - found) <= TOLERANCE * Math.max(1, Math.abs(numeric)),
                        loss.name() + " under " + activation + ": d score / d z[" + i + "][" + j + "] is " + numeric
                                + " by finite differences, the loss reports " + found);
            }
        }
        return analytic;
    }
}
