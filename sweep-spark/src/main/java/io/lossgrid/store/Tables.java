package io.lossgrid.store;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.lossgrid.device.TaskDevice;
import io.lossgrid.grid.Trial;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.spec.Hyper;
import io.lossgrid.spec.TrainingSpec;
import io.lossgrid.train.Trace;
import io.lossgrid.train.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schema of results, declared once: the {@code trials} table (one row per trial), the
 * {@code epochs} table (one row per trial and epoch) and, for a sweep with {@code training.trace}, the
 * {@code iterations} table (one row per trial and traced update). Only plain Parquet types are used (string,
 * double, int32, int64), so DuckDB, pandas and pyarrow read the files as they are. The README's table
 * of columns is generated from these lists ({@link #markdown()}).
 */
public final class Tables {
    private Tables() {
    }

    /**
     * A trial's row is made from its result plus the context that shipped with it.
     *
     * @param device the device the trial trained on and the GPU Spark assigned to its task
     */
    public record TrialRow(TrialResult result, TrainingSpec training, String executor, long finishedAtMs,
                           TaskDevice device) implements java.io.Serializable {
        public TrialRow {
            if (device == null) {
                throw new IllegalArgumentException("trialRow.device must be given (TaskDevice.CPU for a CPU task"
                        + " without a GPU), found null");
            }
        }

        /** A row of a trial trained on the CPU by a task that was assigned no GPU. */
        public TrialRow(TrialResult result, TrainingSpec training, String executor, long finishedAtMs) {
            this(result, training, executor, finishedAtMs, TaskDevice.CPU);
        }

        public Trial trial() {
            return result.trial();
        }

        public TrialMetrics metrics() {
            return result.metrics();
        }
    }

    /**
     * One point of a loss curve, with the validation and classification metrics of that epoch (null where they do
     * not apply, see {@link EpochMetrics}).
     */
    public record EpochRow(String trialId, int epoch, double loss, double alpha, double gradNorm, Double valLoss,
                           Double accuracy, Double valAccuracy, Double valBalancedAccuracy, Double valAuc,
                           Double valPrAuc) implements java.io.Serializable {

        /** A point without metrics. */
        public EpochRow(String trialId, int epoch, double loss, double alpha, double gradNorm) {
            this(trialId, epoch, loss, alpha, gradNorm, null, null, null, null, null, null);
        }

        /** Row {@code epoch} of {@code metrics} (null: none). */
        static EpochRow of(String trialId, int epoch, double loss, double alpha, double gradNorm, EpochMetrics metrics) {
            if (metrics == null) {
                return new EpochRow(trialId, epoch, loss, alpha, gradNorm);
            }
            return new EpochRow(trialId, epoch, loss, alpha, gradNorm, EpochMetrics.at(metrics.valLoss(), epoch),
                    EpochMetrics.at(metrics.accuracy(), epoch), EpochMetrics.at(metrics.valAccuracy(), epoch),
                    EpochMetrics.at(metrics.valBalancedAccuracy(), epoch), EpochMetrics.at(metrics.valAuc(), epoch),
                    EpochMetrics.at(metrics.valPrAuc(), epoch));
        }
    }

    /** One traced update of a trial ({@link io.lossgrid.train.Trace}). */
    public record IterationRow(String trialId, int iteration, int epoch, double batchLoss, double gradNorm)
            implements java.io.Serializable {
    }

    public static final List<Column<TrialRow>> TRIAL_COLUMNS = trialColumns();

    public static final List<Column<EpochRow>> EPOCH_COLUMNS = List.of(
            new Column<>("trial_id", StringType, false, "the trial's id (see trials.trial_id)", EpochRow::trialId),
            new Column<>("epoch", IntegerType, false, "0 is before any update; e is after e epochs", EpochRow::epoch),
            new Column<>("loss", DoubleType, false, "loss on the whole data set, unscaled", EpochRow::loss),
            new Column<>("scaled_loss", DoubleType, false, "alpha * loss: what the optimizer minimised",
                    r -> r.alpha() * r.loss()),
            new Column<>("grad_norm", DoubleType, false,
                    "L2 norm of the whole-data mean gradient of the scaled loss at this epoch's parameters (full batch: the"
                            + " gradient the next update received); NaN at a row recorded for NaN parameters",
                    EpochRow::gradNorm),
            new Column<>("val_loss", DoubleType, true, "loss on the validation set, unscaled, at this epoch's parameters;"
                    + " null without a validation set (and in rows written before lossgrid had them)", EpochRow::valLoss),
            new Column<>("accuracy", DoubleType, true, "share of the training examples classified right (a classifier:"
                    + " xent and softmax focal take the largest output, bce and one-output focal a logit > 0); null for"
                    + " regression losses", EpochRow::accuracy),
            new Column<>("val_accuracy", DoubleType, true, "share of the validation examples classified right; null"
                    + " without a validation set or for regression losses", EpochRow::valAccuracy),
            new Column<>("val_balanced_accuracy", DoubleType, true, "mean per-class recall over the classes present in"
                    + " the validation set: the honest accuracy on imbalanced data; null as val_accuracy",
                    EpochRow::valBalancedAccuracy),
            new Column<>("val_auc", DoubleType, true, "ROC AUC of the class-1 score on the validation set (ties counted"
                    + " half); null unless two classes and a validation set with both", EpochRow::valAuc),
            new Column<>("val_pr_auc", DoubleType, true, "average precision of the class-1 score on the validation set"
                    + " (as scikit-learn's average_precision_score); null as val_auc", EpochRow::valPrAuc));

    public static final List<Column<IterationRow>> ITERATION_COLUMNS = List.of(
            new Column<>("trial_id", StringType, false, "the trial's id (see trials.trial_id)", IterationRow::trialId),
            new Column<>("iteration", IntegerType, false, "the update, from 1: iteration i is the trial's i-th update"
                    + " (full batch: epoch i)", IterationRow::iteration),
            new Column<>("epoch", IntegerType, false, "the epoch the update belongs to, from 1", IterationRow::epoch),
            new Column<>("batch_loss", DoubleType, false, "loss of the mini-batch the update was computed from, unscaled"
                    + " (the scaled score over alpha), at the parameters before the update; NaN or infinite where"
                    + " training diverged", IterationRow::batchLoss),
            new Column<>("grad_norm", DoubleType, false, "L2 norm of that mini-batch's mean gradient of the scaled loss,"
                    + " before the updater", IterationRow::gradNorm));

    public static final StructType TRIALS = schema(TRIAL_COLUMNS);
    public static final StructType EPOCHS = schema(EPOCH_COLUMNS);
    public static final StructType ITERATIONS = schema(ITERATION_COLUMNS);

    private static List<Column<TrialRow>> trialColumns() {
        List<Column<TrialRow>> c = new ArrayList<>();
        c.add(col("trial_id", StringType, false, "stable id: optimizer name and 12 hex digits of a SHA-256 of the trial's"
                + " configuration", r -> r.trial().id()));
        c.add(col("trial_index", IntegerType, false, "position in the sweep's fixed order, from 0", r -> r.trial().index()));
        c.add(col("round", IntegerType, false, "the search round that ran the trial, from 0; 0 for a grid or a random"
                + " search", r -> r.trial().round()));
        c.add(col("data", StringType, false, "data set name", r -> r.trial().data()));
        c.add(col("model", StringType, false, "model name", r -> r.trial().model().name()));
        c.add(col("model_type", StringType, false, "linear, mlp or cnn", r -> r.trial().model().type()));
        c.add(col("hidden", StringType, false, "hidden (mlp) or dense (cnn) layer widths, e.g. 32x32; empty for linear",
                r -> String.join("x", r.trial().model().hidden().stream().map(String::valueOf).toList())));
        c.add(col("activation", StringType, true, "hidden activation; null for linear",
                r -> r.trial().model().isLinear() ? null : lower(r.trial().model().activation().name())));
        c.add(col("weight_init", StringType, false, "DL4J WeightInit, lower case",
                r -> lower(r.trial().model().weightInit().name())));
        c.add(col("loss", StringType, false, "the loss with its parameters, e.g. mse, bce(posWeight=9.0), focal(gamma=2.0, balance=0.25)", r -> r.trial().loss().name()));
        c.add(col("optimizer", StringType, false, "optimizer name, lower case", r -> r.trial().optimizer().name()));
        c.add(col("optimizer_config", StringType, false, "name and hyperparameters, e.g. adam(beta1=0.9, beta2=0.999,"
                + " epsilon=1.0E-8): tells apart two entries of one optimizer", r -> r.trial().optimizer().describe()));
        for (Hyper h : Hyper.values()) {
            c.add(col(h.column(), DoubleType, true, h.doc() + "; null where the optimizer has none",
                    r -> r.trial().optimizer().hyperparameters().get(h)));
        }
        c.add(col("alpha", DoubleType, false, "factor the loss is multiplied by before differentiation", r -> r.trial().alpha()));
        c.add(col("learning_rate", DoubleType, false, "the optimizer's learning rate", r -> r.trial().learningRate()));
        c.add(col("effective_lr", DoubleType, false, "alpha * learning_rate, rounded to 12 significant digits as range"
                + " points are, so equal products are equal values (GROUP BY effective_lr keeps a class together)",
                r -> r.trial().effectiveLearningRate()));
        c.add(col("seed", LongType, false, "seeds weight initialisation and batch shuffling", r -> r.trial().seed()));
        c.add(col("epochs", IntegerType, false, "epochs configured", r -> r.training().epochs()));
        c.add(col("batch_size", IntegerType, true, "examples per update; null for full batch",
                r -> r.training().fullBatch() ? null : r.training().batchSize()));
        c.add(col("dtype", StringType, false, "float or double", r -> lower(r.training().dataType().name())));
        c.add(col("status", StringType, false, "CONVERGED, NOT_CONVERGED, OSCILLATING, DIVERGED or FAILED",
                r -> r.metrics().status().name()));
        c.add(col("epochs_run", IntegerType, false, "epochs completed before the trial ended", r -> r.metrics().epochsRun()));
        c.add(col("initial_loss", DoubleType, true, "loss before any update (unscaled)", r -> r.metrics().initialLoss()));
        c.add(col("final_loss", DoubleType, true, "loss at the last recorded epoch", r -> r.metrics().finalLoss()));
        c.add(col("min_loss", DoubleType, true, "smallest finite loss recorded", r -> r.metrics().minLoss()));
        c.add(col("target_loss", DoubleType, true, "target the convergence rule used; null if none was known",
                r -> r.metrics().targetLoss()));
        c.add(col("epochs_to_target", IntegerType, true, "first epoch whose loss reached the target; null if none",
                r -> r.metrics().epochsToTarget()));
        c.add(col("rise_share", DoubleType, false, "share of epochs in the second half of the run whose loss rose",
                r -> r.metrics().riseShare()));
        c.add(col("max_rise", DoubleType, false, "largest relative rise of the loss in that half",
                r -> r.metrics().maxRise()));
        c.add(col("diverged_epoch", IntegerType, true, "epoch where divergence was detected; null if none",
                r -> r.metrics().divergedEpoch()));
        c.add(col("divergence_cause", StringType, true, "NAN, INF or EXPLOSION; null if not diverged",
                r -> r.metrics().divergenceCause() == null ? null : r.metrics().divergenceCause().name()));
        c.add(col("divergence_loss_ratio", DoubleType, true, "loss at divergence over the initial loss",
                r -> r.metrics().divergenceLossRatio()));
        c.add(col("divergence_grad_norm", DoubleType, true, "gradient norm recorded at divergence",
                r -> r.metrics().divergenceGradNorm()));
        c.add(col("error", StringType, true, "exception of a FAILED trial as Class: message; null otherwise",
                r -> r.result().error()));
        c.add(col("train_ms", LongType, false, "wall time spent training this trial, ms", r -> r.result().trainMs()));
        c.add(col("runner", StringType, false, "single (one DL4J network), packed (trained with alike trials) or"
                + " distributed (data-parallel across workers with the Spark-DL4J bridge's parameter averaging; each"
                + " epoch's whole-data loss computed on the driver)", r -> r.result().runner()));
        c.add(col("executor", StringType, false, "the Spark executor that trained the trial; driver for a distributed"
                + " trial (its workers ran as Spark tasks)", TrialRow::executor));
        c.add(col("device", StringType, true, "what the trial trained on: cpu, cuda:N (CUDA device N), or none (its task"
                + " could not bind the GPU it was assigned: the trial FAILED, error says why); null in rows written before"
                + " lossgrid recorded devices",
                r -> r.device().device().label()));
        c.add(col("gpu_address", StringType, true, "the GPU address(es) Spark assigned to the trial's task; null when"
                + " none was (a CPU build trains on the CPU even then)", r -> r.device().gpuAddress()));
        c.add(col("finished_at_ms", LongType, false, "when the trial finished, ms since the Unix epoch",
                TrialRow::finishedAtMs));
        c.add(col("best_val_loss", DoubleType, true, "smallest finite val_loss of the trial's epochs; null without a"
                + " validation set", r -> r.result().epochMetrics() == null ? null : r.result().epochMetrics().bestValLoss()));
        c.add(col("best_val_epoch", IntegerType, true, "the epoch of best_val_loss (the first of equal ones); null"
                + " without a validation set",
                r -> r.result().epochMetrics() == null ? null : r.result().epochMetrics().bestValEpoch()));
        c.add(col("model_path", StringType, true, "the trial's saved network (output.models), relative to the results"
                + " directory: models/<trial_id>.zip, a DL4J ModelSerializer zip; null when none was saved (none asked"
                + " for, or the trial FAILED)", r -> r.result().modelPath()));
        return List.copyOf(c);
    }

    private static Column<TrialRow> col(String name, org.apache.spark.sql.types.DataType type, boolean nullable,
                                        String doc, Function<TrialRow, Object> value) {
        return new Column<>(name, type, nullable, doc, value);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static <T> StructType schema(List<Column<T>> columns) {
        return new StructType(columns.stream().map(Column::field).toArray(StructField[]::new));
    }

    /** The Spark row of {@code value} under {@code columns}. */

    public static <T> Row row(List<Column<T>> columns, T value) {
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = columns.get(i).value().apply(value);
        }
        return RowFactory.create(out);
    }

    /** The epoch rows of a result. */
    public static List<Row> epochRows(TrialResult r) {
        List<Row> rows = new ArrayList<>(r.loss().length);
        for (int e = 0; e < r.loss().length; e++) {
            rows.add(row(EPOCH_COLUMNS, EpochRow.of(r.trial().id(), e, r.loss()[e], r.trial().alpha(), r.gradNorm()[e],
                    r.epochMetrics())));
        }
        return rows;
    }

    /** The iteration rows of a result: one per traced update; none without a trace. */
    public static List<Row> iterationRows(TrialResult r) {
        Trace t = r.trace();
        if (t == null) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>(t.iterations());
        for (int i = 0; i < t.iterations(); i++) {
            rows.add(row(ITERATION_COLUMNS, new IterationRow(r.trial().id(), i + 1, t.epoch()[i], t.batchLoss()[i],
                    t.gradNorm()[i])));
        }
        return rows;
    }

    /** Markdown tables of the three schemas, for the README. */
    public static String markdown() {
        return "### trials\n\n" + markdown(TRIAL_COLUMNS) + "\n### epochs\n\n" + markdown(EPOCH_COLUMNS)
                + "\n### iterations\n\n" + markdown(ITERATION_COLUMNS);
    }

    private static <T> String markdown(List<Column<T>> columns) {
        StringBuilder sb = new StringBuilder("| column | type | null | meaning |\n|---|---|---|---|\n");
        for (Column<T> c : columns) {
            sb.append("| `").append(c.name()).append("` | ").append(c.type().simpleString()).append(" | ")
                    .append(c.nullable() ? "yes" : "").append(" | ").append(c.doc()).append(" |\n");
        }
        return sb.toString();
    }
}
