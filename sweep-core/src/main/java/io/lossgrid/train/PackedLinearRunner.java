package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.DivergenceCause;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.loss.LossKind;
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
 * Trains K alike trials at once: linear models under {@code mse}, full batch, one data set and one
 * optimizer configuration, differing in α, learning rate and seed. Their parameters sit side by side
 * (weights {@code d x K·m}, biases {@code 1 x K·m}), so each step is a handful of ND4J ops for all K:
 * one matrix product forward, one backward, and ND4J's own updater op over the stacked gradient.
 *
 * <p>The arithmetic is the DL4J network's: MSE over outputs and examples, gradient
 * {@code α·2/(n·m)·Xᵀ(Ŷ−Y)}. Every supported update rule is linear in its learning rate (its state does
 * not depend on it), so the updater runs at learning rate 1 and the result is scaled by each trial's
 * rate. Initial weights are drawn by DL4J's own weight initialiser after seeding ND4J's generator as
 * {@code MultiLayerNetwork.init()} does, so a packed trial starts where the network would. Curves match
 * {@link Dl4jTrialRunner}'s to float rounding (tests hold them within 1e-5 relative).
 *
 * <p>A trial that diverges stops recording, and its columns are zeroed and frozen, so that NaN and
 * infinities do not slow the others. {@code train_ms} of each trial is the pack's time divided by K.
 */
public final class PackedLinearRunner {
    private final TrainingPlan plan;

    public PackedLinearRunner(TrainingPlan plan) {
        this.plan = plan;
    }

    /** True when {@code trial} can be packed under {@code training}. */
    public static boolean packable(Trial trial, TrainingSpec training) {
        return training.fullBatch() && trial.model().isLinear() && trial.loss() == LossKind.MSE
                && trial.optimizer().usesLearningRate();
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

        INDArray x = Nd4j.create(data.x(), new long[] {n, d}, 'c').castTo(type);
        INDArray xt = x.transpose().dup('c');
        INDArray y = Nd4j.create(data.y(), new long[] {n, m}, 'c').castTo(type);
        INDArray yRep = Nd4j.create(type, n, cols);
        for (int t = 0; t < k; t++) {
            yRep.get(all(), cols(t * m, (t + 1) * m)).assign(y);
        }

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
                gradScale[t * m + j] = trial.alpha() * 2.0 / ((double) n * m);
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
        for (int t = 0; t < k; t++) {
            curves[t] = new Curve(epochs + 1);
        }
        Integer[] divergedAt = new Integer[k];
        DivergenceCause[] causes = new DivergenceCause[k];
        boolean[] live = new boolean[k];
        Arrays.fill(live, true);
        int alive = k;

        // Every array the epoch loop touches is allocated once, here.
        INDArray pred = Nd4j.create(type, n, cols);
        INDArray squares = Nd4j.create(type, n, cols);
        INDArray sse = Nd4j.create(type, cols);
        INDArray gw = Nd4j.create(type, d, cols);
        INDArray gwFlat = gw.reshape(1, (long) d * cols);
        INDArray gwSquares = Nd4j.create(type, d, cols);
        INDArray gw2 = Nd4j.create(type, cols);
        INDArray gb = Nd4j.create(type, 1, cols);
        INDArray gb2 = Nd4j.create(type, 1, cols);
        for (int e = 0; e <= epochs && alive > 0; e++) {
            // Forward: residuals of all trials at once, then per-column squared error.
            Nd4j.gemm(x, w, pred, false, false, 1.0, 0.0);
            pred.addiRowVector(b).subi(yRep);
            pred.mul(pred, squares).sum(sse, 0);
            // Backward: gradient of the scaled mean squared error for every column.
            Nd4j.gemm(xt, pred, gw, false, false, 1.0, 0.0);
            gw.muliRowVector(gradScaleRow);
            pred.sum(gb, true, 0).muli(gradScaleRow);
            gw.mul(gw, gwSquares).sum(gw2, 0);
            gb.mul(gb, gb2);
            double[] sseCols = sse.toDoubleVector();
            double[] gw2Cols = gw2.toDoubleVector();
            double[] gb2Cols = gb2.toDoubleVector();
            for (int t = 0; t < k; t++) {
                if (!live[t]) {
                    continue;
                }
                double loss = 0;
                double g2 = 0;
                for (int j = t * m; j < (t + 1) * m; j++) {
                    loss += sseCols[j];
                    g2 += gw2Cols[j] + gb2Cols[j];
                }
                loss /= (double) n * m;
                curves[t].add(loss, Math.sqrt(g2));
                DivergenceCause cause = rules.lossDivergence(loss, curves[t].first());
                if (cause != null) {
                    divergedAt[t] = e;
                    causes[t] = cause;
                    live[t] = false;
                    alive--;
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
        }

        long perTrial = (System.nanoTime() - start) / 1_000_000 / Math.max(1, k);
        List<TrialResult> out = new ArrayList<>(k);
        for (int t = 0; t < k; t++) {
            Curve c = curves[t];
            var metrics = Outcome.judge(c.loss(), c.gradNorm(), c.rows(), divergedAt[t], causes[t], rules,
                    plan.target(trials.get(t)));
            out.add(new TrialResult(trials.get(t), metrics, c.lossTrimmed(), c.gradNormTrimmed(), null, perTrial,
                    "packed"));
        }
        return out;
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
