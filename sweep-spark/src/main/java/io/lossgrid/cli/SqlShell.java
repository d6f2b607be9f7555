package io.lossgrid.cli;

import io.lossgrid.store.ResultDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Statements over one results directory on one Spark session: a script ({@link #runScript}) or an
 * interactive prompt ({@link #interactive}, JLine: history, statements over several lines, Ctrl-D to leave).
 * Every statement passes {@link ReadOnlySql} first. Shell commands start with a dot: {@code .tables},
 * {@code .schema [VIEW]}, {@code .format csv|json|table}, {@code .help}, {@code .quit}.
 */
final class SqlShell {
    static final String HELP = String.join("\n",
            "Statements end with ';' and may span lines. Views: trials, epochs, iterations (empty without"
                    + " training.trace), and the analysis tables once 'sweep analyze' has run.",
            "sql is read-only: queries, EXPLAIN, DESCRIBE, SHOW, SET and CREATE TEMPORARY VIEW run; statements"
                    + " that write are refused.",
            "  .tables                 the views and their columns",
            "  .schema [VIEW]          columns and types of a view (all views without VIEW)",
            "  .format csv|json|table  how results print",
            "  .help                   this text",
            "  .quit                   leave (also .exit, Ctrl-D)");
    private static final String PROMPT = "lossgrid> ";
    private static final String HISTORY = ".lossgrid_sql_history";

    private final SparkSession spark;
    private final ResultDirectory store;
    private final PrintWriter out;
    private OutputFormat format;

    SqlShell(SparkSession spark, ResultDirectory store, PrintWriter out, OutputFormat format) {
        this.spark = spark;
        this.store = store;
        this.out = out;
        this.format = format;
    }

    /**
     * Runs the statements of a script in order, after checking them all: a statement that would write, or a
     * shell command that does not exist, refuses the whole script before anything runs. The first statement
     * that fails ends it (its exception propagates). Returns 0, or 0 after {@code .quit}.
     */
    int runScript(String text) {
        List<String> statements = Statements.of(text).all();
        for (String s : statements) {
            if (isShellCommand(s)) {
                checkShellCommand(s);
            } else {
                ReadOnlySql.check(spark, s);
            }
        }
        for (String s : statements) {
            if (!execute(s)) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * The prompt on a terminal, until {@code .quit} or Ctrl-D; Ctrl-C drops the statement being typed. A failed
     * statement prints one line and the prompt comes back. History is kept in {@code ~/.lossgrid_sql_history}.
     */
    int interactive() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("lossgrid")
                    .parser(new StatementParser())
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "      -> ")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            out.println("lossgrid sql on " + store.uri() + "; .help for help, .quit or Ctrl-D to leave");
            out.flush();
            while (true) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                for (String s : Statements.of(input).all()) {
                    if (!executeReporting(s)) {
                        return 0;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one statement; a failure the user can fix prints its one line, anything else its class and message. */
    private boolean executeReporting(String statement) {
        try {
            return execute(statement);
        } catch (Exception e) { // Spark's AnalysisException is checked, and thrown undeclared
            String line = Errors.oneLine(e);
            out.println(line != null ? line : "lossgrid: " + e.getClass().getSimpleName() + ": "
                    + Errors.firstLine(e.getMessage()));
            out.flush();
            return true;
        }
    }

    /** Runs one statement or shell command; false after {@code .quit}. */
    boolean execute(String statement) {
        if (isShellCommand(statement)) {
            return shellCommand(statement);
        }
        Views.ensureAnalysis(spark, store, ReadOnlySql.check(spark, statement));
        var result = spark.sql(statement);
        if (result.columns().length > 0) {
            format.print(result, out);
        }
        return true;
    }

    private static boolean isShellCommand(String statement) {
        String s = statement.toLowerCase(Locale.ROOT);
        return s.startsWith(".") || s.equals("help") || s.equals("quit") || s.equals("exit");
    }

    private static void checkShellCommand(String statement) {
        String[] words = words(statement);
        boolean known = switch (words[0]) {
            case "tables", "help", "quit", "exit" -> words.length == 1;
            case "schema" -> words.length <= 2;
            case "format" -> words.length == 2 && List.of("csv", "json", "table").contains(words[1]);
            default -> false;
        };
        if (!known) {
            throw new BadInput("unknown shell command '" + statement + "'; the commands are .tables, .schema [VIEW],"
                    + " .format csv|json|table, .help and .quit");
        }
    }

    private static String[] words(String statement) {
        return statement.replaceFirst("^\\.", "").strip().split("\\s+");
    }

    private boolean shellCommand(String statement) {
        checkShellCommand(statement);
        String[] words = words(statement);
        switch (words[0]) {
            case "quit", "exit" -> {
                return false;
            }
            case "help" -> out.println(HELP);
            case "format" -> format = OutputFormat.valueOf(words[1]);
            case "tables" -> {
                for (String view : Views.ensureAllAnalysis(spark, store)) {
                    out.println(view + " (" + String.join(", ", spark.table(view).columns()) + ")");
                }
            }
            default -> {
                List<String> views = words.length == 2 ? List.of(words[1]) : Views.ensureAllAnalysis(spark, store);
                Views.ensureAnalysis(spark, store, views);
                for (String view : views) {
                    out.println(view + ":");
                    for (StructField f : spark.table(view).schema().fields()) {
                        out.println("  " + f.name() + " " + f.dataType().simpleString() + (f.nullable() ? "" : " not null"));
                    }
                }
            }
        }
        out.flush();
        return true;
    }

    /** JLine's parser, asking for more lines until the input holds no unfinished statement. */
    private static final class StatementParser extends DefaultParser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !Statements.of(line).finished()
                    && !isShellCommand(Statements.of(line).rest())) {
                throw new EOFError(-1, cursor, "the statement goes on until ';'", ";");
            }
            return super.parse(line, cursor, context);
        }
    }
}
