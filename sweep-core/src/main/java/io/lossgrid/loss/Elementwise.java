package io.lossgrid.loss;

import java.io.Serializable;

/**
 * A loss that is a sum of one function per output element, of the logit (or prediction) {@code z} and
 * its label {@code y}: the form a packed runner can evaluate on many trials' outputs at once. Both
 * methods are pure and total on finite inputs; {@code derivative} is {@code ∂value/∂z}.
 */
public sealed interface Elementwise extends Serializable {

    /** The loss of one element. */
    double value(double z, double y);

    /** Its derivative with respect to {@code z}. */
    double derivative(double z, double y);

    /**
     * Evaluates this form over K trials packed side by side, as a packed runner holds them: {@code z} and
     * {@code y} are row-major {@code n x cols} matrices ({@code cols = K·m}, trial t in columns
     * {@code t·m … (t+1)·m − 1}). Adds each column's sum of element losses to {@code columnSums}
     * ({@code cols}) and writes each element's derivative to {@code derivative} ({@code n·cols}).
     * A trial's loss (PyTorch's mean) is then the sum of its columns' sums divided by {@code n·m}, and the
     * gradient of that mean with respect to its logits is its columns of {@code derivative} divided by
     * {@code n·m}: exactly what its {@link LogitLoss} gives on its own columns, up to the order of summation.
     */
    default void packed(double[] z, double[] y, int cols, double[] columnSums, double[] derivative) {
        if (z.length != y.length || z.length % cols != 0 || columnSums.length != cols || derivative.length != z.length) {
            throw new IllegalArgumentException("packed: z and y must be n x " + cols + " matrices, columnSums hold " + cols
                    + " values and derivative n x " + cols + ", found " + z.length + ", " + y.length + ", "
                    + columnSums.length + ", " + derivative.length + " values");
        }
        for (int k = 0; k < z.length; k++) {
            columnSums[k % cols] += value(z[k], y[k]);
            derivative[k] = derivative(z[k], y[k]);
        }
    }

    /**
     * PyTorch's {@code MSELoss} element: {@code (z − y)²}; derivative {@code 2(z − y)}. A packed runner may
     * compute it with array operations instead of {@link #packed}, to the same values.
     */
    record SquaredError() implements Elementwise {
        public double value(double z, double y) {
            double d = z - y;
            return d * d;
        }

        public double derivative(double z, double y) {
            return 2 * (z - y);
        }
    }

    /** PyTorch's {@code L1Loss} element: {@code |z − y|}; derivative {@code sign(z − y)}, 0 at the kink as PyTorch. */
    record AbsoluteError() implements Elementwise {
        public double value(double z, double y) {
            return Math.abs(z - y);
        }

        public double derivative(double z, double y) {
            return Math.signum(z - y);
        }
    }

    /**
     * PyTorch's {@code BCEWithLogitsLoss} element, in its stable form:
     * {@code (1 − y)·z + (1 + (posWeight − 1)·y)·softplus(−z)}, softplus computed without overflow.
     */
    record BceWithLogits(double posWeight) implements Elementwise {
        public BceWithLogits {
            Checks.positive("posWeight", posWeight);
        }

        public double value(double z, double y) {
            return (1 - y) * z + (1 + (posWeight - 1) * y) * softplus(-z);
        }

        public double derivative(double z, double y) {
            return (1 - y) - (1 + (posWeight - 1) * y) * sigmoid(-z);
        }
    }

    /**
     * torchvision's {@code sigmoid_focal_loss} element: {@code a_t · bce(z, y) · (1 − p_t)^gamma} with
     * {@code p = sigmoid(z)}, {@code p_t = p·y + (1 − p)(1 − y)}, {@code a_t = balance·y + (1 − balance)(1 − y)};
     * {@code balance} NaN means no balancing ({@code a_t = 1}, torchvision's {@code alpha = -1}).
     * {@code 1 − p_t} is computed as {@code y·sigmoid(−z) + (1 − y)·sigmoid(z)}, exact where {@code p}
     * rounds to 0 or 1.
     */
    record SigmoidFocal(double gamma, double balance) implements Elementwise {
        public SigmoidFocal {
            Checks.gamma("gamma", gamma);
            if (!Double.isNaN(balance)) {
                Checks.unit("balance", balance);
            }
        }

        public double value(double z, double y) {
            double miss = y * sigmoid(-z) + (1 - y) * sigmoid(z);
            return weight(y) * bce(z, y) * Math.pow(miss, gamma);
        }

        public double derivative(double z, double y) {
            double p = sigmoid(z);
            double q = sigmoid(-z);
            double miss = y * q + (1 - y) * p;
            double modulation = Math.pow(miss, gamma);
            // d(1 − p_t)/dz = −p(1 − p)(2y − 1); the power's derivative vanishes where 1 − p_t = 0.
            double dModulation = gamma == 0 || miss == 0 ? 0
                    : gamma * Math.pow(miss, gamma - 1) * -(p * q) * (2 * y - 1);
            return weight(y) * ((p - y) * modulation + bce(z, y) * dModulation);
        }

        private double weight(double y) {
            return Double.isNaN(balance) ? 1 : balance * y + (1 - balance) * (1 - y);
        }

        private static double bce(double z, double y) {
            return (1 - y) * z + softplus(-z);
        }
    }

    /** {@code log(1 + e^x)} without overflow or loss of precision for large |x|. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@code 1 / (1 + e^−x)} without overflow. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
