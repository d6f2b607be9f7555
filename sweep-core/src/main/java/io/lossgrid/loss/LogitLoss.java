package io.lossgrid.loss;

import java.util.Arrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The DL4J side shared by lossgrid's losses: a loss defined on a minibatch of logits {@code z}
 * ({@code n x m}, the output layer's activations) and labels, computed in double precision whatever
 * the network's data type, with PyTorch's {@code reduction='mean'}.
 *
 * <p>DL4J's convention, which this class keeps: {@link #computeScoreArray} holds one score per
 * example, {@code computeScore(average=true)} is their mean over the {@code n} examples, and the
 * gradient is {@code n} times the gradient of that mean (DL4J divides it by the minibatch size
 * itself). A subclass fills per-example scores whose mean is PyTorch's loss, and {@code n} times
 * PyTorch's gradient: so score, curve and update all equal PyTorch's.
 *
 * <p>Activation: under an identity output layer the pre-activations are the logits. A loss that applies
 * softmax itself ({@link #softmaxInside}) reads the pre-activations of a softmax output layer as its
 * logits, as DL4J's {@code LossMCXENT} does. Under any other activation the logits are the activation's
 * output and the gradient is propagated back through it.
 *
 * <p>Mask: none, one value per example ({@code n x 1}), or, for losses that are not softmax losses,
 * one per element ({@code n x m}); masked elements add nothing to score or gradient.
 */
public abstract class LogitLoss implements ILossFunction {

    /**
     * Fills {@code scores} ({@code n}) and {@code gradient} ({@code n·m}, row-major) for logits
     * {@code z} and labels {@code y} (both {@code n·m}, row-major) under {@code mask} (its first {@code n·m}
     * values, 0 or 1 per element, 1 where there is no mask; read only: callers may share one).
     */
    protected abstract void evaluate(double[] z, double[] y, double[] mask, int n, int m, double[] scores,
                                     double[] gradient);

    /**
     * The per-example scores and gradients {@link #evaluate} gives, without a mask, for a runner that holds the
     * rows of many trials of one label matrix stacked: {@code z} and {@code y} are {@code n·m} row-major logits and
     * labels, {@code scores} gets one score per row and {@code gradient} ({@code n·m}) the gradient as DL4J's
     * {@link #computeGradient} gives it. A loss that normalises by its labels' weights (weighted {@code xent})
     * normalises over all {@code n} rows, which is each trial's own normalisation when every trial's rows hold
     * the same labels.
     */
    public final void evaluateRows(double[] z, double[] y, int n, int m, double[] scores, double[] gradient) {
        if (z.length != (long) n * m || y.length != z.length || scores.length != n || gradient.length != z.length) {
            throw new IllegalArgumentException(name() + ": evaluateRows needs z, y and gradient of " + n + " x " + m
                    + " values and " + n + " scores, found " + z.length + ", " + y.length + ", " + gradient.length
                    + " and " + scores.length);
        }
        evaluate(z, y, ones(z.length), n, m, scores, gradient);
    }

    /**
     * A mask of ones at least {@code length} long, read only ({@link #evaluate} never writes it): this thread's
     * shared one up to {@link #SHARED_ONES} values (8 MiB, so that a pooled executor thread keeps no more), a
     * new one beyond.
     */
    private static double[] ones(int length) {
        double[] ones = ONES.get();
        if (ones.length < length) {
            ones = new double[length];
            Arrays.fill(ones, 1);
            if (length <= SHARED_ONES) {
                ONES.set(ones);
            }
        }
        return ones;
    }

    private static final int SHARED_ONES = 1 << 20;

    private static final ThreadLocal<double[]> ONES = ThreadLocal.withInitial(() -> new double[0]);

    /** True when the loss applies softmax to its logits itself, given {@code m} outputs. */
    protected boolean softmaxInside(int m) {
        return false;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return score(run(labels, preOutput, activationFn, mask, false).scores, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] scores = run(labels, preOutput, activationFn, mask, false).scores;
        return Nd4j.create(scores, new long[] {scores.length, 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return run(labels, preOutput, activationFn, mask, true).gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        Result r = run(labels, preOutput, activationFn, mask, true);
        return new Pair<>(score(r.scores, average), r.gradient);
    }

    @Override
    public String name() {
        return toString();
    }

    private static double score(double[] scores, boolean average) {
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return average ? sum / scores.length : sum;
    }

    private record Result(double[] scores, INDArray gradient) {
    }

    private Result run(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean wantGradient) {
        if (preOutput.rank() != 2 || !Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException(name() + ": labels and outputs must be matrices of one shape, found labels "
                    + Arrays.toString(labels.shape()) + " and outputs " + Arrays.toString(preOutput.shape()));
        }
        int n = (int) preOutput.rows();
        int m = (int) preOutput.columns();
        boolean direct = activationFn instanceof ActivationIdentity
                || activationFn instanceof ActivationSoftmax && softmaxInside(m);
        INDArray logits = direct ? preOutput : activationFn.getActivation(preOutput.dup(), true);
        double[] z = flat(logits);
        double[] y = flat(labels);
        double[] maskValues = maskValues(mask, n, m);
        double[] scores = new double[n];
        double[] gradient = new double[n * m];
        evaluate(z, y, maskValues, n, m, scores, gradient);
        if (!wantGradient) {
            return new Result(scores, null);
        }
        INDArray g = Nd4j.create(gradient, new long[] {n, m}, 'c').castTo(preOutput.dataType());
        if (!direct) {
            g = activationFn.backprop(preOutput.dup(), g).getFirst();
            if (mask != null) {
                g.muli(Nd4j.create(maskValues, new long[] {n, m}, 'c').castTo(g.dataType()));
            }
        }
        return new Result(scores, g);
    }

    private double[] maskValues(INDArray mask, int n, int m) {
        double[] out = new double[n * m];
        if (mask == null) {
            Arrays.fill(out, 1);
            return out;
        }
        double[] given = flat(mask.rank() == 1 ? mask.reshape(mask.length(), 1) : mask);
        if (given.length == n) {
            for (int i = 0; i < n; i++) {
                Arrays.fill(out, i * m, (i + 1) * m, given[i]);
            }
            return out;
        }
        if (given.length == n * m && !softmaxInside(m)) {
            return given;
        }
        throw new IllegalArgumentException(name() + ": the mask must hold one value per example"
                + (softmaxInside(m) ? "" : " or per element") + ", found shape " + Arrays.toString(mask.shape())
                + " for outputs of shape [" + n + ", " + m + "]");
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Fills scores and gradient of a loss that is the mean over all elements of {@code f}. */
    static void meanOfElements(Elementwise f, double[] z, double[] y, double[] mask, int n, int m, double[] scores,
                               double[] gradient) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = i * m; j < (i + 1) * m; j++) {
                if (mask[j] != 0) {
                    s += mask[j] * f.value(z[j], y[j]);
                    gradient[j] = mask[j] * f.derivative(z[j], y[j]) / m;
                }
            }
            scores[i] = s / m;
        }
    }

    /**
     * {@link #logSoftmax} of row {@code i} of {@code z} into {@code logp}, and the softmax itself into {@code p},
     * from one exponential per value ({@code p_j = e^(z_j − max) / Σ e^(z_k − max)}).
     */
    public static void softmax(double[] z, int i, int m, double[] logp, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            max = Math.max(max, z[i * m + j]);
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            p[j] = Math.exp(z[i * m + j] - max);
            sum += p[j];
        }
        double log = max + Math.log(sum);
        for (int j = 0; j < m; j++) {
            logp[j] = z[i * m + j] - log;
            p[j] /= sum;
        }
    }

    /** {@code log softmax} of row {@code i} of {@code z} into {@code out} ({@code m} values), without overflow. */
    public static void logSoftmax(double[] z, int i, int m, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            max = Math.max(max, z[i * m + j]);
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += Math.exp(z[i * m + j] - max);
        }
        double log = max + Math.log(sum);
        for (int j = 0; j < m; j++) {
            out[j] = z[i * m + j] - log;
        }
    }
}
