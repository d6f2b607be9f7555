package io.lossgrid.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The analysis tables, declared once: each constant is a table's name (its directory under
 * {@code DIR/analysis} and its view in {@code sql}), its grain, what it says and its query. The verb that
 * prints it, {@code analyze --help}, {@link Analysis#TABLES} and the README's table are all derived from
 * this list, in this order; a test holds the README to it.
 */
public enum AnalysisTable {
    STABILITY("stability", "optimizer config × (α, lr) cell (and data, model, loss)",
            "the most common status over seeds (ties go to the more severe), counts per status, medians of final"
                    + " loss and epochs to target",
            Analysis::stability),
    CRITICAL_LR("critical_lr", "optimizer × α",
            "the largest stable lr, the smallest diverging lr, and the critical α·lr between them (geometric mean)",
            Analysis::criticalLr),
    EQUIVALENCE("equivalence", "class of trials that should train alike: same seed and α·lr"
            + " (`kind = effective_lr`) or same lr (`learning_rate`), at least two α",
            "`residual`: the largest relative difference between the class's loss curves over all epochs,"
                    + " `(max − min)/max` per epoch, 1 where one curve ended earlier",
            Analysis::equivalence),
    INVARIANCE("invariance", "optimizer",
            "median and largest residual of each kind, the invariance expected on paper, and which holds:"
                    + " median ≤ 1e-3 holds, ≤ 1e-2 holds roughly",
            Analysis::invariance),
    ALPHA_SENSITIVITY("alpha_sensitivity", "optimizer × α",
            "residual of that α's curves against the α nearest 1 (same lr and seed): where ε starts to matter",
            Analysis::alphaSensitivity),
    SEED_SPREAD("seed_spread", "cell with several seeds",
            "min, max, mean, std of final loss, relative spread, status agreement",
            Analysis::seedSpread),
    CONVERGENCE("convergence", "trial",
            "epochs to the target, or, when the spec gave none, to within `tolerance` of the best loss any trial"
                    + " of the same data, model and loss reached",
            Analysis::convergence),
    BRACKETS(BracketsTable.NAME, "cell of a boundary search (data, model, loss, optimizer config, α)",
            "the learning-rate bracket the search closed: `stable_lr`, `unstable_lr`, their `ratio`, `critical_lr`"
                    + " (geometric mean) and α·lr at it, `kind` (BRACKETED, STABLE_UP_TO, UNSTABLE_FROM) and the"
                    + " trials it took; empty for a grid",
            Analysis::brackets),
    CLASSES(ClassesTable.NAME, "class of a data set whose classes sweep.json records (an image folder; a classifier's"
            + " data with a validation set)",
            "`class_index` (from 0) and `class_name` (null where the data names none) to join the label to, and"
                    + " `train_count` and `val_count`: the class's examples trained on and held out (null without a"
                    + " validation set)",
            Analysis::classes);

    private final String tableName;
    private final String rowPer;
    private final String says;
    private final Function<Analysis, Dataset<Row>> query;

    AnalysisTable(String tableName, String rowPer, String says, Function<Analysis, Dataset<Row>> query) {
        this.tableName = tableName;
        this.rowPer = rowPer;
        this.says = says;
        this.query = query;
    }

    /** The table's name: its directory under {@code DIR/analysis} and its view. */
    public String tableName() {
        return tableName;
    }

    /** The command-line verb that prints the table: its name with hyphens for underscores. */
    public String verb() {
        return tableName.replace('_', '-');
    }

    /** What one row stands for (Markdown). */
    public String rowPer() {
        return rowPer;
    }

    /** What the table says (Markdown). */
    public String says() {
        return says;
    }

    /** The table computed from the views {@code trials} and {@code epochs} of {@code analysis}. */
    public Dataset<Row> compute(Analysis analysis) {
        return query.apply(analysis);
    }

    /** One line for a command's help: grain and content, in plain ASCII. */
    public String help() {
        return plain("Print the " + tableName + " table, one row per " + rowPer + ": " + says + ".");
    }

    /** The table names in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(AnalysisTable::tableName).toList();
    }

    /** The table with this name, if there is one. */
    public static Optional<AnalysisTable> named(String tableName) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(tableName)).findFirst();
    }

    /** The README's table of analysis tables: a header, a separator and one row per table, each line ending in a newline. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder("| table (verb) | one row per | what it says |\n|---|---|---|\n");
        for (AnalysisTable t : values()) {
            String name = "`" + t.tableName + "`" + (t.verb().equals(t.tableName) ? "" : " (`" + t.verb() + "`)");
            sb.append("| ").append(name).append(" | ").append(t.rowPer).append(" | ").append(t.says).append(" |\n");
        }
        return sb.toString();
    }

    /** Markdown as plain ASCII text for a terminal: no backticks, Greek letters and symbols spelt out. */
    static String plain(String markdown) {
        return Arrays.stream(markdown.replace("`", "").split(""))
                .map(c -> switch (c) {
                    case "α" -> "alpha";
                    case "ε" -> "epsilon";
                    case "×" -> "x";
                    case "·" -> "*";
                    case "−" -> "-";
                    case "≤" -> "<=";
                    default -> c;
                })
                .collect(Collectors.joining());
    }
}
