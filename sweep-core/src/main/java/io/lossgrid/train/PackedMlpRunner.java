package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.outcome.DivergenceCause;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains K alike dense networks at once ({@code mlp} models, and {@code linear} ones under a softmax loss, which
 * {@link PackedLinearRunner} does not pack): trials of one data set, one architecture (hidden widths, activation,
 * weight initialisation), one loss, one optimizer configuration, differing in α, learning rate and seed, train as
 * one {@link StackedMlp}. Their curves are the ones {@link Dl4jTrialRunner} records for each alone, to float
 * rounding (tests hold them within 1e-5 relative):
 * <ul>
 *   <li>Initial parameters: each trial's network is initialised as {@code MultiLayerNetwork.init()} initialises
 *       it (ND4J's generator seeded with the trial's seed, then each layer's weights drawn in order by DL4J's own
 *       weight initialiser, biases 0), so a trial starts where it would alone, whatever its pack.</li>
 *   <li>Each step: the forward pass, the loss of every trial on its own logits ({@link PackedHead}: a softmax loss
 *       takes the softmax over the trial's own outputs), the backward pass, and ND4J's updater op at learning
 *       rate 1 over the stacked gradient, scaled by each trial's rate; every supported update rule is
 *       elementwise and linear in its learning rate. AdaDelta has none: its trials are scaled by 1.</li>
 *   <li>Full batch: row e is the loss and gradient norm of the pass that gives update e. Mini-batch: the pack
 *       holds trials of one seed, whose batches are the single runner's ({@code DataSet.shuffle(seed·1000003 + e)},
 *       then {@code batchBy}); row e is a whole-data pass after epoch e.</li>
 *   <li>Divergence: after every row the loss, after every epoch the parameters, as the single runner checks
 *       them. A trial that diverges stops recording; its parameters, updater state and learning rate are
 *       zeroed, so the others go on unchanged.</li>
 *   <li>Epoch metrics ({@link EpochMetrics}) as {@link ValidationProbe} records them alone, at each row's
 *       parameters: a classifier's training accuracy from the logits of the row's pass, and with a validation set
 *       one forward pass over it per row.</li>
 * </ul>
 * {@code train_ms} of each trial is the pack's time divided by K.
 */
public final class PackedMlpRunner {
    /** Hidden activations applied elementwise (softmax couples a row, rrelu draws noise): the ones packed. */
    static final Set<Activation> ELEMENTWISE = EnumSet.complementOf(EnumSet.of(Activation.SOFTMAX, Activation.RRELU));

    private final TrainingPlan plan;
    private final EpochListener listener;

    /** A runner that reports no epochs. */
    public PackedMlpRunner(TrainingPlan plan) {
        this(plan, EpochListener.NONE);
    }

    /** A runner that tells {@code epochs}, after every epoch, how many trials of the pack it trained. */
    public PackedMlpRunner(TrainingPlan plan, EpochListener epochs) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.listener = Objects.requireNonNull(epochs, "epochs");
    }

    /**
     * True when {@code trial} can be packed by this runner: an {@code mlp} with an elementwise hidden activation,
     * or a {@code linear} model that {@link PackedLinearRunner} does not pack, under a loss with a stacked form
     * ({@link PackedHead#of}), in a sweep without {@code training.trace}.
     */
    public static boolean packable(Trial trial, TrainingData data, TrainingSpec training) {
        ModelSpec model = trial.model();
        if (model.convolution() != null || !ELEMENTWISE.contains(model.activation())) {
            return false;
        }
        // A trace (per-update rows) is the single runner's.
        if (training.trace() != null) {
            return false;
        }
        if (model.isLinear() && PackedLinearRunner.packable(trial, data, training)) {
            return false;
        }
        return PackedHead.of(trial.loss()).isPresent();
    }

    /**
     * The key alike trials share: data (with its loss), architecture, weight initialisation, optimizer
     * configuration, and under mini-batch training the seed (which orders the batches).
     */
    public static String packKey(Trial trial, TrainingSpec training) {
        ModelSpec model = trial.model();
        return trial.dataKey() + "|" + model.type() + model.hidden() + model.activation() + "|" + model.weightInit()
                + "|" + trial.optimizer().describe() + (training.fullBatch() ? "" : "|seed " + trial.seed());
    }

    /** Bytes one trial of {@code trial}'s shape takes in a pack on {@code data} (see {@link StackedMlp#trialBytes}). */
    public static long trialBytes(Trial trial, TrainingData data, TrainingSpec training) {
        int[] widths = StackedMlp.widths(data.inputs(), trial.model().hidden(), data.outputs());
        long states = trial.optimizer().updater(1.0).stateSize(1);
        int rows = data.rows() + (data.validation() == null ? 0 : data.validation().rows());
        return StackedMlp.trialBytes(widths, rows, training.dataType(), (int) states);
    }

    /** Trains {@code trials} (all packable, all of one {@link #packKey}) on {@code data}. */
    public List<TrialResult> run(List<Trial> trials, TrainingData data) {
        long start = System.nanoTime();
        TrainingSpec training = plan.training();
        OutcomeRules rules = plan.rules();
        int k = trials.size();
        Trial first = trials.get(0);
        PackedHead head = PackedHead.of(first.loss()).orElseThrow(() -> new IllegalArgumentException(
                "packed networks need a loss with a stacked form, found " + first.loss().name()));
        int[] widths = StackedMlp.widths(data.inputs(), first.model().hidden(), data.outputs());
        double[] rates = new double[k];
        double[] alpha = new double[k];
        for (int t = 0; t < k; t++) {
            rates[t] = first.optimizer().usesLearningRate() ? trials.get(t).learningRate() : 1.0;
            alpha[t] = trials.get(t).alpha();
        }
        StackedMlp net = new StackedMlp(widths, first.model().activation().getActivationFunction(),
                training.dataType(), first.optimizer().updater(1.0), rates);
        for (int t = 0; t < k; t++) {
            MultiLayerNetwork alone = Networks.build(trials.get(t), data, training);
            for (int l = 0; l < alone.getnLayers(); l++) {
                net.set(t, l, alone.getParam(l + "_W"), alone.getParam(l + "_b"));
            }
        }
        DataSet full = data.dataSet(training.dataType());
        Pack pack = new Pack(net, head, alpha, training.epochs(), rules, PackedMetrics.of(data, training, k));
        if (training.fullBatch()) {
            fullBatch(pack, full);
        } else {
            miniBatch(pack, full, first.seed());
        }
        long perTrial = (System.nanoTime() - start) / 1_000_000 / Math.max(1, k);
        List<TrialResult> out = new ArrayList<>(k);
        for (int t = 0; t < k; t++) {
            Curve c = pack.curves[t];
            var metrics = Outcome.judge(c.loss(), c.gradNorm(), c.rows(), pack.stoppedAt[t], pack.causes[t], rules,
                    plan.target(trials.get(t)));
            out.add(new TrialResult(trials.get(t), metrics, c.lossTrimmed(), c.gradNormTrimmed(), null, perTrial,
                    "packed", null, pack.metrics.finish(t, c.rows()), null));
        }
        return out;
    }

    /** Row e is the pass that gives update e; the parameters are checked after every update. */
    private void fullBatch(Pack pack, DataSet full) {
        PackedHead.Labels labels = PackedHead.Labels.of(full.getLabels(), pack.k);
        int epochs = plan.training().epochs();
        for (int e = 0; e <= epochs && pack.alive > 0; e++) {
            pack.measure(full.getFeatures(), labels, e);
            if (e == epochs || pack.alive == 0) {
                break;
            }
            pack.net.update(e);
            pack.checkParameters(e + 1);
            if (pack.alive > 0) {
                listener.epochsDone(pack.alive);
            }
        }
    }

    /**
     * The single runner's batches: every epoch the data is reshuffled from the pack's seed and cut into batches,
     * one update each; then the parameters are checked and row e is a whole-data pass.
     */
    private void miniBatch(Pack pack, DataSet full, long seed) {
        PackedHead.Labels labels = PackedHead.Labels.of(full.getLabels(), pack.k);
        pack.measure(full.getFeatures(), labels, 0);
        DataSet work = full.copy();
        int iteration = 0;
        for (int e = 1; e <= plan.training().epochs() && pack.alive > 0; e++) {
            work.shuffle(Dl4jTrialRunner.shuffleSeed(seed, e));
            for (DataSet batch : work.batchBy(plan.training().batchSize())) {
                pack.train(batch);
                pack.net.update(iteration++);
            }
            listener.epochsDone(pack.alive);
            pack.checkParameters(e);
            if (pack.alive > 0) {
                pack.measure(full.getFeatures(), labels, e);
            }
        }
    }

    /** A pack being trained: its stacked networks, the curves of its trials, and which of them still train. */
    private static final class Pack {
        final StackedMlp net;
        final PackedHead head;
        final double[] alpha;
        final int k;
        final Curve[] curves;
        final Integer[] stoppedAt;
        final DivergenceCause[] causes;
        final boolean[] live;
        final OutcomeRules rules;
        final double[] loss;
        final double[] gradNorm;
        final PackedMetrics metrics;
        int alive;

        Pack(StackedMlp net, PackedHead head, double[] alpha, int epochs, OutcomeRules rules, PackedMetrics metrics) {
            this.net = net;
            this.metrics = metrics;
            this.head = head;
            this.alpha = alpha;
            this.k = alpha.length;
            this.rules = rules;
            curves = new Curve[k];
            for (int t = 0; t < k; t++) {
                curves[t] = new Curve(epochs + 1);
            }
            stoppedAt = new Integer[k];
            causes = new DivergenceCause[k];
            live = new boolean[k];
            Arrays.fill(live, true);
            alive = k;
            loss = new double[k];
            gradNorm = new double[k];
        }

        /** A pass over one batch, leaving its gradient for the update. */
        void train(DataSet batch) {
            net.pass(batch.getFeatures(), PackedHead.Labels.of(batch.getLabels(), k), head,
                    scale(batch.numExamples()), loss, gradNorm);
        }

        /** A pass over {@code x}, whose loss and gradient norm become row {@code epoch} of every live trial. */
        void measure(INDArray x, PackedHead.Labels labels, int epoch) {
            double[] logits = net.pass(x, labels, head, scale(labels.n()), loss, gradNorm);
            metrics.record(net, head, logits, labels.n(), live);
            for (int t = 0; t < k; t++) {
                if (live[t]) {
                    curves[t].add(loss[t], gradNorm[t]);
                    DivergenceCause cause = rules.lossDivergence(loss[t], curves[t].first());
                    if (cause != null) {
                        stop(t, epoch, cause);
                    }
                }
            }
        }

        /** Stops every live trial with a NaN or infinite parameter, with a row of that epoch as the single runner. */
        void checkParameters(int epoch) {
            Boolean[] nan = net.nonFinite(live);
            for (int t = 0; t < k; t++) {
                if (nan[t] != null) {
                    curves[t].add(nan[t] ? Double.NaN : Double.POSITIVE_INFINITY, Double.NaN);
                    metrics.recordEmpty(t);
                    stop(t, epoch, nan[t] ? DivergenceCause.NAN : DivergenceCause.INF);
                }
            }
        }

        private void stop(int t, int epoch, DivergenceCause cause) {
            stoppedAt[t] = epoch;
            causes[t] = cause;
            live[t] = false;
            alive--;
            net.freeze(t);
        }

        /** α/n per trial: the gradient of the mean over n examples of the α-scaled loss. */
        private double[] scale(int n) {
            double[] s = new double[k];
            for (int t = 0; t < k; t++) {
                s[t] = alpha[t] / n;
            }
            return s;
        }
    }
}
