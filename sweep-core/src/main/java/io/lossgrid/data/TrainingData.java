package io.lossgrid.data;

import io.lossgrid.loss.Loss;
import java.io.Serializable;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A data set ready for a loss (see {@link Table#prepare}): inputs {@code x} ({@code rows x inputs}) and
 * targets {@code y} ({@code rows x outputs}, as the loss's {@link io.lossgrid.loss.Labels} want them),
 * row-major. Shipped to executors once; arrays are not copied on the way in.
 *
 * @param image      the shape of each input row as an image ({@code inputs = channels x height x width}, CHW order),
 *                   or null for data that is not images; a convolutional network needs one
 * @param validation the validation set, prepared for the same loss (same inputs, outputs and image shape, no
 *                   validation set of its own), or null without one; it travels with the training data
 */
public record TrainingData(String name, Loss loss, int rows, int inputs, float[] x, int outputs, float[] y,
                           ImageShape image, TrainingData validation) implements Serializable {

    public TrainingData {
        if (image != null && image.pixels() != inputs) {
            throw new IllegalArgumentException("an image of " + image + " must have " + image.pixels() + " inputs, found "
                    + inputs);
        }
        if (validation != null && (validation.inputs != inputs || validation.outputs != outputs
                || validation.validation != null || !java.util.Objects.equals(validation.image, image))) {
            throw new IllegalArgumentException("a validation set must have the training set's " + inputs + " inputs, "
                    + outputs + " outputs and image shape " + image + " and no validation set, found " + validation.inputs
                    + " inputs, " + validation.outputs + " outputs, image shape " + validation.image);
        }
    }

    /** Data without a validation set. */
    public TrainingData(String name, Loss loss, int rows, int inputs, float[] x, int outputs, float[] y,
                        ImageShape image) {
        this(name, loss, rows, inputs, x, outputs, y, image, null);
    }

    /** Data that is not images. */
    public TrainingData(String name, Loss loss, int rows, int inputs, float[] x, int outputs, float[] y) {
        this(name, loss, rows, inputs, x, outputs, y, null);
    }

    /** The same data with {@code set} as its validation set. */
    public TrainingData withValidation(TrainingData set) {
        return new TrainingData(name, loss, rows, inputs, x, outputs, y, image, set);
    }

    /** The key trials use to find this data: its name and loss. */
    public String key() {
        return key(name, loss);
    }

    public static String key(String dataName, Loss loss) {
        return DataKey.of(dataName, loss);
    }

    /** A new DL4J data set of the given precision. */
    public DataSet dataSet(DataType type) {
        return new DataSet(Nd4j.create(x, new long[] {rows, inputs}, 'c').castTo(type),
                Nd4j.create(y, new long[] {rows, outputs}, 'c').castTo(type));
    }

    /**
     * The smallest mean squared error an affine map of the inputs can reach (ordinary least squares with an
     * intercept, solved in double precision). It is the exact target of a linear model under {@code mse}.
     * The normal equations are solved through their pseudo-inverse, so collinear or constant features
     * (a singular system) still give the least-squares minimum.
     */
    public double leastSquaresMinimum() {
        int p = inputs + 1;
        double total = 0;
        for (int o = 0; o < outputs; o++) {
            double[][] normal = new double[p][p];
            double[] rhs = new double[p];
            for (int i = 0; i < rows; i++) {
                double t = y[i * outputs + o];
                for (int r = 0; r < p; r++) {
                    double fr = r < inputs ? x[i * inputs + r] : 1.0;
                    for (int c = 0; c < p; c++) {
                        normal[r][c] += fr * (c < inputs ? x[i * inputs + c] : 1.0);
                    }
                    rhs[r] += fr * t;
                }
            }
            RealVector w = new SingularValueDecomposition(new Array2DRowRealMatrix(normal, false)).getSolver()
                    .solve(new ArrayRealVector(rhs, false));
            double sse = 0;
            for (int i = 0; i < rows; i++) {
                double pred = w.getEntry(inputs);
                for (int c = 0; c < inputs; c++) {
                    pred += w.getEntry(c) * x[i * inputs + c];
                }
                double d = pred - y[i * outputs + o];
                sse += d * d;
            }
            total += sse / rows;
        }
        return total / outputs;
    }
}
