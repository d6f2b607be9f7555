package io.lossgrid.cli;

import io.lossgrid.report.Report;
import io.lossgrid.store.ResultDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the report (default: DIR/report.html)")
    String out;

    @Option(names = "--cell", paramLabel = "OPT:ALPHA:LR",
            description = "also plot the loss curves of this cell, e.g. sgd:10:0.01 (repeatable)")
    List<String> cells = new ArrayList<>();

    @picocli.CommandLine.Mixin
    MasterOption master;

    @Override
    public Integer call() {
        List<Report.Choice> chosen = cells.stream().map(Report.Choice::parse).toList();
        try (Sessions session = master.open("lossgrid report")) {
            SparkSession spark = session.spark();
            ResultDirectory store = Views.open(spark, dir);
            String html = new Report(spark, store).html(chosen);
            String target;
            if (out == null) {
                store.writeAtomically("report.html", html);
                target = store.child("report.html");
            } else {
                java.nio.file.Path p = java.nio.file.Path.of(out);
                try {
                    java.nio.file.Files.writeString(p, html);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                target = p.toAbsolutePath().toString();
            }
            command.commandLine().getOut().println("wrote " + target);
            return 0;
        }
    }
}
