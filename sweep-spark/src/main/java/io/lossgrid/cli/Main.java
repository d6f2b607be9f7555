package io.lossgrid.cli;

import io.lossgrid.base.SpecException;
import io.lossgrid.store.SweepRefused;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sweep}: the command line. Exit status 0 on success, 2 for a spec error or a refused request
 * (one line on stderr, nothing written), 3 when a sweep stopped early, 1 for anything unexpected.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Loss-scaling x learning-rate x optimizer sweeps on Spark, trained with DL4J.",
        subcommands = {RunCommand.class, SqlCommand.class, AnalyzeCommand.class, ReportCommand.class,
                TableCommand.Stability.class, TableCommand.CriticalLr.class, TableCommand.Equivalence.class,
                TableCommand.Invariance.class, TableCommand.AlphaSensitivity.class, TableCommand.SeedSpread.class, TableCommand.Convergence.class,
                SchemaCommand.class})
public final class Main implements Runnable {
    public static final int SPEC_ERROR = 2;
    public static final int STOPPED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting, printing to stdout and stderr; returns the exit status. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line without exiting, for tests and embedding; returns the exit status. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter w = cmd.getErr();
            if (e instanceof SpecException) {
                w.println("lossgrid: spec error: " + e.getMessage());
                return SPEC_ERROR;
            }
            if (e instanceof SweepRefused || e instanceof LaunchRefused) {
                w.println("lossgrid: " + e.getMessage());
                return SPEC_ERROR;
            }
            throw e;
        });
        // The command line is parsed once, here; before any verb runs, its paths are checked against where
        // the driver runs (spark-submit --deploy-mode cluster: on a worker).
        CommandLine.IExecutionStrategy verbs = cli.getExecutionStrategy();
        cli.setExecutionStrategy(parsed -> {
            try {
                ClusterPaths.check(parsed, System.getProperty(Sessions.DEPLOY_MODE));
            } catch (LaunchRefused e) {
                cli.getErr().println("lossgrid: " + e.getMessage());
                return SPEC_ERROR;
            }
            return verbs.execute(parsed);
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
