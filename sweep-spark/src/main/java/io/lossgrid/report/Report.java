package io.lossgrid.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lossgrid.analysis.Analysis;
import io.lossgrid.outcome.Status;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.RunRecord;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.store.SweepRefused;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One self-contained HTML file (inline CSS, SVG and scripts; no fonts, nothing fetched) that answers "what
 * did α do?" for a results directory: the invariance verdicts, a stability map per optimizer with its
 * critical boundary and a key to its colours, loss curves of equivalence classes overlaid (every seed: the
 * median, a band from the lowest to the highest seed, and each seed's curve), the critical learning rates
 * (folded to the α that have a boundary), for a boundary search the critical α·lr against α per optimizer
 * ({@link BracketChart}; no such section for a grid), for a sweep with {@code training.trace} the batch loss
 * over the first updates of a few trials per optimizer (diverged ones first; no such section without a trace),
 * and the spec, runs and versions. Each section opens with how to read it. Where the trials measured a validation
 * balanced accuracy, each map has a second row: a map of the best validation balanced accuracy over α × lr
 * ({@link MetricMap}) and the curves of its best cells. The curves are interactive ({@link ChartLibrary}: values on hover, zoom, toggles) where scripts
 * run, and static SVG where they do not. It reads only tables: the analysis is computed first if it was not
 * written. {@link ReportFile} writes the result.
 */
public final class Report {
    /** A cell whose curves the user asked for: an optimizer name (or config), α and learning rate. */
    public record Choice(String optimizer, double alpha, double lr) {
        /** Parses {@code optimizer:alpha:lr}, e.g. {@code sgd:10:0.01}. */
        public static Choice parse(String s) {
            String[] p = s.split(":");
            if (p.length != 3) {
                throw new IllegalArgumentException("a cell is optimizer:alpha:lr, such as sgd:10:0.01; found " + s);
            }
            return new Choice(p[0], Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        }
    }

    private static final String KEY = "data, model, loss, optimizer, optimizer_config";

    private final SparkSession spark;
    private final ResultDirectory store;

    public Report(SparkSession spark, ResultDirectory store) {
        this.spark = spark;
        this.store = store;
    }

    public String html(List<Choice> chosen) {
        List<String> written = Analysis.registerWritten(spark, store);
        if (!written.containsAll(Analysis.TABLES)) {
            Analysis.of(spark, store).writeAll();
        }
        SweepManifest manifest = store.manifest().orElseThrow(() -> new SweepRefused(store.uri()
                + " holds no sweep.json, so there is nothing to report; give the --out directory of a 'sweep run'"));
        String name = manifest.name();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>lossgrid report: ")
                .append(Svg.esc(name)).append("</title>\n").append(ChartLibrary.style()).append("<style>\n").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>lossgrid: ").append(Svg.esc(name)).append("</h1>\n");
        h.append(summary(manifest));
        h.append("<section id=\"invariance\"><h2>What \u03b1 did: invariances, measured</h2>\n")
                .append("<p class=\"how\"><b>How to read this table.</b> One row per optimizer: which invariance it should ")
                .append("have on paper (<i>expected</i>) and which the trials showed (<i>holds</i>), with the residuals behind ")
                .append("the verdict. A residual near 0 means curves that an invariance pairs up were the same curve; near 1, ")
                .append("that they had nothing in common.</p>\n")
                .append("<p class=\"note\">Residual: the largest relative difference, over all epochs, between loss curves ")
                .append("that an invariance says should match (same seed and group). <b>\u03b1\u00b7lr</b>: trials with equal ")
                .append("\u03b1\u00b7lr (plain SGD and momentum should collapse them). <b>\u03b1</b>: trials with equal lr and ")
                .append("different \u03b1 (adaptive optimizers should). An invariance holds when its median residual is at most ")
                .append(Svg.escKeepNumbers(Svg.num(Analysis.INVARIANCE_TOLERANCE))).append(".</p>\n");
        h.append(table(spark.sql("SELECT optimizer_config AS optimizer, data, model, loss, expected, holds,"
                + " effective_lr_classes AS `α·lr classes`, effective_lr_residual_median AS `α·lr median`,"
                + " effective_lr_residual_max AS `α·lr max`, alpha_classes AS `α classes`,"
                + " alpha_residual_median AS `α median`, alpha_residual_max AS `α max` FROM invariance"), "invariance"));
        h.append("<h3>Where \u03b1 starts to matter</h3>\n<p class=\"note\">Median residual of each \u03b1's curves ")
                .append("against those at the \u03b1 nearest 1 (same lr and seed). An \u03b1-invariant optimizer stays near 0 ")
                .append("until \u03b1 is small enough for \u03b5 to matter; plain SGD departs at once.</p>\n");
        h.append(table(spark.sql("SELECT optimizer_config AS optimizer, data, model, loss, "
                + "map_from_entries(collect_list(struct(alpha, residual_median))) AS m FROM alpha_sensitivity "
                + "GROUP BY optimizer_config, data, model, loss ORDER BY optimizer_config").selectExpr(sensitivityColumns()),
                "sensitivity"));
        h.append("</section>\n");
        h.append(maps(chosen));
        h.append(traces());
        h.append("<section id=\"critical\"><h2>Critical learning rate</h2>\n<p class=\"how\"><b>How to read this ")
                .append("table.</b> One row per optimizer and \u03b1 whose grid has a boundary: the largest learning rate at ")
                .append("which no seed diverged, the smallest at which one did, and the critical \u03b1\u00b7lr between them ")
                .append("(their geometric mean); <i>monotone</i> is false where a diverging lr lies below a stable one. If ")
                .append("\u03b1 acts as a learning rate (plain SGD, momentum) the critical \u03b1\u00b7lr is the same on every ")
                .append("row of an optimizer. The \u03b1 whose grid never diverged are folded below the table.</p>\n");
        h.append(critical());
        h.append("</section>\n");
        h.append(brackets());
        h.append(spec(manifest));
        h.append(ChartLibrary.scripts());
        h.append("</body></html>\n");
        return h.toString();
    }

    private String summary(SweepManifest manifest) {
        StringBuilder s = new StringBuilder("<section id=\"summary\"><p class=\"lead\">");
        s.append(manifest.trials()).append(" trials, state ").append(manifest.state().name());
        if (manifest.statuses() != null) {
            s.append(": ");
            s.append(manifest.statuses().entrySet().stream().map(e -> "<span class=\"chip\" style=\"background:"
                    + Palette.status(e.getKey()) + "\">" + Svg.esc(e.getKey().name() + " " + e.getValue())
                    + "</span>").collect(Collectors.joining(" ")));
        }
        s.append("</p>\n<div class=\"legend\">");
        for (Status st : Status.values()) {
            s.append("<span><i style=\"background:").append(Palette.status(st)).append("\">")
                    .append(Svg.esc(Palette.mark(st))).append("</i>").append(st.name()).append("</span>");
        }
        s.append("<span><i class=\"line\"></i>critical boundary</span><span>lighter cell = higher median final loss</span>");
        s.append("</div></section>\n");
        return s.toString();
    }

    private String maps(List<Choice> chosen) {
        StringBuilder s = new StringBuilder("<section id=\"maps\"><h2>Stability maps and loss curves</h2>\n");
        s.append(MAPS_HOW);
        List<Row> groups = spark.sql("SELECT DISTINCT " + KEY + " FROM stability ORDER BY " + KEY).collectAsList();
        Dataset<Row> stability = spark.table("stability");
        Dataset<Row> critical = spark.table("critical_lr");
        Dataset<Row> validation = validationCells();
        if (validation != null) {
            s.append(VALIDATION_HOW);
        }
        for (Row g : groups) {
            String data = g.getString(0);
            String model = g.getString(1);
            String loss = g.getString(2);
            String optimizer = g.getString(3);
            String config = g.getString(4);
            String groupName = config + " \u00b7 " + model + " \u00b7 " + loss + " \u00b7 " + data;
            var inGroup = col("data").equalTo(data).and(col("model").equalTo(model)).and(col("loss").equalTo(loss))
                    .and(col("optimizer_config").equalTo(config));
            List<Heatmap.Cell> cells = new ArrayList<>();
            for (Row r : stability.filter(inGroup).collectAsList()) {
                Status status = Status.valueOf(r.getAs("status"));
                double median = r.getAs("median_final_loss") == null ? Double.NaN : r.<Double>getAs("median_final_loss");
                Object toTarget = r.getAs("median_epochs_to_target");
                String tip = String.format(Locale.ROOT, "\u03b1=%s lr=%s (\u03b1\u00b7lr=%s): %s over %d seed(s): %d converged,"
                                + " %d diverged; median final loss %s%s", Svg.num(r.getAs("alpha")), Svg.num(r.getAs("learning_rate")),
                        Svg.num(r.getAs("effective_lr")), status, r.<Long>getAs("seeds"), r.<Long>getAs("converged"),
                        r.<Long>getAs("diverged"), Svg.num(median),
                        toTarget == null ? "" : "; median epochs to target " + Svg.num(((Number) toTarget).doubleValue()));
                cells.add(new Heatmap.Cell(r.getAs("alpha"), r.getAs("learning_rate"), status, median, tip));
            }
            List<Heatmap.Bracket> brackets = new ArrayList<>();
            for (Row r : critical.filter(inGroup).collectAsList()) {
                brackets.add(new Heatmap.Bracket(r.getAs("alpha"), r.getAs("largest_stable_lr"), r.getAs("smallest_diverging_lr")));
            }
            s.append("<article class=\"group\" data-optimizer=\"").append(Svg.esc(optimizer)).append("\">\n<h3>")
                    .append(Svg.escKeepNumbers(groupName)).append("</h3>\n<div class=\"row\">\n");
            s.append(Heatmap.render(optimizer, groupName, cells, brackets));
            s.append(overlay(data, model, loss, config, "effective_lr", "same \u03b1\u00b7lr"));
            s.append(overlay(data, model, loss, config, "learning_rate", "same lr"));
            s.append("</div>\n");
            if (validation != null) {
                s.append(validation(validation.filter(inGroup).collectAsList(), optimizer, groupName));
            }
            s.append("</article>\n");
        }
        if (!chosen.isEmpty()) {
            s.append(chosen(chosen));
        }
        s.append("</section>\n");
        return s.toString();
    }

    /**
     * The loss curves of one equivalence class of a group, overlaid over all its seeds: the class with the
     * largest key whose members neither diverged nor oscillated for any seed (the fastest smooth training),
     * preferring three members or more. Each member (one α and lr) is a {@link CurveGroup} of its seeds.
     */
    private String overlay(String data, String model, String loss, String config, String kind, String title) {
        List<Row> best = spark.sql("""
                SELECT first(value) AS class_value, count(*) AS seeds, max(residual) AS worst,
                       percentile(residual, 0.5) AS median_residual, max(members) AS most,
                       max(CASE WHEN instr(statuses, 'DIVERGED') > 0 OR instr(statuses, 'OSCILLATING') > 0 THEN 1 ELSE 0 END)
                         AS unsmooth
                FROM (SELECT *, format_string('%%.9e', value) AS class_key FROM equivalence
                      WHERE data = '%s' AND model = '%s' AND loss = '%s' AND optimizer_config = '%s' AND kind = '%s')
                GROUP BY class_key
                ORDER BY unsmooth, (most >= 3) DESC, class_value DESC, most DESC LIMIT 1
                """.formatted(sql(data), sql(model), sql(loss), sql(config), kind)).collectAsList();
        if (best.isEmpty()) {
            return "<p class=\"note empty\">No " + Svg.esc(title) + " class in this grid.</p>\n";
        }
        Row b = best.get(0);
        double value = b.getDouble(0);
        long seeds = b.getLong(1);
        String column = kind.equals("effective_lr") ? "effective_lr" : "learning_rate";
        List<Row> members = spark.sql("""
                SELECT trial_id, alpha, learning_rate, seed FROM trials
                WHERE data = '%s' AND model = '%s' AND loss = '%s' AND optimizer_config = '%s'
                  AND status <> 'FAILED' AND abs(%s - %s) <= 1e-9 * %s ORDER BY alpha, seed
                """.formatted(sql(data), sql(model), sql(loss), sql(config), column, Double.toString(value),
                Double.toString(value))).collectAsList();
        Map<String, double[]> curves = curves(members.stream().map(r -> r.getString(0)).toList());
        Map<String, List<SeedCurve>> byCell = new LinkedHashMap<>();
        for (Row m : members) {
            double[] y = curves.get(m.getString(0));
            if (y != null) {
                byCell.computeIfAbsent("\u03b1=" + Svg.num(m.getDouble(1)) + ", lr=" + Svg.num(m.getDouble(2)),
                        k -> new ArrayList<>()).add(new SeedCurve(m.getLong(3), y));
            }
        }
        List<CurveGroup> groups = new ArrayList<>();
        byCell.forEach((label, list) -> groups.add(new CurveGroup(label, !groups.isEmpty(), list)));
        if (groups.isEmpty()) {
            return "<p class=\"note empty\">No curves of the " + Svg.esc(title) + " class = " + Svg.num(value)
                    + ": every member failed.</p>\n";
        }
        String heading = title + " = " + Svg.num(value) + " (" + seeds + (seeds == 1 ? " seed" : " seeds")
                + "), residual " + Svg.num(b.getDouble(2)) + (seeds > 1 ? " (median over seeds " + Svg.num(b.getDouble(3)) + ")" : "");
        return new CurvePanel("curves overlay kind-" + kind, heading, groups).html();
    }

    private String chosen(List<Choice> chosen) {
        List<CurveGroup> groups = new ArrayList<>();
        for (Choice c : chosen) {
            List<Row> rows = spark.sql("""
                    SELECT trial_id, seed, optimizer_config FROM trials
                    WHERE (optimizer = '%s' OR optimizer_config = '%s') AND abs(alpha - %s) <= 1e-9 * %s
                      AND abs(learning_rate - %s) <= 1e-9 * %s ORDER BY trial_index
                    """.formatted(sql(c.optimizer()), sql(c.optimizer()), c.alpha(), c.alpha(), c.lr(), c.lr()))
                    .collectAsList();
            Map<String, double[]> curves = curves(rows.stream().map(r -> r.getString(0)).toList());
            Map<String, List<SeedCurve>> byConfig = new LinkedHashMap<>();
            for (Row r : rows) {
                double[] y = curves.get(r.getString(0));
                if (y != null) {
                    byConfig.computeIfAbsent(r.getString(2), k -> new ArrayList<>()).add(new SeedCurve(r.getLong(1), y));
                }
            }
            byConfig.forEach((config, list) -> groups.add(new CurveGroup(config + " \u03b1=" + Svg.num(c.alpha()) + " lr="
                    + Svg.num(c.lr()), false, list)));
        }
        String panel = groups.isEmpty() ? "<p class=\"note empty\">No trial matches the chosen cells.</p>\n"
                : new CurvePanel("curves chosen", "loss curves of the chosen cells", groups).html();
        return "<article class=\"group chosen\"><h3>Chosen cells</h3>\n<div class=\"row\">" + panel + "</div></article>\n";
    }

    /** Trials a trace panel shows at most, per optimizer configuration. */
    static final int TRACED_TRIALS = 4;

    /**
     * The section "Mini-batch traces", for a sweep with {@code training.trace}: per optimizer configuration one
     * chart of batch loss over iterations (log scale) of its trials that diverged, at most {@value #TRACED_TRIALS}
     * in trial order, or of its first ones where none did. Empty (no section) when nothing was traced.
     */
    private String traces() {
        Dataset<Row> iterations = store.iterations(spark);
        if (iterations.isEmpty()) {
            return "";
        }
        Map<String, List<Row>> shown = new LinkedHashMap<>();
        for (Row r : spark.sql("SELECT trial_id, optimizer_config, alpha, learning_rate, seed, status FROM trials"
                + " ORDER BY optimizer_config, CASE WHEN status = 'DIVERGED' THEN 0 ELSE 1 END, trial_index").collectAsList()) {
            List<Row> list = shown.computeIfAbsent(r.getString(1), k -> new ArrayList<>());
            boolean divergedOnly = !list.isEmpty() && "DIVERGED".equals(list.get(0).getString(5));
            if (list.size() < TRACED_TRIALS && !(divergedOnly && !"DIVERGED".equals(r.getString(5)))) {
                list.add(r);
            }
        }
        List<String> ids = shown.values().stream().flatMap(List::stream).map(r -> r.getString(0)).toList();
        Map<String, List<Row>> byId = iterations.filter(col("trial_id").isin(ids.toArray()))
                .select("trial_id", "iteration", "batch_loss").collectAsList().stream()
                .collect(Collectors.groupingBy(r -> r.getString(0)));
        StringBuilder s = new StringBuilder("<section id=\"traces\"><h2>Mini-batch traces</h2>\n").append(TRACES_HOW)
                .append("<div class=\"row traces\">\n");
        shown.forEach((config, trials) -> {
            List<CurveGroup> groups = new ArrayList<>();
            for (Row t : trials) {
                List<Row> rows = byId.get(t.getString(0));
                if (rows == null) {
                    continue;
                }
                double[] y = new double[rows.stream().mapToInt(r -> r.getInt(1)).max().orElse(1)];
                java.util.Arrays.fill(y, Double.NaN);
                rows.forEach(r -> y[r.getInt(1) - 1] = r.getDouble(2));
                groups.add(new CurveGroup("\u03b1=" + Svg.num(t.getDouble(2)) + ", lr=" + Svg.num(t.getDouble(3)) + ", seed "
                        + t.getLong(4) + ": " + t.getString(5), false, List.of(new SeedCurve(t.getLong(4), y))));
            }
            if (!groups.isEmpty()) {
                boolean diverged = trials.get(0).getString(5).equals("DIVERGED");
                s.append(new CurvePanel("curves trace", config + ": " + (diverged ? "diverged trials" : "first trials")
                        + ", batch loss per update", groups, "iteration", 1).html());
            }
        });
        return s.append("</div></section>\n").toString();
    }

    /**
     * Per (data, model, loss, optimizer configuration, α, lr) cell, over its seeds: the median, lowest and highest
     * of each trial's best validation balanced accuracy (its largest over the recorded epochs), and how many seeds
     * measured one; null when the results hold no validation balanced accuracy (no {@code validation} in the spec,
     * a regression loss, or a directory written before lossgrid measured it).
     */
    private Dataset<Row> validationCells() {
        if (!java.util.Arrays.asList(spark.table("epochs").columns()).contains("val_balanced_accuracy")) {
            return null;
        }
        Dataset<Row> cells = spark.sql("""
                SELECT t.data, t.model, t.loss, t.optimizer_config, t.alpha, t.learning_rate, count(*) AS seeds,
                       count(b.best) AS measured, percentile(b.best, 0.5) AS median_best, min(b.best) AS lowest,
                       max(b.best) AS highest
                FROM trials t LEFT JOIN (
                    SELECT trial_id, max(val_balanced_accuracy) AS best FROM epochs
                    WHERE val_balanced_accuracy IS NOT NULL AND NOT isnan(val_balanced_accuracy) GROUP BY trial_id) b
                  ON t.trial_id = b.trial_id
                GROUP BY t.data, t.model, t.loss, t.optimizer_config, t.alpha, t.learning_rate""").cache();
        if (cells.filter(col("measured").gt(0)).isEmpty()) {
            cells.unpersist();
            return null;
        }
        return cells;
    }

    /**
     * A group's validation row: the map of best validation balanced accuracy over α × lr ({@link MetricMap}) and
     * the validation balanced accuracy curves of its best three cells (by median best, over all seeds).
     */
    private String validation(List<Row> rows, String optimizer, String groupName) {
        List<MetricMap.Cell> cells = new ArrayList<>();
        for (Row r : rows) {
            long measured = r.getAs("measured");
            double median = r.isNullAt(r.fieldIndex("median_best")) ? Double.NaN : r.<Double>getAs("median_best");
            String tip = measured == 0
                    ? String.format(Locale.ROOT, "\u03b1=%s lr=%s: no seed measured a validation balanced accuracy",
                            Svg.num(r.getAs("alpha")), Svg.num(r.getAs("learning_rate")))
                    : String.format(Locale.ROOT, "\u03b1=%s lr=%s: best validation balanced accuracy, median over %d"
                            + " seed(s) %s (lowest %s, highest %s)", Svg.num(r.getAs("alpha")),
                            Svg.num(r.getAs("learning_rate")), measured, Svg.num(median), Svg.num(r.getAs("lowest")),
                            Svg.num(r.getAs("highest")));
            cells.add(new MetricMap.Cell(r.getAs("alpha"), r.getAs("learning_rate"), median, tip));
        }
        StringBuilder s = new StringBuilder("<div class=\"row validation\">\n");
        s.append(MetricMap.render(optimizer, groupName, "best validation balanced accuracy", cells));
        List<Row> best = rows.stream().filter(r -> !r.isNullAt(r.fieldIndex("median_best")))
                .sorted(java.util.Comparator.<Row>comparingDouble(r -> -r.<Double>getAs("median_best"))
                        .thenComparingDouble(r -> r.<Double>getAs("learning_rate"))
                        .thenComparingDouble(r -> r.<Double>getAs("alpha")))
                .limit(3).toList();
        List<CurveGroup> groups = new ArrayList<>();
        for (Row cell : best) {
            List<Row> members = spark.sql("""
                    SELECT trial_id, seed FROM trials
                    WHERE data = '%s' AND model = '%s' AND loss = '%s' AND optimizer_config = '%s'
                      AND abs(alpha - %s) <= 1e-9 * %s AND abs(learning_rate - %s) <= 1e-9 * %s ORDER BY seed
                    """.formatted(sql(cell.getAs("data")), sql(cell.getAs("model")), sql(cell.getAs("loss")),
                    sql(cell.getAs("optimizer_config")), cell.<Double>getAs("alpha"), cell.<Double>getAs("alpha"),
                    cell.<Double>getAs("learning_rate"), cell.<Double>getAs("learning_rate"))).collectAsList();
            Map<String, double[]> curves = curves(members.stream().map(r -> r.getString(0)).toList(),
                    "val_balanced_accuracy");
            List<SeedCurve> seeds = new ArrayList<>();
            for (Row m : members) {
                double[] y = curves.get(m.getString(0));
                if (y != null) {
                    seeds.add(new SeedCurve(m.getLong(1), y));
                }
            }
            if (!seeds.isEmpty()) {
                groups.add(new CurveGroup("\u03b1=" + Svg.num(cell.getAs("alpha")) + ", lr="
                        + Svg.num(cell.getAs("learning_rate")), false, seeds));
            }
        }
        s.append(groups.isEmpty() ? "<p class=\"note empty\">No validation curves: no cell measured one.</p>\n"
                : new CurvePanel("curves validation", "validation balanced accuracy of the best cells", groups,
                        YAxis.BALANCED_ACCURACY).html());
        return s.append("</div>\n").toString();
    }

    /**
     * The critical-lr table, folded: the rows of α whose grid has a boundary (some lr diverged) first, the
     * rest under a closed {@code <details>} that says how many there are.
     */
    private String critical() {
        String select = "SELECT optimizer_config AS optimizer, data, model, loss, alpha, largest_stable_lr,"
                + " smallest_diverging_lr, critical_effective_lr, monotone FROM critical_lr WHERE smallest_diverging_lr IS ";
        String order = " ORDER BY optimizer_config, data, model, loss, alpha";
        Dataset<Row> bounded = spark.sql(select + "NOT NULL" + order);
        Dataset<Row> unbounded = spark.sql(select + "NULL" + order);
        long folded = unbounded.count();
        StringBuilder s = new StringBuilder();
        if (bounded.isEmpty()) {
            s.append("<p class=\"note\">No \u03b1 diverged at any learning rate of the grid, so there is no boundary.</p>\n");
        } else {
            s.append(table(bounded, "critical"));
        }
        if (folded > 0) {
            s.append("<details class=\"folded\"><summary>").append(folded).append(folded == 1 ? " row" : " rows")
                    .append(" without a boundary (no learning rate diverged at that \u03b1)</summary>\n")
                    .append(table(unbounded, "critical unbounded")).append("</details>\n");
        }
        return s.toString();
    }

    private Map<String, double[]> curves(List<String> ids) {
        return curves(ids, "loss");
    }

    /** Per trial, the epochs table's {@code column} by epoch (NaN where it is null or missing). */
    private Map<String, double[]> curves(List<String> ids, String column) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Dataset<Row> e = spark.table("epochs").filter(col("trial_id").isin(ids.toArray())).select("trial_id", "epoch", column);
        Map<String, List<Row>> byId = e.collectAsList().stream().collect(Collectors.groupingBy(r -> r.getString(0)));
        for (Map.Entry<String, List<Row>> en : byId.entrySet()) {
            int max = en.getValue().stream().mapToInt(r -> r.getInt(1)).max().orElse(0);
            double[] y = new double[max + 1];
            java.util.Arrays.fill(y, Double.NaN);
            en.getValue().forEach(r -> y[r.getInt(1)] = r.isNullAt(2) ? Double.NaN : r.getDouble(2));
            out.put(en.getKey(), y);
        }
        return out;
    }

    /**
     * The section "Critical α·lr against α (boundary search)": one log–log {@link BracketChart} per optimizer
     * configuration, data, model and loss of the {@code brackets} table, then the table itself; empty (no
     * section) when the table has no rows, as for every grid sweep.
     */
    private String brackets() {
        Dataset<Row> all = spark.sql("SELECT " + KEY + ", alpha, stable_lr, unstable_lr, kind FROM brackets ORDER BY "
                + KEY + ", alpha");
        List<Row> rows = all.collectAsList();
        if (rows.isEmpty()) {
            return "";
        }
        Map<String, List<BracketChart.Point>> byGroup = new LinkedHashMap<>();
        for (Row r : rows) {
            String group = r.getString(4) + " \u00b7 " + r.getString(1) + " \u00b7 " + r.getString(2) + " \u00b7 "
                    + r.getString(0);
            byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(new BracketChart.Point(r.getDouble(5),
                    r.isNullAt(6) ? null : r.getDouble(6), r.isNullAt(7) ? null : r.getDouble(7),
                    BracketChart.Kind.valueOf(r.getString(8))));
        }
        StringBuilder s = new StringBuilder("<section id=\"brackets\"><h2>Critical \u03b1\u00b7lr against \u03b1 ")
                .append("(boundary search)</h2>\n").append(BRACKETS_HOW).append("<div class=\"row brackets\">\n");
        byGroup.forEach((group, points) -> s.append("<figure class=\"chart bracket-chart\"><figcaption>")
                .append(Svg.escKeepNumbers(group)).append("</figcaption><div class=\"static\">")
                .append(BracketChart.render(group, points)).append("</div></figure>\n"));
        s.append("</div>\n");
        s.append(table(spark.sql("SELECT optimizer_config AS optimizer, data, model, loss, alpha, kind, stable_lr,"
                + " unstable_lr, ratio, critical_lr, critical_effective_lr AS `critical α·lr`, trials FROM brackets ORDER BY "
                + KEY + ", alpha"), "brackets"));
        return s.append("</section>\n").toString();
    }

    private String spec(SweepManifest manifest) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        StringBuilder s = new StringBuilder("<section id=\"run\"><h2>Spec, runs and versions</h2>\n").append(RUN_HOW);
        try {
            s.append("<h3>Runs</h3>\n<table class=\"runs\"><tr><th>mode</th><th>master</th><th>started</th>")
                    .append("<th>wall</th><th>trained</th><th>batches</th></tr>\n");
            for (RunRecord r : manifest.runs()) {
                s.append("<tr><td>").append(Svg.esc(r.mode().label())).append("</td><td>")
                        .append(Svg.esc(String.valueOf(r.master()))).append("</td><td>")
                        .append(Svg.esc(r.startedAt())).append("</td><td>")
                        .append(Svg.esc(String.format(Locale.ROOT, "%.1f s", r.wallMs() / 1000.0))).append("</td><td>")
                        .append(r.trainedTrials()).append("</td><td>")
                        .append(r.batches().size()).append("</td></tr>\n");
            }
            s.append("</table>\n<h3>Versions</h3>\n<pre>").append(Svg.esc(json.writeValueAsString(manifest.versions())))
                    .append("</pre>\n<h3>Resolved spec</h3>\n<pre>").append(Svg.esc(json.writeValueAsString(manifest.spec())))
                    .append("</pre>\n<h3>Data</h3>\n<pre>").append(Svg.esc(json.writeValueAsString(manifest.data())))
                    .append("</pre>\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a manifest is plain JSON", e);
        }
        s.append("</section>\n");
        return s.toString();
    }

    private String[] sensitivityColumns() {
        List<String> cols = new ArrayList<>(List.of("optimizer", "data", "model", "loss"));
        for (Row r : spark.sql("SELECT DISTINCT alpha FROM alpha_sensitivity ORDER BY alpha").collectAsList()) {
            double a = r.getDouble(0);
            cols.add("m[" + a + "] AS `α=" + Svg.num(a) + "`");
        }
        return cols.toArray(String[]::new);
    }

    /** An HTML table of a (small) result, numbers compact and never broken across lines; wide tables scroll. */
    static String table(Dataset<Row> rows, String cssClass) {
        StringBuilder s = new StringBuilder("<div class=\"scroll\"><table class=\"").append(cssClass).append("\"><tr>");
        for (String c : rows.columns()) {
            s.append("<th>").append(Svg.esc(c)).append("</th>");
        }
        s.append("</tr>\n");
        for (Row r : rows.collectAsList()) {
            s.append("<tr>");
            for (int i = 0; i < r.length(); i++) {
                Object v = r.get(i);
                String text = v == null ? "" : v instanceof Double d ? Svg.num(d) : String.valueOf(v);
                String cls = "holds".equals(rows.columns()[i]) ? " class=\"verdict\"" : "";
                s.append("<td").append(cls).append(">").append(Svg.esc(text)).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</table></div>\n").toString();
    }

    private static String sql(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static final String MAPS_HOW = "<p class=\"how\"><b>How to read these maps.</b> One map per optimizer: "
            + "each row is one \u03b1 (the loss scale, growing upwards), each column one learning rate, both on log scales. "
            + "A cell's colour is the status most of its seeds reached (ties go to the more severe); \u00d7 marks "
            + "divergence, ~ oscillation, ! a failure. Within a status, a lighter cell ended at a higher median final loss "
            + "(the key under the map gives the range). The black step line is the critical boundary: left of it no seed "
            + "diverged. If \u03b1 acts as a learning rate, the boundary is a diagonal (one decade of \u03b1 moves it one "
            + "decade of lr); if the optimizer ignores \u03b1, it is vertical. Beside each map, two sets of loss curves: "
            + "trials with equal \u03b1\u00b7lr (plain SGD and momentum collapse them onto one curve) and trials with equal "
            + "lr (adaptive optimizers do). Each line is the median over seeds and its band spans the lowest to the "
            + "highest seed; with scripts, hover for values, drag to zoom and tick seeds to see their own curves.</p>\n";

    private static final String VALIDATION_HOW = "<p class=\"how\"><b>How to read the validation maps.</b> Under "
            + "each stability map, the same grid of \u03b1 and learning rate coloured by the best validation balanced "
            + "accuracy its trials reached (each trial's largest over its epochs, the median over seeds; darker = higher, "
            + "the value printed in the cell). Balanced accuracy is the mean recall over classes, so on imbalanced data "
            + "a model that always answers the majority class scores 0.5 (for two classes) however high its accuracy. "
            + "A grey cell with a dash measured none (every seed diverged before it). Read it against the stability map: "
            + "a stable cell is not always a useful one. Beside it, the validation balanced accuracy over epochs of the "
            + "map's three best cells (median over seeds, band from lowest to highest).</p>\n";

    private static final String BRACKETS_HOW = "<p class=\"how\"><b>How to read these charts.</b> One chart per "
            + "optimizer: each \u03b1 the boundary search probed (the loss scale, log x axis) against \u03b1\u00b7lr (log y "
            + "axis). A vertical bar spans the bracket the search closed, from \u03b1\u00b7lr at the largest stable lr to "
            + "\u03b1\u00b7lr at the smallest unstable one, with a dot at the critical value (their geometric mean); an open "
            + "triangle pointing up marks \"stable up to\" (every probe was stable, the limit lies above), one pointing "
            + "down \"unstable from\" (the limit lies below). A horizontal line (constant critical \u03b1\u00b7lr) means "
            + "the loss scale acts as the learning rate, as for plain SGD and momentum; a line of slope 1 means an "
            + "\u03b1-invariant lr limit, as adaptive optimizers show. The table below the charts lists every bracket.</p>\n";

    private static final String TRACES_HOW = "<p class=\"how\"><b>How to read these charts.</b> One chart per "
            + "optimizer: the loss of the mini-batch each of the first updates was computed from (unscaled, log scale), "
            + "for the trials that diverged, or the first trials where none did. A line ends where the batch loss stopped "
            + "being finite: the update at which training broke, often long before the epoch that reported it. All "
            + "iterations are in the <code>iterations</code> table.</p>\n";

    private static final String RUN_HOW = "<p class=\"how\"><b>How to read this section.</b> What produced these "
            + "results: one row per run that wrote them (a resumed sweep has several), the versions it ran with, the "
            + "spec as resolved (defaults filled in, ranges expanded) and the fingerprints of its data.</p>\n";

    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1880px;
              padding:0 16px;color:#222}
            h1{margin:0 0 8px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{margin:18px 0 6px;font-size:15px}
            .lead{font-size:15px}.note{color:#555;font-size:13px;max-width:1100px}
            .how{font-size:13px;max-width:1100px;background:#f5f8fc;border-left:3px solid #8aa9cf;padding:6px 10px}
            .chip{color:#fff;padding:1px 7px;border-radius:9px;font-size:12px;margin-right:3px;white-space:nowrap}
            .legend{font-size:12px;display:flex;gap:14px;flex-wrap:wrap;margin:6px 0}
            .legend>span{white-space:nowrap}
            .legend i{display:inline-block;width:18px;height:14px;margin-right:4px;vertical-align:middle;color:#fff;
              text-align:center;font-style:normal;line-height:14px}
            .legend i.line{height:0;border-top:3px solid #000;width:18px}
            .row{display:grid;grid-template-columns:max-content minmax(0,1fr) minmax(0,1fr);gap:16px;align-items:start}
            .chosen .row{grid-template-columns:minmax(0,1fr);max-width:900px}
            .row.traces{grid-template-columns:repeat(auto-fill,minmax(420px,1fr))}
            @media (max-width:1000px){.row{grid-template-columns:minmax(0,1fr)}}
            article.group{border-top:1px solid #eee;padding-top:4px}
            figure.chart{margin:0;min-width:0}
            figure.chart figcaption{font-size:13px;font-weight:600;margin:0 0 4px}
            .chart .static svg{display:block;width:100%;height:auto}
            .chart .live{display:none}.chart.live-ok .live{display:block}.chart.live-ok .static{display:none}
            ul.key{list-style:none;padding:0;margin:4px 0;font-size:12px;display:flex;flex-wrap:wrap;gap:2px 14px}
            ul.key li{white-space:nowrap}
            ul.key i,table.live-key i{display:inline-block;width:22px;height:0;border-top:2px solid;vertical-align:middle;
              margin:0 5px 0 3px}
            i.dashed{border-top-style:dashed !important}
            table.live-key{border:none;margin:2px 0}table.live-key td,table.live-key th{border:none;padding:1px 6px;
              background:none;text-align:left;font-weight:normal}
            table.live-key th.epoch{color:#555}table.live-key tr.off{opacity:.45}table.live-key td.range{color:#666}
            table.live-key label{cursor:pointer}
            .seed-toggles{font-size:12px;margin:2px 6px}.seed-toggles label{margin-right:10px;white-space:nowrap}
            .hint{font-size:11px;color:#777;margin:2px 6px}
            .scroll{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;font-size:12px;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 7px;text-align:right;
              white-space:nowrap}
            td.num{font-variant-numeric:tabular-nums}span.num{white-space:nowrap}
            th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}td.verdict{font-weight:600}
            details.folded{font-size:13px;margin:4px 0}details.folded summary{cursor:pointer;color:#444}
            pre{background:#f7f7f7;padding:8px;font-size:12px;overflow:auto;max-height:360px}
            svg text{font-family:inherit}
            """;
}
