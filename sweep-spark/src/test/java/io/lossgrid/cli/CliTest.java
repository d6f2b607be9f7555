package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit statuses, one-line errors, and what the verbs print. */
class CliTest {
    static SparkSession spark;

    @TempDir
    static Path tmp;

    static Path results;

    record Run(int status, String out, String err) {
    }

    static Run cli(String... args) {
        return cliWithInput("", args);
    }

    /** The command line with {@code stdin} as its standard input (not a terminal). */
    static Run cliWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The files under a directory with their sizes, sorted, to tell whether anything changed there. */
    static List<String> listing(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p) + " " + p.toFile().length()).sorted().toList();
        }
    }

    @BeforeAll
    static void runOneSweep() {
        spark = LocalSpark.start("CliTest");
        Path spec = Specs.write(tmp, "mixed.yaml", Specs.MIXED);
        results = tmp.resolve("results");
        Run run = cli("run", spec.toString(), "--out", results.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("COMPLETED: 8 trials trained"), run.out());
        assertTrue(run.err().contains("[lossgrid] 8/8 trials (100%)"), run.err());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aSpecErrorExitsWithStatusTwoAndOneLineAndWritesNothing() {
        Path spec = Specs.write(tmp, "bad.yaml", Specs.MIXED.replace("learningRate: [0.01, 2.0]",
                "learningRate: [0.01, 2.0, -0.1]"));
        Path out = tmp.resolve("never");
        Run run = cli("run", spec.toString(), "--out", out.toString());
        assertEquals(2, run.status());
        assertEquals("lossgrid: spec error: grid.learningRate[2] must be > 0 and finite, found -0.1\n", run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingCsvIsASpecErrorNamingTheResolvedPath() {
        Path spec = Specs.write(tmp, "nocsv.yaml", Specs.MIXED.replace(
                "data: {synthetic: {generator: linear, samples: 64, noise: 0.1, seed: 3}}",
                "data: {csv: nowhere.csv, features: [x], label: y}"));
        Run run = cli("run", spec.toString(), "--out", tmp.resolve("never2").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("lossgrid: spec error: data.csv must name a readable file"), run.err());
        assertTrue(run.err().contains(tmp.resolve("nowhere.csv").toString()), run.err());
        assertEquals(1, run.err().lines().count());
        assertFalse(Files.exists(tmp.resolve("never2")));
    }

    @Test
    void runningIntoAnOccupiedDirectoryIsRefusedWithStatusTwo() {
        Path spec = tmp.resolve("mixed.yaml");
        Run run = cli("run", spec.toString(), "--out", results.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("already holds results; pass --resume"), run.err());
    }

    @Test
    void sqlPrintsCsvWithAHeader() {
        Run run = cli("sql", results.toString(),
                "SELECT status, count(*) AS n FROM trials GROUP BY status ORDER BY status");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("status,n", lines.get(0));
        assertTrue(lines.contains("FAILED,4"), run.out());
        long total = lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum();
        assertEquals(8, total);
    }

    @Test
    void sqlPrintsJsonLinesOnRequestAndJoinsTheViews() {
        Run run = cli("sql", results.toString(), "SELECT t.optimizer, max(e.epoch) AS last FROM epochs e JOIN trials t"
                + " USING (trial_id) WHERE t.status = 'NOT_CONVERGED' OR t.status = 'CONVERGED' GROUP BY t.optimizer",
                "--format", "json");
        assertEquals(0, run.status(), run.err());
        assertEquals("{\"optimizer\":\"sgd\",\"last\":30}", run.out().strip());
    }

    @Test
    void csvQuotesValuesThatHoldCommas() {
        assertEquals("\"a,b\"", OutputFormat.csv("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", OutputFormat.csv("say \"hi\""));
        assertEquals("plain", OutputFormat.csv("plain"));
    }

    @Test
    void sqlOnADirectoryWithoutResultsIsRefused() {
        Run run = cli("sql", tmp.toString(), "SELECT 1");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("is not a lossgrid results directory"), run.err());
    }

    @Test
    void parquetFilesUseOnlyPlainTypesThatOtherReadersOpen() throws Exception {
        List<Path> files;
        try (var walk = Files.walk(results)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertTrue(files.size() >= 2);
        for (Path f : files) {
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
                MessageType schema = r.getFooter().getFileMetaData().getSchema();
                for (Type t : schema.getFields()) {
                    assertTrue(t.isPrimitive(), t + " in " + f);
                    PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
                    assertTrue(List.of(PrimitiveTypeName.BINARY, PrimitiveTypeName.DOUBLE, PrimitiveTypeName.INT32,
                            PrimitiveTypeName.INT64).contains(p), t + " in " + f);
                    if (p == PrimitiveTypeName.BINARY) {
                        assertEquals("STRING", t.getLogicalTypeAnnotation().toString(), t.toString());
                    }
                }
            }
        }
    }

    @Test
    void duckDbReadsTheResultsWithTheirTypesAndTheSameRows() throws Exception {
        String trials = results.resolve("trials").toString().replace("'", "''") + "/*/*.parquet";
        String epochs = results.resolve("epochs").toString().replace("'", "''") + "/*/*.parquet";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            java.util.Map<String, String> types = new java.util.HashMap<>();
            try (java.sql.ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + trials + "')")) {
                while (rs.next()) {
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            assertEquals(io.lossgrid.store.Tables.TRIAL_COLUMNS.size() + 1, types.size(), "the columns and batch: " + types);
            assertEquals("BIGINT", types.get("batch"), "the Hive-style batch folders' column");
            assertEquals("VARCHAR", types.get("trial_id"));
            assertEquals("DOUBLE", types.get("alpha"));
            assertEquals("INTEGER", types.get("epochs_run"));
            assertEquals("BIGINT", types.get("seed"));
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT trial_id), "
                    + "sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) FROM read_parquet('" + trials + "')")) {
                rs.next();
                assertEquals(8, rs.getLong(1));
                assertEquals(8, rs.getLong(2));
                assertEquals(4, rs.getLong(3));
            }
            long sparkEpochs = spark.read().parquet(results.resolve("epochs").toString()).count();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + epochs + "')")) {
                rs.next();
                assertEquals(sparkEpochs, rs.getLong(1));
                assertTrue(sparkEpochs > 0);
            }
        }
    }

    @Test
    void schemaPrintsEveryColumnOfBothTables() {
        Run run = cli("schema");
        assertEquals(0, run.status());
        for (String column : List.of("`trial_id`", "`status`", "`diverged_epoch`", "`grad_norm`", "`scaled_loss`")) {
            assertTrue(run.out().contains(column), column);
        }
    }

    @Test
    void everyVerbPrintsItsUsageWithStatusZeroEvenWithoutItsParameters() {
        java.util.Set<String> verbs = Main.commandLine(java.io.InputStream.nullInputStream()).getSubcommands().keySet();
        assertTrue(verbs.containsAll(List.of("run", "sql", "analyze", "report", "stability", "critical-lr",
                "equivalence", "invariance", "alpha-sensitivity", "seed-spread", "convergence", "schema", "help")), verbs.toString());
        for (String verb : verbs) {
            Run run = cli(verb, "--help");
            assertEquals(0, run.status(), verb + ": " + run.err());
            assertTrue(run.out().contains("Usage: sweep " + verb + " "), verb + ": " + run.out());
            assertTrue(run.out().contains("--help"), verb + ": " + run.out());
            assertEquals("", run.err(), verb);
        }
    }

    @Test
    void everyVerbPrintsTheVersions() {
        Run run = cli("sql", "--version");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains(org.apache.spark.package$.MODULE$.SPARK_VERSION()), run.out());
    }

    @Test
    void theHelpVerbPrintsTheHelpOfAVerb() {
        Run run = cli("help", "run");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Usage: sweep run"), run.out());
        assertTrue(run.out().contains("--resume"), run.out());
    }

    @Test
    void analyzeHelpNamesEveryAnalysisTable() {
        String help = cli("analyze", "--help").out().replaceAll("\\s+", " ");
        for (String table : io.lossgrid.analysis.Analysis.TABLES) {
            assertTrue(help.contains(table), table + " in " + help);
        }
    }

    @Test
    void aTableVerbsHelpSaysWhatItsTableHolds() {
        String help = cli("alpha-sensitivity", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("one row per optimizer x alpha: residual of that alpha's curves against the alpha nearest 1"), help);
    }

    @Test
    void aMisspeltVerbIsOneLineWithASuggestionAndStatusTwo() {
        Run run = cli("sq", results.toString());
        assertEquals(2, run.status());
        assertEquals("lossgrid: 'sq' is not a verb; did you mean sql? (see 'sweep --help')\n", run.err());
    }

    @Test
    void aMissingParameterIsOneLineAndStatusTwo() {
        Run run = cli("sql");
        assertEquals(2, run.status());
        assertEquals("lossgrid: Missing required parameter: 'DIR' (see 'sweep sql --help')\n", run.err());
    }

    @Test
    void aMisspeltColumnIsOneLineWithSparksSuggestionAndStatusTwo() {
        Run run = cli("sql", results.toString(), "SELECT lr FROM trials");
        assertEquals(2, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("lossgrid: sql error: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function"
                + " parameter with name `lr` cannot be resolved. Did you mean one of the following?"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMalformedCellIsOneLineAndStatusTwo() {
        Run run = cli("report", results.toString(), "--cell", "sgd:x:0.01");
        assertEquals(2, run.status());
        assertEquals("lossgrid: Invalid value for option '--cell' (OPT:ALPHA:LR): a cell is OPTIMIZER:ALPHA:LR with"
                + " numbers for ALPHA and LR, such as sgd:10:0.01; found sgd:x:0.01 (see 'sweep report --help')\n", run.err());
    }

    @Test
    void sqlRefusesInsertOverwriteDirectoryAndLeavesTheBatchAsItWas() throws Exception {
        Path batch;
        try (var dirs = Files.list(results.resolve("trials"))) {
            batch = dirs.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
        }
        List<String> before = listing(results);
        Run run = cli("sql", results.toString(), "INSERT OVERWRITE DIRECTORY '" + batch + "' USING parquet"
                + " SELECT * FROM trials WHERE false");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("lossgrid: sql is read-only: refused 'INSERT OVERWRITE DIRECTORY"), run.err());
        assertTrue(run.err().contains("(InsertIntoDir)"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(before, listing(results));
    }

    @Test
    void sqlRefusesCreateTableAsSelectAndCreatesNoWarehouse() {
        Run run = cli("sql", results.toString(), "CREATE TABLE copy AS SELECT * FROM trials");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("lossgrid: sql is read-only: refused 'CREATE TABLE copy AS SELECT * FROM trials'"
                + " (CreateTableAsSelect"), run.err());
        assertFalse(Files.exists(Path.of("spark-warehouse")), "no spark-warehouse in the working directory");
    }

    @Test
    void aScriptWithAWritingStatementRunsNoneOfIt() {
        Run run = cliWithInput("SELECT 1 AS one;\nDROP TABLE trials;\n", "sql", results.toString());
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("refused 'DROP TABLE trials' (DropTable)"), run.err());
    }

    @Test
    void sqlReadsStatementsFromStandardInputAcrossLines() {
        Run run = cliWithInput("-- how many\nSELECT count(*) AS n\n  FROM trials;\nSELECT 'a;b' AS s;\n",
                "sql", results.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("n\n8\ns\na;b\n", run.out());
    }

    @Test
    void sqlRunsAFileOfStatementsWithShellCommands() throws Exception {
        Path file = tmp.resolve("queries.sql");
        Files.writeString(file, ".format table\nSELECT status, count(*) AS n, avg(alpha) / 3 AS third FROM trials"
                + " WHERE status = 'FAILED' GROUP BY status;\n");
        Run run = cli("sql", results.toString(), "-f", file.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of("status  n  third", "------  -  -----", "FAILED  4  1.833", "(1 row)"),
                run.out().lines().toList());
    }

    @Test
    void aMissingFileIsOneLineAndStatusTwo() {
        Run run = cli("sql", results.toString(), "-f", tmp.resolve("none.sql").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("lossgrid: -f must name a readable file of statements, found "
                + tmp.resolve("none.sql")), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void theShellListsItsViewsAndRefusesAnUnknownCommand() {
        Run tables = cliWithInput(".tables\n", "sql", results.toString());
        assertEquals(0, tables.status(), tables.err());
        assertTrue(tables.out().lines().anyMatch(l -> l.startsWith("trials (trial_id, trial_index,")), tables.out());
        assertTrue(tables.out().lines().anyMatch(l -> l.equals("epochs (trial_id, epoch, loss, scaled_loss, grad_norm,"
                + " val_loss, accuracy, val_accuracy, val_balanced_accuracy, val_auc, val_pr_auc)")),
                tables.out());
        Run unknown = cliWithInput(".tabels\n", "sql", results.toString());
        assertEquals(2, unknown.status());
        assertEquals("lossgrid: unknown shell command '.tabels'; the commands are .tables, .schema [VIEW],"
                + " .format csv|json|table, .help and .quit\n", unknown.err());
    }

    @Test
    void analysisTablesAreReadFromWhatAnalyzeStoredAndRefusedBeforeIt() throws Exception {
        Path dir = tmp.resolve("analysed");
        Run run = cli("run", tmp.resolve("mixed.yaml").toString(), "--out", dir.toString());
        assertEquals(0, run.status(), run.err());
        Run before = cli("sql", dir.toString(), "SELECT count(*) AS n FROM stability");
        assertEquals(2, before.status());
        assertTrue(before.err().startsWith("lossgrid: the analysis table stability is not stored in"), before.err());
        assertTrue(before.err().contains("run 'sweep analyze "), before.err());
        Run computed = cli("stability", dir.toString());
        assertEquals(0, computed.status(), computed.err());
        assertFalse(Files.exists(dir.resolve("analysis")), "a table verb writes nothing");

        assertEquals(0, cli("analyze", dir.toString()).status());
        Run stored = cli("stability", dir.toString());
        assertEquals(computed.out(), stored.out());
        Run sql = cli("sql", dir.toString(), "SELECT * FROM stability");
        assertEquals(stored.out(), sql.out());

        try (var walk = Files.walk(dir)) { // the results' rows gone, their commit markers kept: nothing to recompute from
            for (Path p : walk.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("/analysis/")).toList()) {
                Files.delete(p);
            }
        }
        assertEquals(stored.out(), cli("stability", dir.toString()).out(), "printed as stored, not recomputed");
    }
}
