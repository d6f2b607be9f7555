package io.lossgrid.cli;

import io.lossgrid.analysis.Analysis;
import io.lossgrid.analysis.AnalysisTable;
import io.lossgrid.store.ResultDirectory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code analyze DIR}: writes every analysis table and prints the verdicts; its help lists the tables ({@link #description()}). */
@Command(name = "analyze")
final class AnalyzeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @picocli.CommandLine.Mixin
    MasterOption master;

    /** The verb's help, naming every table of {@link AnalysisTable} in order. */
    static String description() {
        return "Write the convergence analysis of a results directory to DIR/analysis/<table> (Parquet; a view of"
                + " that name in 'sql', and what the verb of that name prints): "
                + String.join(", ", AnalysisTable.names())
                + "; print the invariance, alpha-sensitivity and critical learning-rate tables.";
    }

    @Override
    public Integer call() {
        try (Sessions session = master.open("lossgrid analyze")) {
            SparkSession spark = session.spark();
            QuerySettings.apply(spark);
            ResultDirectory store = Views.open(spark, dir);
            Analysis analysis = Analysis.of(spark, store);
            analysis.writeAll();
            PrintWriter out = command.commandLine().getOut();
            out.println("wrote " + String.join(", ", Analysis.TABLES) + " to " + store.uri() + "/analysis");
            out.println();
            out.println("invariance (residual: largest relative difference between loss curves that should match):");
            OutputFormat.csv.print(spark.sql("SELECT optimizer_config, data, model, loss, expected, holds,"
                    + " effective_lr_classes, effective_lr_residual_median, effective_lr_residual_max,"
                    + " alpha_classes, alpha_residual_median, alpha_residual_max FROM invariance"), out);
            out.println();
            out.println("alpha sensitivity (residual against the alpha nearest 1, same lr and seed):");
            OutputFormat.csv.print(spark.sql("SELECT optimizer_config, alpha, reference_alpha, comparisons, residual_median,"
                    + " residual_max FROM alpha_sensitivity"), out);
            out.println();
            out.println("critical learning rate per alpha:");
            OutputFormat.csv.print(spark.sql("SELECT optimizer_config, alpha, largest_stable_lr, smallest_diverging_lr,"
                    + " critical_effective_lr FROM critical_lr"), out);
            return 0;
        }
    }
}
