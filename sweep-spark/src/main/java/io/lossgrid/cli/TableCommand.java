package io.lossgrid.cli;

import io.lossgrid.analysis.Analysis;
import io.lossgrid.analysis.AnalysisTable;
import io.lossgrid.store.ResultDirectory;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The verb that prints one analysis table: the table {@code analyze} stored when it is current (read as
 * stored: no analysis query runs), else the table computed from the results (nothing is written). One instance per {@link AnalysisTable}; its name and
 * help come from there ({@link Main#commandLine}).
 */
@Command
final class TableCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @Option(names = "--format", paramLabel = "csv|json|table", defaultValue = "csv", description = OutputFormat.HELP)
    OutputFormat format;

    @picocli.CommandLine.Mixin
    MasterOption master;

    private final AnalysisTable table;

    TableCommand(AnalysisTable table) {
        this.table = table;
    }

    @Override
    public Integer call() {
        try (Sessions session = master.open("lossgrid " + table.verb())) {
            SparkSession spark = session.spark();
            QuerySettings.apply(spark);
            ResultDirectory store = Views.open(spark, dir);
            format.print(Analysis.stored(spark, store, table).orElseGet(() -> Analysis.of(spark, store).table(table)),
                    command.commandLine().getOut());
            return 0;
        }
    }
}
