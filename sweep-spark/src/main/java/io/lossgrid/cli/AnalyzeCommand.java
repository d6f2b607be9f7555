package io.lossgrid.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", description = "Write the convergence analysis of a results directory to DIR/analysis (Parquet).")
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("analyze arrives with the convergence analysis");
    }
}
