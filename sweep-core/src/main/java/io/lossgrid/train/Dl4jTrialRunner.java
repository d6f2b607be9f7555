package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.DivergenceCause;
import io.lossgrid.outcome.Outcome;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Trains one trial as a DL4J {@link MultiLayerNetwork} with the α-scaled loss.
 *
 * <p>Full batch: each {@code fit} computes the gradient at the current parameters, which gives the
 * curve's row for those parameters at no extra cost; one more gradient pass gives the last row.
 * Mini-batch: the row of each epoch is an extra whole-data pass (for a {@code cnn}, made in slices of bounded
 * memory, {@link Networks#rowSlice}),
 * and batches are reshuffled every epoch from the trial's seed. After every epoch the loss and the parameters are checked, since a
 * network whose parameters are NaN can still report a finite score.
 *
 * <p>Each recorded row also gets its {@link io.lossgrid.metrics.EpochMetrics} at the same parameters
 * ({@link ValidationProbe}): the validation loss and predictions of a validation set, a classifier's accuracy
 * (from the logits of the row's own pass, {@link RowLogits}, where the network's training pass is its inference
 * pass).
 * <p>With {@code training.trace}, the first updates' batch losses and gradient norms are recorded as they are
 * computed ({@link TraceRecorder}; full batch: the probe's values, which are also the curve's rows), and a trial
 * that diverges or throws keeps those recorded before it stopped. Full batch: parameters that turn non-finite in
 * an update end the trial before another gradient is computed, so that update is the trace's last. Mini-batch:
 * the parameters are checked after each epoch, so the epoch's later updates run and record their non-finite
 * losses.
 */
public final class Dl4jTrialRunner {
    private static final int MAX_ERROR_CHARS = 2000;

    private final TrainingPlan plan;
    private final EpochListener listener;
    private final Models models;

    /** A runner that reports no epochs. */
    public Dl4jTrialRunner(TrainingPlan plan) {
        this(plan, EpochListener.NONE);
    }

    /** A runner that tells {@code epochs} of every epoch trained, one at a time. */
    public Dl4jTrialRunner(TrainingPlan plan, EpochListener epochs) {
        this(plan, epochs, Models.NONE);
    }

    /**
     * A runner that tells {@code epochs} of every epoch trained and saves each trial's network as {@code models}
     * says: the final one, or a copy of the parameters at the smallest loss recorded (kept while it trains). A
     * FAILED trial saves none; a model that cannot be written makes the trial FAILED.
     */
    public Dl4jTrialRunner(TrainingPlan plan, EpochListener epochs, Models models) {
        this.plan = plan;
        this.listener = java.util.Objects.requireNonNull(epochs, "epochs");
        this.models = java.util.Objects.requireNonNull(models, "models");
    }

    /**
     * Trains {@code trial} on {@code data}. Never throws for the trial's own failure: an exception becomes a
     * FAILED result, a NaN, infinite or exploding loss or parameter a DIVERGED one.
     */
    public TrialResult run(Trial trial, TrainingData data) {
        return run(trial, data, net -> { });
    }

    /**
     * Trains {@code trial} on {@code data} as {@link #run(Trial, TrainingData)} does, and hands the trained
     * network to {@code trained} before judging it (not when building or training threw), so that tests can
     * measure what it learnt.
     */
    TrialResult run(Trial trial, TrainingData data, Consumer<MultiLayerNetwork> trained) {
        return run(trial, data, null, "single", trained);
    }

    /**
     * Trains {@code trial} with {@code fit} advancing its network an epoch at a time (a distributed runner's
     * fit), recording the whole-data row before the first epoch and after each on this thread, and judging the
     * curve as for any trial. Never throws for the trial's own failure: {@code fit} throwing makes it FAILED.
     *
     * @param runner the name the trials table gives the runner ({@code distributed})
     */
    public TrialResult run(Trial trial, TrainingData data, EpochFit fit, String runner) {
        return run(trial, data, java.util.Objects.requireNonNull(fit, "fit"), runner, net -> { });
    }

    private TrialResult run(Trial trial, TrainingData data, EpochFit fit, String runner,
                            Consumer<MultiLayerNetwork> trained) {
        long start = System.nanoTime();
        TrainingSpec training = plan.training();
        Curve curve = new Curve(training.epochs() + 1);
        Double target = plan.target(trial);
        ValidationProbe probe = null;
        TraceRecorder trace = new TraceRecorder(trial.alpha(), training.traceIterations());
        try {
            MultiLayerNetwork net = Networks.build(trial, data, training);
            DataSet full = data.dataSet(training.dataType());
            // A cnn's activations are many times its inputs: its mini-batch rows are measured in slices of bounded memory.
            int chunk = !training.fullBatch() && trial.model().convolution() != null
                    ? Networks.rowSlice(net, data, training) : 0;
            probe = new ValidationProbe(net, data, full.getFeatures(), training.dataType(), training.epochs() + 1, chunk);
            Best best = models.output().keepsBest() ? new Best(probe.validates()) : null;
            Stop stop = fit != null ? epochs(net, full, trial, curve, fit, probe, chunk, best)
                    : training.fullBatch() ? fullBatch(net, full, trial.alpha(), curve, probe, trace, best)
                    : epochs(net, full, trial, curve, miniBatches(trial, trace), probe, chunk, best);
            trained.accept(net);
            TrialMetrics metrics = Outcome.judge(curve.loss(), curve.gradNorm(), curve.rows(),
                    stop == null ? null : stop.epoch, stop == null ? null : stop.cause, plan.rules(), target);
            String modelPath = save(trial, net, best);
            return new TrialResult(trial, metrics, curve.lossTrimmed(), curve.gradNormTrimmed(), null, millis(start),
                    runner, traced(trace), probe.finish(curve.rows()), modelPath);
        } catch (Exception | StackOverflowError e) {
            return new TrialResult(trial, Outcome.failed(curve.loss(), curve.rows(), target), curve.lossTrimmed(),
                    curve.gradNormTrimmed(), describe(e), millis(start), runner, traced(trace),
                    probe == null ? null : probe.finish(curve.rows()));
        }
    }

    /** The trace recorded, or null when the spec asks for none. */
    private Trace traced(TraceRecorder trace) {
        return plan.training().trace() == null ? null : trace.trace();
    }

    /** Saves the trial's network as {@code output.models} asks; returns its path, or null when none is saved. */
    private String save(Trial trial, MultiLayerNetwork net, Best best) throws java.io.IOException {
        if (!models.output().saves()) {
            return null;
        }
        if (best != null && best.params != null) {
            net.setParams(best.params);
        }
        try {
            return models.sink().save(trial, net);
        } catch (java.io.IOException | RuntimeException e) {
            throw new java.io.IOException("could not save the model of " + trial.id() + ": " + e.getMessage(), e);
        }
    }

    /** Each epoch's metrics row is recorded before its update, at the parameters the curve's row is for. */
    private Stop fullBatch(MultiLayerNetwork net, DataSet full, double alpha, Curve curve, ValidationProbe metrics,
                           TraceRecorder trace, Best best) {
        Probe probe = new Probe(full.numExamples());
        // the update's gradient pass is the row's pass: the metrics' listener stays attached
        net.setListeners(metrics.listener() == null ? List.of(probe) : List.of(probe, metrics.listener()));
        OutcomeRules rules = plan.rules();
        for (int e = 0; e < plan.training().epochs(); e++) {
            metrics.measure(net);
            // the parameters of row e are overwritten by its update: copied first where the row may be the best
            INDArray before = best != null && best.mayImprove(metrics.lastValLoss()) ? net.params().dup() : null;
            net.fit(full);
            metrics.complete();
            listener.epochsDone(1);
            curve.add(probe.score / alpha, probe.gradNorm);
            trace.add(e + 1, probe.score / alpha, probe.gradNorm);
            if (before != null) {
                best.keep(curve.last(), metrics.lastValLoss(), before);
            }
            Stop stop = checkLoss(rules, curve, e);
            if (stop == null) {
                stop = checkParams(net.params(), curve, e + 1);
                if (stop != null) {
                    metrics.recordEmpty();
                }
            }
            if (stop != null) {
                return stop;
            }
        }
        metrics.measure(net);
        record(net, full, alpha, curve);
        metrics.complete();
        if (best != null) {
            best.offer(curve.last(), metrics.lastValLoss(), net.params());
        }
        return checkLoss(rules, curve, plan.training().epochs());
    }

    /**
     * One epoch of this thread's mini-batches, reshuffled from the trial's seed; with {@code training.trace}, the
     * first updates are recorded by {@code trace} (attached at the first epoch, detached once it is full).
     */
    private EpochFit miniBatches(Trial trial, TraceRecorder trace) {
        DataSet[] work = {null};
        boolean[] tracing = {plan.training().trace() != null};
        return (net, full, e) -> {
            if (work[0] == null) {
                work[0] = full.copy();
                if (tracing[0]) {
                    net.setListeners(trace);
                }
            }
            work[0].shuffle(shuffleSeed(trial, e));
            for (DataSet batch : work[0].batchBy(plan.training().batchSize())) {
                trace.batch(e, batch.numExamples());
                net.fit(batch);
                if (tracing[0] && trace.full()) {
                    net.setListeners(); // a network with listeners does more per update: none once the trace is full
                    tracing[0] = false;
                }
            }
        };
    }

    /** Epochs advanced by {@code fit}, a whole-data row (and its metrics) recorded before the first and after each. */
    private Stop epochs(MultiLayerNetwork net, DataSet full, Trial trial, Curve curve, EpochFit fit,
                        ValidationProbe metrics, int chunk, Best best) throws Exception {
        OutcomeRules rules = plan.rules();
        row(net, full, trial.alpha(), curve, chunk, metrics);
        if (best != null) {
            best.offer(curve.last(), metrics.lastValLoss(), net.params());
        }
        Stop stop = checkLoss(rules, curve, 0);
        for (int e = 1; stop == null && e <= plan.training().epochs(); e++) {
            fit.fit(net, full, e);
            listener.epochsDone(1);
            stop = checkParams(net.params(), curve, e);
            if (stop == null) {
                row(net, full, trial.alpha(), curve, chunk, metrics);
                if (best != null) {
                    best.offer(curve.last(), metrics.lastValLoss(), net.params());
                }
                stop = checkLoss(rules, curve, e);
            } else {
                metrics.recordEmpty();
            }
        }
        return stop;
    }

    /** The seed the mini-batches of epoch {@code epoch} (from 1) are shuffled with. */
    static long shuffleSeed(Trial trial, int epoch) {
        return shuffleSeed(trial.seed(), epoch);
    }

    /**
     * The seed the mini-batches of epoch {@code epoch} (from 1) of a trial seeded {@code seed} are shuffled with:
     * every runner (single, packed, distributed) deals its batches in this order, so a trial's curve does not
     * depend on which of them trained it.
     */
    public static long shuffleSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    /**
     * Records the row of the current parameters and its metrics, the metrics' listener attached to the network for
     * the row's pass only (the mini-batch updates run without it).
     */
    private static void row(MultiLayerNetwork net, DataSet full, double alpha, Curve curve, int chunk,
                            ValidationProbe metrics) {
        metrics.measure(net);
        List<TrainingListener> attached = new ArrayList<>(net.getListeners());
        if (metrics.listener() != null) {
            net.addListeners(metrics.listener());
        }
        try {
            record(net, full, alpha, curve, chunk);
        } finally {
            net.setListeners(attached);
        }
        metrics.complete();
    }

    /**
     * Appends the row for the current parameters: whole-data loss and mean-gradient norm, computed over
     * slices of {@code chunk} examples (their losses weighted by their sizes, their summed gradients added),
     * so that no more than a batch's activations are held at once; {@code chunk} 0 computes it in one pass.
     */
    private static void record(MultiLayerNetwork net, DataSet full, double alpha, Curve curve, int chunk) {
        int n = full.numExamples();
        if (chunk <= 0 || chunk >= n) {
            record(net, full, alpha, curve);
            return;
        }
        double score = 0;
        INDArray gradient = null;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            net.setInput(full.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            net.setLabels(full.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            net.computeGradientAndScore();
            score += net.score() * (to - from) / n;
            INDArray g = net.gradient().gradient();
            gradient = gradient == null ? g.dup() : gradient.addi(g);
        }
        curve.add(score / alpha, gradient.norm2Number().doubleValue() / n);
    }

    /** Appends the row for the current parameters: whole-data loss and mean-gradient norm. */
    private static void record(MultiLayerNetwork net, DataSet full, double alpha, Curve curve) {
        net.setInput(full.getFeatures());
        net.setLabels(full.getLabels());
        net.computeGradientAndScore();
        double norm = net.gradient().gradient().norm2Number().doubleValue() / full.numExamples();
        curve.add(net.score() / alpha, norm);
    }

    private static Stop checkLoss(OutcomeRules rules, Curve curve, int epoch) {
        DivergenceCause cause = rules.lossDivergence(curve.last(), curve.first());
        return cause == null ? null : new Stop(epoch, cause);
    }

    /** NaN or infinite parameters end the trial with a row of that epoch whose loss is NaN or infinite. */
    private static Stop checkParams(INDArray params, Curve curve, int epoch) {
        if (Double.isFinite(params.sumNumber().doubleValue())) {
            return null;
        }
        boolean nan = BooleanIndexing.or(params, Conditions.isNan());
        curve.add(nan ? Double.NaN : Double.POSITIVE_INFINITY, Double.NaN);
        return new Stop(epoch, nan ? DivergenceCause.NAN : DivergenceCause.INF);
    }

    static String describe(Throwable e) {
        String s = e.getClass().getName() + ": " + e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            s += " (caused by " + root.getClass().getName() + ": " + root.getMessage() + ")";
        }
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > MAX_ERROR_CHARS ? s.substring(0, MAX_ERROR_CHARS) : s;
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private record Stop(int epoch, DivergenceCause cause) {
    }

    /**
     * A copy of the parameters at the best row recorded so far: the smallest finite validation loss where the trial
     * has a validation set, else the smallest finite training loss.
     */
    private static final class Best {
        private final boolean byValidation;
        double loss = Double.POSITIVE_INFINITY;
        INDArray params;

        Best(boolean byValidation) {
            this.byValidation = byValidation;
        }

        /** Keeps a copy of {@code at} (live parameters) if the row of these losses is the best so far. */
        void offer(double trainingLoss, double validationLoss, INDArray at) {
            if (improves(trainingLoss, validationLoss)) {
                keep(trainingLoss, validationLoss, at.dup());
            }
        }

        /** Keeps {@code copy} (the caller's own copy of the row's parameters) if the row is the best so far. */
        void keep(double trainingLoss, double validationLoss, INDArray copy) {
            if (improves(trainingLoss, validationLoss)) {
                loss = byValidation ? validationLoss : trainingLoss;
                params = copy;
            }
        }

        /** False when a row of this validation loss cannot be the best (its training loss is not known yet). */
        boolean mayImprove(double validationLoss) {
            return !byValidation || improves(Double.NaN, validationLoss);
        }

        private boolean improves(double trainingLoss, double validationLoss) {
            double l = byValidation ? validationLoss : trainingLoss;
            return Double.isFinite(l) && l < loss;
        }
    }

    /** Reads the score and gradient the optimizer is about to use, before the updater rewrites the gradient. */
    private static final class Probe extends BaseTrainingListener {
        private final int examples;
        double score = Double.NaN;
        double gradNorm = Double.NaN;

        Probe(int examples) {
            this.examples = examples;
        }

        @Override
        public void onGradientCalculation(Model model) {
            score = model.score();
            gradNorm = model.gradient().gradient().norm2Number().doubleValue() / examples;
        }
    }
}
