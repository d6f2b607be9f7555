package io.lossgrid.cli;

import io.lossgrid.report.Report;
import io.lossgrid.report.ReportFile;
import io.lossgrid.store.ResultDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Write one self-contained HTML report of a results directory (stability maps,"
        + " loss curves, invariance and critical-lr tables, spec, runs, versions); runs the analysis first if needed.")
final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the report (default: DIR/report.html);"
            + " the one file, no checksum file beside it")
    String out;

    @Option(names = "--cell", paramLabel = "OPT:ALPHA:LR", converter = CellConverter.class,
            description = "also plot the loss curves of this cell, e.g. sgd:10:0.01 (repeatable)")
    List<Report.Choice> cells = new ArrayList<>();

    @picocli.CommandLine.Mixin
    MasterOption master;

    /** {@code --cell}'s value as a cell, or picocli's one-line error naming the value found. */
    static final class CellConverter implements CommandLine.ITypeConverter<Report.Choice> {
        @Override
        public Report.Choice convert(String value) {
            try {
                return Report.Choice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("a cell is OPTIMIZER:ALPHA:LR with numbers for ALPHA and"
                        + " LR, such as sgd:10:0.01; found " + value);
            }
        }
    }

    @Override
    public Integer call() {
        try (Sessions session = master.open("lossgrid report")) {
            SparkSession spark = session.spark();
            QuerySettings.apply(spark);
            ResultDirectory store = Views.open(spark, dir);
            String html = new Report(spark, store).html(cells);
            String target = ReportFile.write(out == null ? store.child("report.html") : out,
                    spark.sparkContext().hadoopConfiguration(), html);
            command.commandLine().getOut().println("wrote " + target);
            return 0;
        }
    }
}
