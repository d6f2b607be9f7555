package io.lossgrid.distributed;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.EpochListener;
import io.lossgrid.train.Models;
import io.lossgrid.train.TrainingPlan;
import io.lossgrid.train.TrialResult;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains distributed trials one after another from the driver, each as its own Spark jobs (described
 * {@code batch N: distributed trial ID (k of m), epoch e} in Spark's UI): sweep-core's runner records and judges
 * the curve, {@link DistributedFit} advances the network an epoch at a time across the workers. The whole-data
 * loss and gradient norm of every epoch's row are computed on the driver, from the averaged network and the
 * data the driver holds, exactly as for a trial on one executor. A trial that throws (in the bridge or on a
 * worker) or goes NaN is a result with its status, never an exception.
 */
public final class DistributedTrials {
    /** The trials table's name for this runner. */
    public static final String RUNNER = "distributed";

    private final JavaSparkContext jsc;
    private final TrainingPlan plan;
    private final Map<String, TrainingData> data;
    private final EpochListener epochs;
    private final Models models;

    /**
     * @param plan   the sweep's plan; its training must be distributed
     * @param data   the prepared data sets by key, held on the driver
     * @param epochs told of every epoch trained (the progress line)
     * @param models which network of each trial is saved, and where
     */
    public DistributedTrials(JavaSparkContext jsc, TrainingPlan plan, Map<String, TrainingData> data, EpochListener epochs,
                             Models models) {
        if (!plan.training().isDistributed()) {
            throw new IllegalArgumentException("distributed trials need training.distributed, found a training on one"
                    + " executor: " + plan.training());
        }
        this.jsc = jsc;
        this.plan = plan;
        this.data = Map.copyOf(data);
        this.epochs = epochs;
        this.models = models;
    }

    /**
     * Trains {@code trials} of batch {@code batch} in order, handing each result to {@code sink} as it finishes.
     *
     * @param stopped true once the run was asked to stop (Ctrl-C cancels the Spark jobs of the trial in flight,
     *                which then fails): no result is handed on after that
     * @throws Interrupted when {@code stopped} turned true; the batch is then not committed
     */
    public void run(int batch, List<Trial> trials, Consumer<TrialResult> sink, BooleanSupplier stopped) {
        Dl4jTrialRunner runner = new Dl4jTrialRunner(plan, epochs, models);
        for (int i = 0; i < trials.size(); i++) {
            if (stopped.getAsBoolean()) {
                throw new Interrupted(batch);
            }
            Trial t = trials.get(i);
            String description = "batch " + batch + ": distributed trial " + t.id() + " (" + (i + 1) + " of "
                    + trials.size() + ")";
            DistributedFit fit = new DistributedFit(jsc, plan.training().distributed(), t.seed(), description);
            TrialResult r = runner.run(t, data.get(t.dataKey()), fit, RUNNER);
            if (stopped.getAsBoolean()) {
                throw new Interrupted(batch);
            }
            sink.accept(r);
        }
    }

    /** The run was asked to stop while the batch's distributed trials trained. */
    public static final class Interrupted extends RuntimeException {
        Interrupted(int batch) {
            super("stopped while training the distributed trials of batch " + batch, null, false, false);
        }
    }
}
