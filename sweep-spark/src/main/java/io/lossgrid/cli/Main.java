package io.lossgrid.cli;

import io.lossgrid.analysis.AnalysisTable;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code sweep}: the command line. Exit status 0 on success, 2 for a spec error, a refused request or any
 * other input the user can fix (one line on stderr, nothing written), 3 when a sweep stopped early, 1 for
 * anything unexpected. Every verb takes {@code --help} and {@code --version}, even without its required
 * parameters; {@code sweep help VERB} prints a verb's help.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Loss-scaling x learning-rate x optimizer sweeps on Spark, trained with DL4J.")
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
        return execute(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line without exiting, for tests and embedding; returns the exit status. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(InputStream.nullInputStream(), out, err, args);
    }

    /**
     * Runs the command line without exiting, reading {@code sql}'s statements from {@code in} when it is
     * given neither a query nor a file; returns the exit status.
     */
    public static int execute(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(in);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String line = Errors.oneLine(e);
            if (line == null) {
                throw e;
            }
            cmd.getErr().println(line);
            return SPEC_ERROR;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println(usageError(e));
            return SPEC_ERROR;
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

    /**
     * The command tree: run, sql, analyze, report, one verb per {@link AnalysisTable} (in its order, its help
     * from its declaration), schema, and help. Help and version options reach every verb by inheritance.
     */
    static CommandLine commandLine(InputStream in) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new RunCommand());
        cli.addSubcommand(new SqlCommand(in));
        cli.addSubcommand(new AnalyzeCommand());
        cli.addSubcommand(new ReportCommand());
        cli.addSubcommand(new EvaluateCommand());
        for (AnalysisTable table : AnalysisTable.values()) {
            CommandLine verb = new CommandLine(new TableCommand(table));
            verb.getCommandSpec().usageMessage().description(table.help());
            cli.addSubcommand(table.verb(), verb);
        }
        cli.addSubcommand(new SchemaCommand());
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.getSubcommands().get("analyze").getCommandSpec().usageMessage().description(AnalyzeCommand.description());
        return cli;
    }

    /** A parse error as one line: what is wrong, picocli's suggestions for a misspelt verb or option, where help is. */
    static String usageError(CommandLine.ParameterException e) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        String message = String.join("; ", e.getMessage().strip().split("\\R"));
        if (e instanceof UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            List<String> suggestions = u.getSuggestions();
            boolean verb = !e.getCommandLine().getSubcommands().isEmpty() && !unmatched.isEmpty()
                    && !unmatched.get(0).startsWith("-");
            if (verb) {
                message = "'" + unmatched.get(0) + "' is not a verb";
            }
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        return "lossgrid: " + message + " (see '" + command + " --help')";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
