package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.outcome.DivergenceCause;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.loss.Elementwise;
import io.lossgrid.metrics.Classification;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Trains K alike trials at once: linear models under a loss that is a mean of one function per output
 * element ({@code mse}, {@code mae}, {@code bce}, one-output {@code focal}: {@link Loss#elementwise}), full
 * batch, one data set and one optimizer configuration, differing in α, learning rate and seed. Their parameters sit side by side
 * (weights {@code d x K·m}, biases {@code 1 x K·m}), so each step is a handful of ND4J ops for all K:
 * one matrix product forward, one backward, and ND4J's own updater op over the stacked gradient.
 *
 * <p>The arithmetic is the DL4J network's: the mean of the loss's elements over outputs and examples,
 * gradient {@code α/(n·m)·Xᵀ·f'(Z, Y)} with {@code f'} the element's derivative at the logits {@code Z}.
 * Under {@code mse} ({@code f' = 2(Z−Y)}) all of it stays in ND4J; under the other losses the loss and
 * its derivative are evaluated in double by {@link Elementwise#packed}, as the network's loss computes
 * them in double. The softmax losses ({@code xent}, {@code focal} over classes) are not packed: softmax
 * couples the outputs of a row, which are one trial's columns, so they have no per-element form. Every supported update rule is linear in its learning rate (its state does
 * not depend on it), so the updater runs at learning rate 1 and the result is scaled by each trial's
 * rate. Initial weights are drawn by DL4J's own weight initialiser after seeding ND4J's generator as
 * {@code MultiLayerNetwork.init()} does, so a packed trial starts where the network would. Curves match
 * {@link Dl4jTrialRunner}'s to float rounding (tests hold them within 1e-5 relative).
 *
 * <p>With a validation set ({@link TrainingData#validation()}) each recorded epoch also takes the validation logits
 * of all trials in one more matrix product over the stacked parameters; each trial's {@code val_loss} is the sum
 * of its columns' per-element losses over {@code n_val·m}, and a classifier's metrics come from the logits already
 * in memory ({@link io.lossgrid.metrics.EpochMetrics}), as {@link Dl4jTrialRunner} records them.
 *
 * <p>A trial that diverges stops recording, and its columns are zeroed and frozen, so that NaN and
 * infinities do not slow the others. With {@code training.trace}, update {@code e} of a trial is its epoch
 * {@code e}, computed from the curve's row {@code e - 1}, so its trace is the curve's first rows
 * ({@link Trace#fullBatch}), as {@link Dl4jTrialRunner}'s full-batch trace is. {@code train_ms} of each trial is the pack's time divided by K.
 */
public final class PackedLinearRunner {
    private final TrainingPlan plan;
    private final EpochListener listener;

    /** A runner that reports no epochs. */
    public PackedLinearRunner(TrainingPlan plan) {
        this(plan, EpochListener.NONE);
    }

    /** A runner that tells {@code epochs}, after every update, how many trials of the pack it updated. */
    public PackedLinearRunner(TrainingPlan plan, EpochListener epochs) {
        this.plan = plan;
        this.listener = java.util.Objects.requireNonNull(epochs, "epochs");
    }

    /**
     * True when {@code trial} can be packed under {@code training} on {@code data} (its prepared data, whose
     * width decides whether a focal loss is the sigmoid or the softmax one): a linear model, full batch, an
     * optimizer with a learning rate and a loss with a per-element form.
     */
    public static boolean packable(Trial trial, TrainingData data, TrainingSpec training) {
        return training.fullBatch() && trial.model().isLinear() && trial.optimizer().usesLearningRate()
                && trial.loss().elementwise(data.outputs()).isPresent();
    }

    /** The key alike trials share: data, weight init, optimizer configuration. */
    public static String packKey(Trial trial) {
        return trial.dataKey() + "|" + trial.model().weightInit() + "|" + trial.optimizer().describe();
    }

    /** Trains {@code trials} (all packable, all of one {@link #packKey}) on {@code data}. */
    public List<TrialResult> run(List<Trial> trials, TrainingData data) {
        long start = System.nanoTime();
        TrainingSpec training = plan.training();
        OutcomeRules rules = plan.rules();
        DataType type = training.dataType();
        int k = trials.size();
        int n = data.rows();
        int d = data.inputs();
        int m = data.outputs();
        int cols = k * m;
        Elementwise form = trials.get(0).loss().elementwise(m).orElseThrow(() -> new IllegalArgumentException(
                "packed trials need a loss with a per-element form, found " + trials.get(0).loss().name()));
        // Under mse the residual Ŷ − Y stands for the derivative 2(Ŷ − Y), the 2 going into the gradient's scale.
        boolean squared = form instanceof Elementwise.SquaredError;
        double derivativeScale = squared ? 2.0 : 1.0;

        INDArray x = Nd4j.create(data.x(), new long[] {n, d}, 'c').castTo(type);
        INDArray xt = x.transpose().dup('c');
        INDArray y = Nd4j.create(data.y(), new long[] {n, m}, 'c').castTo(type);
        INDArray yRep = Nd4j.create(type, n, cols);
        for (int t = 0; t < k; t++) {
            yRep.get(all(), cols(t * m, (t + 1) * m)).assign(y);
        }
        double[] yCols = squared ? null : yRep.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        // The validation set's forward pass at each recorded epoch: its logits for all trials, the loss's elements
        // summed per column, and a classifier's predictions.
        TrainingData val = data.validation();
        int classes = ValidationProbe.classes(trials.get(0).loss(), m);
        INDArray xv = val == null ? null : Nd4j.create(val.x(), new long[] {val.rows(), d}, 'c').castTo(type);
        INDArray predVal = val == null ? null : Nd4j.create(type, val.rows(), cols);
        double[] yvCols = val == null ? null : repeat(val.y(), val.rows(), m, k);
        double[] valCols = new double[cols];

        INDArray w = Nd4j.create(type, d, cols);
        INDArray b = Nd4j.create(type, 1, cols);
        double[] alpha = new double[k];
        double[] gradScale = new double[cols];
        double[] lrCols = new double[cols];
        for (int t = 0; t < k; t++) {
            Trial trial = trials.get(t);
            alpha[t] = trial.alpha();
            Nd4j.getRandom().setSeed(trial.seed());
            INDArray view = Nd4j.create(type, 1, (long) d * m);
            INDArray init = trial.model().weightInit().getWeightInitFunction()
                    .init(d, m, new long[] {d, m}, 'f', view);
            w.get(all(), cols(t * m, (t + 1) * m)).assign(init);
            for (int j = 0; j < m; j++) {
                gradScale[t * m + j] = trial.alpha() * derivativeScale / ((double) n * m);
                lrCols[t * m + j] = trial.learningRate();
            }
        }
        INDArray gradScaleRow = Nd4j.createFromArray(gradScale).castTo(type).reshape(1, cols);
        INDArray lrRow = Nd4j.createFromArray(lrCols).castTo(type).reshape(1, cols);

        Optimizer optimizer = trials.get(0).optimizer();
        IUpdater config = optimizer.updater(1.0);
        GradientUpdater<?> wUpdater = updater(config, (long) d * cols, type);
        GradientUpdater<?> bUpdater = updater(config, cols, type);

        int epochs = training.epochs();
        Curve[] curves = new Curve[k];
        EpochMetrics.Recorder[] recorders = new EpochMetrics.Recorder[k];
        for (int t = 0; t < k; t++) {
            curves[t] = new Curve(epochs + 1);
            recorders[t] = new EpochMetrics.Recorder(val != null, classes, epochs + 1);
        }
        Integer[] divergedAt = new Integer[k];
        // Updates each trial started (the trace's length before its limit): all epochs unless it diverged.
        int[] updates = new int[k];
        Arrays.fill(updates, epochs);
        DivergenceCause[] causes = new DivergenceCause[k];
        boolean[] live = new boolean[k];
        Arrays.fill(live, true);
        int alive = k;

        // Every array the epoch loop touches is allocated once, here.
        INDArray pred = Nd4j.create(type, n, cols);
        INDArray squares = Nd4j.create(type, n, cols);
        INDArray sse = Nd4j.create(type, cols);
        double[] columnSums = new double[cols];
        double[] derivative = squared ? null : new double[n * cols];
        INDArray gw = Nd4j.create(type, d, cols);
        INDArray gwFlat = gw.reshape(1, (long) d * cols);
        INDArray gwSquares = Nd4j.create(type, d, cols);
        INDArray gw2 = Nd4j.create(type, cols);
        INDArray gb = Nd4j.create(type, 1, cols);
        INDArray gb2 = Nd4j.create(type, 1, cols);
        for (int e = 0; e <= epochs && alive > 0; e++) {
            // Forward: logits of all trials at once, then per column the sum of the loss's elements and,
            // per element, its derivative (under mse the residual, the factor 2 being in the scale).
            double[] zVal = null;
            if (val != null) {
                Nd4j.gemm(xv, w, predVal, false, false, 1.0, 0.0);
                predVal.addiRowVector(b);
                zVal = predVal.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                Arrays.fill(valCols, 0);
                for (int i = 0; i < zVal.length; i++) {
                    valCols[i % cols] += form.value(zVal[i], yvCols[i]);
                }
            }
            Nd4j.gemm(x, w, pred, false, false, 1.0, 0.0);
            pred.addiRowVector(b);
            INDArray slope;
            double[] lossCols;
            double[] z = null;
            if (squared) {
                pred.subi(yRep);
                pred.mul(pred, squares).sum(sse, 0);
                lossCols = sse.toDoubleVector();
                slope = pred;
            } else {
                Arrays.fill(columnSums, 0);
                z = pred.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                form.packed(z, yCols, cols, columnSums, derivative);
                lossCols = columnSums;
                slope = Nd4j.create(derivative, new long[] {n, cols}, 'c').castTo(type);
            }
            // Backward: gradient of the scaled mean loss for every column.
            Nd4j.gemm(xt, slope, gw, false, false, 1.0, 0.0);
            gw.muliRowVector(gradScaleRow);
            slope.sum(gb, true, 0).muli(gradScaleRow);
            gw.mul(gw, gwSquares).sum(gw2, 0);
            gb.mul(gb, gb2);
            double[] gw2Cols = gw2.toDoubleVector();
            double[] gb2Cols = gb2.toDoubleVector();
            for (int t = 0; t < k; t++) {
                if (!live[t]) {
                    continue;
                }
                double loss = 0;
                double g2 = 0;
                for (int j = t * m; j < (t + 1) * m; j++) {
                    loss += lossCols[j];
                    g2 += gw2Cols[j] + gb2Cols[j];
                }
                loss /= (double) n * m;
                curves[t].add(loss, Math.sqrt(g2));
                if (recorders[t].active()) {
                    double valLoss = 0;
                    for (int j = t * m; val != null && j < (t + 1) * m; j++) {
                        valLoss += valCols[j];
                    }
                    recorders[t].add(val == null ? Double.NaN : valLoss / ((double) val.rows() * m),
                            classes > 0 ? Classification.of(z, cols, t * m, data.y(), m) : null,
                            classes > 0 && val != null ? Classification.of(zVal, cols, t * m, val.y(), m) : null);
                }
                DivergenceCause cause = rules.lossDivergence(loss, curves[t].first());
                if (cause != null) {
                    divergedAt[t] = e;
                    causes[t] = cause;
                    live[t] = false;
                    alive--;
                    // Dl4jTrialRunner stops at non-finite parameters before computing another gradient from them.
                    updates[t] = e < epochs && finite(t, m, w, b) ? e + 1 : e;
                    freeze(t, m, w, b, lrRow);
                }
            }
            if (e == epochs) {
                break;
            }
            // Update: ND4J's updater at learning rate 1 on all columns, scaled by each trial's rate.
            wUpdater.applyUpdater(gwFlat, e, 0);
            bUpdater.applyUpdater(gb, e, 0);
            w.subi(gw.muliRowVector(lrRow));
            b.subi(gb.muli(lrRow));
            if (alive > 0) {
                listener.epochsDone(alive);
            }
        }

        long perTrial = (System.nanoTime() - start) / 1_000_000 / Math.max(1, k);
        List<TrialResult> out = new ArrayList<>(k);
        for (int t = 0; t < k; t++) {
            Curve c = curves[t];
            var metrics = Outcome.judge(c.loss(), c.gradNorm(), c.rows(), divergedAt[t], causes[t], rules,
                    plan.target(trials.get(t)));
            Trace trace = training.trace() == null ? null
                    : Trace.fullBatch(c.loss(), c.gradNorm(), updates[t], training.traceIterations());
            out.add(new TrialResult(trials.get(t), metrics, c.lossTrimmed(), c.gradNormTrimmed(), null, perTrial,
                    "packed", trace, recorders[t].finish(c.rows())));
        }
        return out;
    }

    /** {@code k} copies of an {@code n x m} matrix side by side, as an {@code n x k·m} row-major matrix in double. */
    private static double[] repeat(float[] y, int n, int m, int k) {
        double[] out = new double[n * m * k];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                for (int j = 0; j < m; j++) {
                    out[(i * k + t) * m + j] = y[i * m + j];
                }
            }
        }
        return out;
    }

    /** True when trial {@code t}'s weights and biases are all finite. */
    private static boolean finite(int t, int m, INDArray w, INDArray b) {
        return Double.isFinite(w.get(all(), cols(t * m, (t + 1) * m)).sumNumber().doubleValue())
                && Double.isFinite(b.get(all(), cols(t * m, (t + 1) * m)).sumNumber().doubleValue());
    }

    private static void freeze(int t, int m, INDArray w, INDArray b, INDArray lrRow) {
        w.get(all(), cols(t * m, (t + 1) * m)).assign(0);
        b.get(all(), cols(t * m, (t + 1) * m)).assign(0);
        lrRow.get(all(), cols(t * m, (t + 1) * m)).assign(0);
    }

    private static GradientUpdater<?> updater(IUpdater config, long params, DataType type) {
        long state = config.stateSize(params);
        if (state == 0) {
            return config.instantiate((INDArray) null, false);
        }
        return config.instantiate(Nd4j.create(type, 1, state), true);
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex all() {
        return org.nd4j.linalg.indexing.NDArrayIndex.all();
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex cols(int from, int to) {
        return org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
    }
}
