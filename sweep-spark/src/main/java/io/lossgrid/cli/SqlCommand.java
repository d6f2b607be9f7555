package io.lossgrid.cli;

import io.lossgrid.wire.ServerSettings;
import io.lossgrid.store.ResultDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sql DIR [QUERY | -f FILE]}: read-only Spark SQL over a results directory, on one Spark session.
 * Statements come from QUERY, from FILE, or from standard input: an interactive shell when that is a
 * terminal ({@link SqlShell}), else a script read to its end.
 */
@Command(name = "sql", description = {
        "Run read-only Spark SQL over a results directory (views: trials, epochs, iterations, and the analysis"
                + " tables once 'analyze' has run): the statements of QUERY or of -f FILE, separated by ';'. Without either,"
                + " read statements from standard input: on a terminal an interactive shell (history, statements"
                + " over several lines, .help for its commands), else a script.",
        "Statements that would write (INSERT, CREATE TABLE, ...) are refused before anything runs.",
        "Launched by scripts/sweep, a call with QUERY or -f FILE goes to this user's warm query server when one"
                + " runs, and starts one otherwise (README: the query server); 'scripts/sweep sql --stop-server'"
                + " stops it."})
final class SqlCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "QUERY", description = "Spark SQL statements, separated by ';'")
    String query;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "run the statements of this file")
    Path file;

    @Option(names = "--format", paramLabel = "csv|json|table", defaultValue = "csv",
            description = OutputFormat.HELP + " (the shell's default: table)")
    OutputFormat format;

    @Option(names = ServerSettings.NO_SERVER, description = "run this call in its own JVM and"
            + " start no query server (also: LOSSGRID_QUERY_SERVER=off)")
    boolean noServer;

    @picocli.CommandLine.Mixin
    MasterOption master;

    private final InputStream in;

    /** @param in where statements come from when the command line gives neither QUERY nor FILE */
    SqlCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() {
        if (query != null && file != null) {
            throw new ParameterException(command.commandLine(), "give QUERY or -f FILE, not both");
        }
        String script = query != null ? query : file != null ? read(file) : null;
        boolean terminal = script == null && in == System.in && System.console() != null;
        try (Sessions session = master.open("lossgrid sql")) {
            SparkSession spark = session.spark();
            QuerySettings.apply(spark);
            ResultDirectory store = Views.open(spark, dir);
            if (terminal) {
                boolean chosen = command.commandLine().getParseResult().hasMatchedOption("--format");
                return new SqlShell(spark, store, command.commandLine().getOut(),
                        chosen ? format : OutputFormat.table).interactive();
            }
            return new SqlShell(spark, store, command.commandLine().getOut(), format)
                    .runScript(script != null ? script : readAll(in));
        }
    }

    private String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(), "-f must name a readable file of statements, found "
                    + path.toAbsolutePath() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
