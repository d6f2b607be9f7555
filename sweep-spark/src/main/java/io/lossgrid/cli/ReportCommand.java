package io.lossgrid.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Write a self-contained HTML report of a results directory.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("report arrives with the convergence analysis");
    }
}
