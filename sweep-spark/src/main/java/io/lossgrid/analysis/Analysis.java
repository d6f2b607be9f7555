package io.lossgrid.analysis;

import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.spec.Invariance;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.store.ResultDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The answer to "what did α do?", computed from a results directory's {@code trials} and
 * {@code epochs} with Spark SQL. Every table is grouped by the experiment that stays fixed within it:
 * data, model, loss and optimizer configuration ({@code optimizer_config}). Nothing is re-trained.
 *
 * <ul>
 *   <li>{@link #stability()}: per (α, lr) cell, its status over seeds and the medians of final loss and
 *       epochs to target;</li>
 *   <li>{@link #criticalLr()}: per α, the largest stable and the smallest diverging learning rate in the
 *       grid, and the implied critical α·lr;</li>
 *   <li>{@link #equivalence()}: classes of trials that should train identically (same α·lr; or same lr)
 *       with how far apart their loss curves are;</li>
 *   <li>{@link #invariance()}: per optimizer, which invariance holds and how well, in numbers;</li>
 *   <li>{@link #alphaSensitivity()}: per optimizer and α, how far its curves are from those at the α nearest 1
 *       (same lr and seed): where ε starts to matter for an adaptive optimizer;</li>
 *   <li>{@link #seedSpread()}: per cell with several seeds, the spread of final loss and of statuses;</li>
 *   <li>{@link #convergence()}: per trial, epochs to the target, or to the best loss of its group when the
 *       spec gave no target.</li>
 * </ul>
 */
public final class Analysis {
    /** An invariance holds when the median residual of its classes is at most this. */
    public static final double INVARIANCE_TOLERANCE = 1e-3;

    /** ...and holds roughly when it is at most this. */
    public static final double ROUGH_TOLERANCE = 1e-2;

    /**
     * The tables {@link #writeAll()} writes under {@code DIR/analysis}, each also a view of that name: the names
     * of {@link AnalysisTable}, in its order.
     */
    public static final List<String> TABLES = AnalysisTable.names();

    static final String GROUP = "data, model, loss, optimizer, optimizer_config";
    static final String SEVERITY = "CASE status WHEN 'DIVERGED' THEN 5 WHEN 'FAILED' THEN 4 WHEN 'OSCILLATING' THEN 3"
            + " WHEN 'NOT_CONVERGED' THEN 2 ELSE 1 END";

    private final SparkSession spark;
    private final ResultDirectory store;
    private final double tolerance;

    /**
     * @param tolerance the convergence tolerance of the sweep's spec, for epochs to the best loss
     */
    public Analysis(SparkSession spark, ResultDirectory store, double tolerance) {
        this.spark = spark;
        this.store = store;
        this.tolerance = tolerance;
        store.registerViews(spark);
        registerInvarianceExpectations();
    }

    /** The analysis of a results directory, with the convergence tolerance recorded in its {@code sweep.json}. */
    public static Analysis of(SparkSession spark, ResultDirectory store) {
        double tolerance = OutcomeRules.DEFAULT_TOLERANCE;
        Object conv = store.manifest().map(m -> m.spec().get("convergence")).orElse(null);
        if (conv instanceof Map<?, ?> m && m.get("tolerance") instanceof Number n) {
            tolerance = n.doubleValue();
        }
        return new Analysis(spark, store, tolerance);
    }

    /** Per (α, lr) cell: the most common status over seeds (ties go to the more severe), counts and medians. */
    public Dataset<Row> stability() {
        return spark.sql("""
                WITH by_status AS (
                  SELECT %1$s, alpha, learning_rate, status, count(*) AS n, %2$s AS severity
                  FROM trials GROUP BY %1$s, alpha, learning_rate, status),
                ranked AS (
                  SELECT *, row_number() OVER (PARTITION BY %1$s, alpha, learning_rate
                                               ORDER BY n DESC, severity DESC) AS rk FROM by_status),
                cells AS (
                  SELECT %1$s, alpha, learning_rate, first(effective_lr) AS effective_lr, count(*) AS seeds,
                    sum(CASE WHEN status = 'CONVERGED' THEN 1 ELSE 0 END) AS converged,
                    sum(CASE WHEN status = 'NOT_CONVERGED' THEN 1 ELSE 0 END) AS not_converged,
                    sum(CASE WHEN status = 'OSCILLATING' THEN 1 ELSE 0 END) AS oscillating,
                    sum(CASE WHEN status = 'DIVERGED' THEN 1 ELSE 0 END) AS diverged,
                    sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed,
                    percentile(final_loss, 0.5) AS median_final_loss,
                    percentile(epochs_to_target, 0.5) AS median_epochs_to_target,
                    count(epochs_to_target) AS reached_target,
                    min(initial_loss) AS initial_loss,
                    min(target_loss) AS target_loss
                  FROM trials GROUP BY %1$s, alpha, learning_rate)
                SELECT c.*, r.status, (c.diverged = 0 AND c.failed = 0) AS stable
                FROM cells c JOIN ranked r USING (%1$s, alpha, learning_rate)
                WHERE r.rk = 1
                ORDER BY %1$s, alpha, learning_rate
                """.formatted(GROUP, SEVERITY));
    }

    /**
     * Per α: the largest learning rate whose cell never diverged or failed, the smallest whose cell diverged
     * at least once, and the critical α·lr between them (their geometric mean). {@code monotone} is false
     * when a stable learning rate lies above a diverging one. For a boundary search, each α's bracket from
     * the {@code brackets} table instead ({@link BracketsTable#criticalLr}).
     */
    public Dataset<Row> criticalLr() {
        stability().createOrReplaceTempView("lossgrid_stability");
        if (BracketsTable.strategy(store).isPresent()) {
            return BracketsTable.criticalLr(spark, store);
        }
        return spark.sql("""
                SELECT %1$s, alpha,
                  max(CASE WHEN stable THEN learning_rate END) AS largest_stable_lr,
                  min(CASE WHEN diverged > 0 THEN learning_rate END) AS smallest_diverging_lr,
                  alpha * max(CASE WHEN stable THEN learning_rate END) AS largest_stable_effective_lr,
                  alpha * min(CASE WHEN diverged > 0 THEN learning_rate END) AS smallest_diverging_effective_lr,
                  alpha * sqrt(max(CASE WHEN stable THEN learning_rate END)
                               * min(CASE WHEN diverged > 0 THEN learning_rate END)) AS critical_effective_lr,
                  coalesce(max(CASE WHEN stable THEN learning_rate END)
                           < min(CASE WHEN diverged > 0 THEN learning_rate END), true) AS monotone
                FROM lossgrid_stability GROUP BY %1$s, alpha ORDER BY %1$s, alpha
                """.formatted(GROUP));
    }

    /**
     * Classes of trials (same group and seed, at least two values of α) that share their effective learning
     * rate ({@code kind = 'effective_lr'}: plain SGD should collapse them) or their learning rate
     * ({@code kind = 'learning_rate'}: adaptive optimizers should). {@code residual} is the largest relative
     * difference between the class's loss curves over all epochs, {@code (max - min) / max} at an epoch, and
     * 1 where a member's curve ended earlier, so a class with one diverged member is maximally apart.
     */
    public Dataset<Row> equivalence() {
        return spark.sql("""
                WITH t AS (
                  SELECT trial_id, %1$s, seed, alpha, status, 'effective_lr' AS kind,
                         format_string('%%.9e', effective_lr) AS class_key, effective_lr AS value
                  FROM trials WHERE status <> 'FAILED'
                  UNION ALL
                  SELECT trial_id, %1$s, seed, alpha, status, 'learning_rate' AS kind,
                         format_string('%%.9e', learning_rate) AS class_key, learning_rate AS value
                  FROM trials WHERE status <> 'FAILED'),
                classes AS (
                  SELECT %1$s, seed, kind, class_key, first(value) AS value, count(*) AS members,
                         concat_ws(',', sort_array(collect_list(alpha))) AS alphas,
                         concat_ws(',', sort_array(collect_set(status))) AS statuses
                  FROM t GROUP BY %1$s, seed, kind, class_key HAVING count(DISTINCT alpha) >= 2),
                per_epoch AS (
                  SELECT t.%2$s, t.seed, t.kind, t.class_key, e.epoch, count(*) AS n,
                         max(e.loss) AS hi, min(e.loss) AS lo,
                         sum(CASE WHEN isnan(e.loss) OR abs(e.loss) = double('infinity') THEN 1 ELSE 0 END) AS bad
                  FROM t JOIN epochs e USING (trial_id)
                  GROUP BY t.%3$s, t.seed, t.kind, t.class_key, e.epoch),
                scored AS (
                  SELECT p.*, c.members,
                         CASE WHEN p.n < c.members OR p.bad > 0 THEN 1.0
                              WHEN p.hi = p.lo THEN 0.0
                              ELSE (p.hi - p.lo) / greatest(abs(p.hi), abs(p.lo)) END AS diff
                  FROM per_epoch p JOIN classes c USING (%1$s, seed, kind, class_key)),
                worst AS (
                  SELECT %1$s, seed, kind, class_key, max(diff) AS residual,
                         max_by(epoch, diff) AS worst_epoch, count(*) AS epochs_compared
                  FROM scored GROUP BY %1$s, seed, kind, class_key)
                SELECT c.data, c.model, c.loss, c.optimizer, c.optimizer_config, c.seed, c.kind, c.value,
                       c.members, c.alphas, c.statuses, w.residual, w.worst_epoch, w.epochs_compared
                FROM classes c JOIN worst w USING (%1$s, seed, kind, class_key)
                ORDER BY %1$s, c.kind, c.value, c.seed
                """.formatted(GROUP, GROUP.replace(", ", ", t."), GROUP.replace(", ", ", t.")));
    }

    /**
     * Per optimizer configuration (and data, model, loss): the largest and median residual of its
     * {@code effective_lr} classes and of its {@code learning_rate} classes, the invariance its update rule
     * has on paper, and which invariance holds in the data: a kind holds when its median residual is at
     * most {@value #INVARIANCE_TOLERANCE}, and holds roughly when at most {@value #ROUGH_TOLERANCE}.
     */
    public Dataset<Row> invariance() {
        equivalence().createOrReplaceTempView("lossgrid_equivalence");
        return spark.sql("""
                WITH k AS (
                  SELECT %1$s,
                    count(CASE WHEN kind = 'effective_lr' THEN 1 END) AS effective_lr_classes,
                    max(CASE WHEN kind = 'effective_lr' THEN residual END) AS effective_lr_residual_max,
                    percentile(CASE WHEN kind = 'effective_lr' THEN residual END, 0.5) AS effective_lr_residual_median,
                    count(CASE WHEN kind = 'learning_rate' THEN 1 END) AS alpha_classes,
                    max(CASE WHEN kind = 'learning_rate' THEN residual END) AS alpha_residual_max,
                    percentile(CASE WHEN kind = 'learning_rate' THEN residual END, 0.5) AS alpha_residual_median
                  FROM lossgrid_equivalence GROUP BY %1$s)
                SELECT k.*, x.expected,
                  CASE
                    WHEN coalesce(effective_lr_residual_median <= %2$s, false)
                         AND coalesce(alpha_residual_median <= %2$s, false) THEN 'alpha*lr and alpha'
                    WHEN coalesce(effective_lr_residual_median <= %2$s, false) THEN 'alpha*lr'
                    WHEN coalesce(alpha_residual_median <= %2$s, false) THEN 'alpha'
                    WHEN coalesce(effective_lr_residual_median <= %3$s, false) THEN 'alpha*lr (roughly)'
                    WHEN coalesce(alpha_residual_median <= %3$s, false) THEN 'alpha (roughly)'
                    WHEN effective_lr_classes = 0 AND alpha_classes = 0 THEN 'untested'
                    ELSE 'neither' END AS holds
                FROM k LEFT JOIN lossgrid_invariance_expected x USING (optimizer)
                ORDER BY %1$s
                """.formatted(GROUP, Double.toString(INVARIANCE_TOLERANCE), Double.toString(ROUGH_TOLERANCE)));
    }

    /**
     * Per α: how far the loss curves at that α are from those at the reference α (the one nearest 1) with the
     * same learning rate and seed, as the largest relative difference over epochs (1 where one curve ended
     * earlier); median and maximum over learning rates and seeds. An α-invariant optimizer stays near 0 until
     * α is so small (or large) that ε matters; plain SGD departs at once.
     */
    public Dataset<Row> alphaSensitivity() {
        return spark.sql("""
                WITH t AS (SELECT trial_id, %1$s, seed, learning_rate, alpha, epochs_run FROM trials
                           WHERE status <> 'FAILED'),
                ref AS (
                  SELECT %1$s, seed, learning_rate, alpha AS reference_alpha, trial_id AS ref_id,
                         epochs_run AS ref_epochs FROM (
                    SELECT *, row_number() OVER (PARTITION BY %1$s, seed, learning_rate
                                                 ORDER BY abs(log10(alpha)), alpha) AS rk FROM t) WHERE rk = 1),
                pairs AS (
                  SELECT t.trial_id, t.%2$s, t.alpha, t.epochs_run, r.reference_alpha, r.ref_id, r.ref_epochs
                  FROM t JOIN ref r USING (%1$s, seed, learning_rate)),
                diffs AS (
                  SELECT p.trial_id, first(p.data) AS data, first(p.model) AS model, first(p.loss) AS loss,
                         first(p.optimizer) AS optimizer, first(p.optimizer_config) AS optimizer_config,
                         first(p.alpha) AS alpha, first(p.reference_alpha) AS reference_alpha,
                         CASE WHEN first(p.epochs_run) <> first(p.ref_epochs) THEN 1.0
                              ELSE coalesce(max(CASE WHEN a.loss = b.loss THEN 0.0
                                   ELSE abs(a.loss - b.loss) / greatest(abs(a.loss), abs(b.loss)) END), 1.0) END AS residual
                  FROM pairs p JOIN epochs a ON a.trial_id = p.trial_id
                               JOIN epochs b ON b.trial_id = p.ref_id AND b.epoch = a.epoch
                  GROUP BY p.trial_id)
                SELECT %1$s, alpha, first(reference_alpha) AS reference_alpha, count(*) AS comparisons,
                       percentile(residual, 0.5) AS residual_median, max(residual) AS residual_max
                FROM diffs GROUP BY %1$s, alpha ORDER BY %1$s, alpha
                """.formatted(GROUP, GROUP.replace(", ", ", t.")));
    }

    /** Per cell with at least two seeds: the spread of final loss and how far the seeds agree on the status. */
    public Dataset<Row> seedSpread() {
        return spark.sql("""
                WITH s AS (
                  SELECT %1$s, alpha, learning_rate, status, count(*) AS n
                  FROM trials GROUP BY %1$s, alpha, learning_rate, status),
                agree AS (
                  SELECT %1$s, alpha, learning_rate, max(n) AS top, count(*) AS distinct_statuses
                  FROM s GROUP BY %1$s, alpha, learning_rate)
                SELECT %1$s, t.alpha, t.learning_rate, count(*) AS seeds,
                       min(final_loss) AS min_final_loss, max(final_loss) AS max_final_loss,
                       avg(final_loss) AS mean_final_loss, stddev_samp(final_loss) AS stddev_final_loss,
                       (max(final_loss) - min(final_loss)) / abs(percentile(final_loss, 0.5)) AS relative_spread,
                       first(a.distinct_statuses) AS distinct_statuses,
                       first(a.top) / count(*) AS status_agreement
                FROM trials t JOIN agree a USING (%1$s, alpha, learning_rate)
                GROUP BY %1$s, t.alpha, t.learning_rate HAVING count(*) >= 2
                ORDER BY %1$s, t.alpha, t.learning_rate
                """.formatted(GROUP));
    }

    /**
     * Per trial: the target it is measured against and the first epoch within tolerance of it. The target
     * is the trial's own {@code target_loss} when it had one ({@code target_kind = 'spec'}), else the best
     * loss any trial of the same data, model and loss reached ({@code 'best_of_group'}).
     */
    public Dataset<Row> convergence() {
        return spark.sql("""
                WITH best AS (
                  SELECT data, model, loss, min(min_loss) AS best_loss FROM trials GROUP BY data, model, loss),
                t AS (
                  SELECT t.trial_id, t.initial_loss, t.status, t.epochs_to_target AS own_epochs,
                         CASE WHEN t.target_loss IS NOT NULL THEN 'spec' ELSE 'best_of_group' END AS target_kind,
                         coalesce(t.target_loss, b.best_loss) AS target
                  FROM trials t JOIN best b USING (data, model, loss)),
                reached AS (
                  SELECT t.trial_id, min(e.epoch) AS first_epoch
                  FROM t JOIN epochs e USING (trial_id)
                  WHERE t.target_kind = 'best_of_group'
                    AND e.loss - t.target <= %1$s * greatest(t.initial_loss - t.target, 0)
                  GROUP BY t.trial_id)
                SELECT t.trial_id, t.status, t.target_kind, t.target,
                       CASE WHEN t.target_kind = 'spec' THEN t.own_epochs ELSE r.first_epoch END AS epochs_to_target
                FROM t LEFT JOIN reached r USING (trial_id)
                ORDER BY t.trial_id
                """.formatted(Double.toString(tolerance)));
    }

    /** The classes of the data sets, from {@code sweep.json} ({@link ClassesTable}). */
    Dataset<Row> classes() {
        return ClassesTable.of(spark, store);
    }

    /** The brackets of a boundary search, from the {@code trials} view; empty for any other sweep. */
    Dataset<Row> brackets() {
        return BracketsTable.of(spark, store);
    }

    /** Writes every table to {@code DIR/analysis/<name>} (replacing an earlier analysis) and registers its view. */
    public void writeAll() {
        for (AnalysisTable t : AnalysisTable.values()) {
            t.compute(this).coalesce(1).write().mode(SaveMode.Overwrite).parquet(store.child(WrittenTables.dir(t)));
        }
        registerWritten(spark, store);
    }

    /**
     * The table as {@code analyze} stored it when that is still current (written after the last committed
     * batch), else computed from the results now.
     */
    public Dataset<Row> table(AnalysisTable table) {
        return stored(spark, store, table).orElseGet(() -> table.compute(this));
    }

    /**
     * The table as {@code analyze} stored it, when that is still current (written after the last committed
     * batch); empty otherwise. Needs no {@link Analysis}: nothing is computed and no view is registered.
     */
    public static Optional<Dataset<Row>> stored(SparkSession spark, ResultDirectory store, AnalysisTable table) {
        return WrittenTables.isCurrent(spark, store, table) ? Optional.of(WrittenTables.read(spark, store, table))
                : Optional.empty();
    }

    /**
     * Registers as views the analysis tables under {@code DIR/analysis} that are current (written after the
     * last committed batch); returns their names, in {@link AnalysisTable}'s order.
     */
    public static List<String> registerWritten(SparkSession spark, ResultDirectory store) {
        return registerWritten(spark, store, List.of(AnalysisTable.values()));
    }

    /** {@link #registerWritten(SparkSession, ResultDirectory)} for the given tables only. */
    public static List<String> registerWritten(SparkSession spark, ResultDirectory store, List<AnalysisTable> tables) {
        return tables.stream().filter(t -> WrittenTables.isCurrent(spark, store, t)).map(t -> {
            WrittenTables.read(spark, store, t).createOrReplaceTempView(t.tableName());
            return t.tableName();
        }).toList();
    }

    private void registerInvarianceExpectations() {
        List<Row> rows = Optimizers.kinds().stream().map(k -> org.apache.spark.sql.RowFactory.create(k.name(),
                describe(Optimizers.byName(k.name()).invariance()))).toList();
        spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("optimizer", "string").add("expected", "string"))
                .createOrReplaceTempView("lossgrid_invariance_expected");
    }

    private static String describe(Invariance invariance) {
        return invariance == Invariance.EFFECTIVE_LR ? "alpha*lr" : "alpha";
    }
}
