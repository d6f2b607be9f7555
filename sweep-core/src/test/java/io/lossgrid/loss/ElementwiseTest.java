package io.lossgrid.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-element forms a packed runner reuses: each derivative is the derivative of its value, over a wide range. */
class ElementwiseTest {
    private static final double H = 1e-6;

    @Test
    void eachDerivativeIsTheDerivativeOfItsValue() {
        List<Elementwise> forms = List.of(new Elementwise.AbsoluteError(), new Elementwise.BceWithLogits(1),
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
}
