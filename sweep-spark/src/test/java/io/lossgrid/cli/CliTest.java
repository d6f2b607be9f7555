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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
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
        assertEquals("\"a,b\"", SqlCommand.csv("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SqlCommand.csv("say \"hi\""));
        assertEquals("plain", SqlCommand.csv("plain"));
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
}
