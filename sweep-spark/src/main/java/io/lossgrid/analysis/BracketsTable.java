package io.lossgrid.analysis;

import io.lossgrid.outcome.Status;
import io.lossgrid.search.BoundaryStrategy;
import io.lossgrid.search.Bracket;
import io.lossgrid.search.Cell;
import io.lossgrid.search.Finished;
import io.lossgrid.search.SearchState;
import io.lossgrid.search.Strategy;
import io.lossgrid.spec.BoundarySearch;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code brackets} analysis table of a boundary search: per cell (data, model, loss, optimizer configuration,
 * α), what the search found, computed from the committed trials by {@link BoundaryStrategy#brackets}, the rule
 * the search itself stopped by (one source of truth: the majority of seeds, {@code search.unstable}, only probes
 * whose seeds all finished). The spec is rebuilt from {@code sweep.json} ({@link SpecLoader#resolved}), so the
 * cells and trial ids are the run's own.
 *
 * <p>Columns: the cell's, then {@code stable_lr} (null for {@code UNSTABLE_FROM}), {@code unstable_lr} (null for
 * {@code STABLE_UP_TO}), {@code ratio} (unstable / stable; null unless bracketed), {@code critical_lr} (their
 * geometric mean; null unless bracketed), {@code critical_effective_lr} (α · critical_lr), {@code kind}
 * ({@code BRACKETED}, {@code STABLE_UP_TO}, {@code UNSTABLE_FROM}) and {@code trials} (probes × seeds the search
 * ran for the cell). Empty for a directory that is not a boundary search. Ordered by cell.
 */
final class BracketsTable {
    /** The table's name under {@code DIR/analysis} and as a view. */
    static final String NAME = "brackets";

    static final StructType SCHEMA = new StructType()
            .add("data", "string", false).add("model", "string", false).add("loss", "string", false)
            .add("optimizer", "string", false).add("optimizer_config", "string", false).add("alpha", "double", false)
            .add("stable_lr", "double", true).add("unstable_lr", "double", true).add("ratio", "double", true)
            .add("critical_lr", "double", true).add("critical_effective_lr", "double", true)
            .add("kind", "string", false).add("trials", "int", false);

    private BracketsTable() {
    }

    /**
     * The boundary search {@code store} ran, rebuilt from its {@code sweep.json}; empty for any other sweep (whose
     * spec is not parsed at all: {@code search.strategy} in the recorded spec says which it is).
     */
    static Optional<BoundaryStrategy> strategy(ResultDirectory store) {
        return store.manifest().filter(m -> m.spec().get(SweepSpec.SEARCH.key()) instanceof Map<?, ?> search
                        && BoundarySearch.NAME.equals(search.get("strategy")))
                .map(m -> SpecLoader.resolved(m.spec(), Path.of("."))).map(Strategy::of)
                .filter(BoundaryStrategy.class::isInstance).map(BoundaryStrategy.class::cast);
    }

    /** The table, from the {@code trials} view {@code store} registered. */
    static Dataset<Row> of(SparkSession spark, ResultDirectory store) {
        List<Row> rows = new ArrayList<>();
        Optional<BoundaryStrategy> strategy = strategy(store);
        if (strategy.isPresent()) {
            for (Bracket b : strategy.get().brackets(state(spark))) {
                rows.add(row(b));
            }
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** The search state of the committed trials: the rows {@link Finished} names, read from the view. */
    static SearchState state(SparkSession spark) {
        List<Finished> rows = new ArrayList<>();
        for (Row r : spark.sql("SELECT " + String.join(", ", Finished.COLUMNS) + " FROM trials").collectAsList()) {
            rows.add(new Finished(r.getString(0), r.getInt(1), r.getDouble(2), r.getDouble(3), r.getLong(4),
                    Status.valueOf(r.getString(5))));
        }
        return SearchState.of(rows);
    }

    private static Row row(Bracket b) {
        Cell c = b.cell();
        boolean bracketed = b.kind() == Bracket.Kind.BRACKETED;
        return RowFactory.create(c.data().name(), c.model().name(), c.loss().name(), c.optimizer().name(),
                c.optimizer().describe(), c.alpha(), b.stable(), b.unstable(), bracketed ? b.ratio() : null,
                bracketed ? b.critical() : null, bracketed ? c.alpha() * b.critical() : null, b.kind().name(),
                b.trials());
    }

    /**
     * {@code critical_lr} for a boundary search, with the columns the grid's has: per cell, its bracket's ends
     * as the largest stable and the smallest unstable learning rate, and {@code monotone} false when a probe
     * above the unstable end was stable in the {@code stability} view ({@code lossgrid_stability}).
     */
    static Dataset<Row> criticalLr(SparkSession spark, ResultDirectory store) {
        of(spark, store).createOrReplaceTempView("lossgrid_brackets");
        return spark.sql("""
                SELECT b.data, b.model, b.loss, b.optimizer, b.optimizer_config, b.alpha,
                  b.stable_lr AS largest_stable_lr, b.unstable_lr AS smallest_diverging_lr,
                  b.alpha * b.stable_lr AS largest_stable_effective_lr,
                  b.alpha * b.unstable_lr AS smallest_diverging_effective_lr,
                  b.critical_effective_lr,
                  NOT exists(SELECT 1 FROM lossgrid_stability s
                             WHERE s.data = b.data AND s.model = b.model AND s.loss = b.loss
                               AND s.optimizer_config = b.optimizer_config AND s.alpha = b.alpha
                               AND s.stable AND s.learning_rate > b.unstable_lr) AS monotone
                FROM lossgrid_brackets b ORDER BY b.data, b.model, b.loss, b.optimizer, b.optimizer_config, b.alpha
                """);
    }
}
