package io.lossgrid.data;

import io.lossgrid.spec.LossKind;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A data set ready for a loss: inputs {@code x} ({@code rows x inputs}) and targets {@code y}
 * ({@code rows x outputs}), row-major. Shipped to executors once; arrays are not copied on the way in.
 */
public record TrainingData(String name, LossKind loss, int rows, int inputs, float[] x, int outputs, float[] y)
        implements Serializable {

    /** The key trials use to find this data: its name and loss. */
    public String key() {
        return key(name, loss);
    }

    public static String key(String dataName, LossKind loss) {
        return dataName + "|" + loss.key();
    }

    /** A new DL4J data set of the given precision. */
    public DataSet dataSet(DataType type) {
        return new DataSet(Nd4j.create(x, new long[] {rows, inputs}, 'c').castTo(type),
                Nd4j.create(y, new long[] {rows, outputs}, 'c').castTo(type));
    }

    /**
     * The smallest mean squared error an affine map of the inputs can reach (ordinary least squares with an
     * intercept, solved in double precision). It is the exact target of a linear model under {@code mse}.
     */
    public double leastSquaresMinimum() {
        int p = inputs + 1;
        double total = 0;
        for (int o = 0; o < outputs; o++) {
            double[][] a = new double[p][p + 1];
            for (int i = 0; i < rows; i++) {
                double t = y[i * outputs + o];
                for (int r = 0; r < p; r++) {
                    double fr = r < inputs ? x[i * inputs + r] : 1.0;
                    for (int c = 0; c < p; c++) {
                        a[r][c] += fr * (c < inputs ? x[i * inputs + c] : 1.0);
                    }
                    a[r][p] += fr * t;
                }
            }
            double[] w = solve(a, p);
            double sse = 0;
            for (int i = 0; i < rows; i++) {
                double pred = w[inputs];
                for (int c = 0; c < inputs; c++) {
                    pred += w[c] * x[i * inputs + c];
                }
                double d = pred - y[i * outputs + o];
                sse += d * d;
            }
            total += sse / rows;
        }
        return total / outputs;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix; singular directions get weight 0. */
    private static double[] solve(double[][] a, int n) {
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            if (Math.abs(a[col][col]) < 1e-12) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.abs(a[i][i]) < 1e-12 ? 0 : a[i][n] / a[i][i];
        }
        return w;
    }
}
