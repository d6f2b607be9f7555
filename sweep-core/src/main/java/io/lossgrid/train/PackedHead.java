package io.lossgrid.train;

import io.lossgrid.loss.Loss;
import io.lossgrid.loss.LogitLoss;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loss at the output of K stacked networks: from their logits {@code [K, m, n]} (trial, output, example)
 * and one label matrix all K share, each trial's loss (the mean over its examples, unscaled) and the gradient
 * of each trial's scaled mean loss with respect to its logits, as the network's output layer computes them.
 */
sealed interface PackedHead {

    /**
     * Writes each trial's loss to {@code loss} ({@code K}) and the gradient of {@code scale[t]} times trial t's
     * summed per-example loss to {@code gradient} ({@code [K, m, n]}); {@code labels} holds the pass's labels.
     *
     * @return the logits as the loss read them, rows of {@code m} in double, trial by trial (trial t's n rows
     *         from row t·n), for a head that reads them on the JVM; null for one that stays in ND4J
     */
    double[] apply(INDArray logits, Labels labels, double[] scale, INDArray gradient, double[] loss);

    /** The head of {@code loss}: mse in ND4J, any of lossgrid's logit losses on the JVM; empty for any other loss. */
    static Optional<PackedHead> of(Loss loss) {
        if (loss instanceof Loss.Mse) {
            return Optional.of(new Squared());
        }
        return loss.lossFunction() instanceof LogitLoss logit ? Optional.of(new Logit(logit)) : Optional.empty();
    }

    /**
     * One pass's labels, in the two forms the heads read: {@code transposed} {@code [m, n]} in the working type,
     * and {@code rows}, the {@code n x m} row-major labels repeated K times, in double.
     */
    record Labels(INDArray transposed, double[] rows, int n, int m) {
        static Labels of(INDArray y, int k) {
            int n = (int) y.rows();
            int m = (int) y.columns();
            double[] one = y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] rows = new double[k * one.length];
            for (int t = 0; t < k; t++) {
                System.arraycopy(one, 0, rows, t * one.length, one.length);
            }
            return new Labels(y.transpose().dup('c'), rows, n, m);
        }
    }

    /**
     * DL4J's {@code LossMSE} in the working type: per example the mean over outputs of {@code (z − y)²},
     * gradient {@code 2(z − y)/m}.
     */
    record Squared() implements PackedHead {
        @Override
        public double[] apply(INDArray logits, Labels labels, double[] scale, INDArray gradient, double[] loss) {
            int k = loss.length;
            Nd4j.getExecutioner().exec(new BroadcastSubOp(logits, labels.transposed(), gradient, 1, 2));
            double[] norms = gradient.norm2(1, 2).toDoubleVector();
            double perElement = (double) labels.n() * labels.m();
            double[] factor = new double[k];
            for (int t = 0; t < k; t++) {
                loss[t] = norms[t] * norms[t] / perElement;
                factor[t] = scale[t] * 2.0 / labels.m();
            }
            Nd4j.getExecutioner().exec(new BroadcastMulOp(gradient, Nd4j.createFromArray(factor).castTo(gradient.dataType()),
                    gradient, 0));
            return null;
        }
    }

    /**
     * One of lossgrid's {@link LogitLoss}es ({@code mae}, {@code bce}, {@code xent}, {@code focal}), evaluated in
     * double on the rows of all K trials at once as the network's loss evaluates its own rows: softmax losses
     * take each row's softmax over that trial's own outputs.
     */
    record Logit(LogitLoss inner) implements PackedHead {
        @Override
        public double[] apply(INDArray logits, Labels labels, double[] scale, INDArray gradient, double[] loss) {
            int k = loss.length;
            int n = labels.n();
            int m = labels.m();
            // [K, m, n] in, rows [K·n, m] for the loss, and the gradient back: bulk copies through the buffers and
            // one transposing loop each way (no ND4J permute, cast or element-by-element put)
            double[] stacked = Buffers.read(logits);
            double[] z = new double[stacked.length];
            for (int t = 0; t < k; t++) {
                for (int j = 0; j < m; j++) {
                    int from = (t * m + j) * n;
                    for (int i = 0; i < n; i++) {
                        z[(t * n + i) * m + j] = stacked[from + i];
                    }
                }
            }
            double[] scores = new double[k * n];
            double[] g = new double[z.length];
            inner.evaluateRows(z, labels.rows(), k * n, m, scores, g);
            for (int t = 0; t < k; t++) {
                double s = 0;
                for (int i = t * n; i < (t + 1) * n; i++) {
                    s += scores[i];
                }
                loss[t] = s / n;
                double f = scale[t];
                for (int j = 0; j < m; j++) {
                    int to = (t * m + j) * n;
                    for (int i = 0; i < n; i++) {
                        stacked[to + i] = g[(t * n + i) * m + j] * f;
                    }
                }
            }
            Buffers.write(stacked, gradient);
            return z;
        }
    }
}
