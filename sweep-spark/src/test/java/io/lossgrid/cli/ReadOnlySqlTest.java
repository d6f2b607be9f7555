package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.LocalSpark;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements sql lets run, judged from Spark's parsed plan alone (nothing here runs a statement). */
class ReadOnlySqlTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ReadOnlySqlTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static String writer(String statement) throws Exception {
        return ReadOnlySql.writer(spark.sessionState().sqlParser().parsePlan(statement));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT alpha FROM trials WHERE status = 'DIVERGED'",
        "WITH d AS (SELECT * FROM trials) SELECT count(*) FROM d JOIN epochs USING (trial_id)",
        "VALUES (1, 2)",
        "TABLE trials",
        "EXPLAIN INSERT OVERWRITE DIRECTORY '/tmp/x' USING parquet SELECT 1",
        "DESCRIBE trials",
        "SHOW TABLES",
        "SHOW COLUMNS IN trials",
        "SET spark.sql.shuffle.partitions=4",
        "CREATE TEMPORARY VIEW sgd AS SELECT * FROM trials WHERE optimizer = 'sgd'",
        "SELECT * FROM trials WHERE trial_id IN (SELECT trial_id FROM epochs WHERE loss > 1)"})
    void statementsThatWriteNothingAreAllowed(String statement) throws Exception {
        assertNull(writer(statement), statement);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT OVERWRITE DIRECTORY '/tmp/x' USING parquet SELECT * FROM trials",
        "INSERT INTO trials SELECT * FROM trials",
        "CREATE TABLE t AS SELECT * FROM trials",
        "CREATE TABLE t (x INT) USING parquet",
        "CREATE VIEW v AS SELECT 1",
        "CREATE TEMPORARY VIEW v USING parquet OPTIONS (path '/tmp/x')",
        "DROP TABLE trials",
        "CACHE TABLE trials",
        "WITH d AS (SELECT 1) INSERT INTO t SELECT * FROM d"})
    void statementsThatCouldWriteAreNamedByTheirPlan(String statement) throws Exception {
        assertNotNull(writer(statement), statement);
    }

    @Test
    void aRefusalIsOneLineNamingTheStatementThePlanAndWhatRuns() {
        BadInput e = assertThrows(BadInput.class, () -> ReadOnlySql.check(spark,
                "INSERT OVERWRITE DIRECTORY '/tmp/lossgrid-never' USING parquet SELECT * FROM trials"));
        assertEquals("sql is read-only: refused 'INSERT OVERWRITE DIRECTORY '/tmp/lossgrid-never' USING pa...'"
                + " (InsertIntoDir); only queries, EXPLAIN, DESCRIBE, SHOW, SET and CREATE TEMPORARY VIEW"
                + " run; to keep a result, redirect its output (--format csv > FILE)", e.getMessage());
    }

    @Test
    void aStatementSparkCannotParseIsOneLineWithSparksMessage() {
        BadInput e = assertThrows(BadInput.class, () -> ReadOnlySql.check(spark, "SELEC alpha FROM trials"));
        assertTrue(e.getMessage().startsWith("sql error: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theRelationsAStatementReadsLeaveOutItsOwnWithClauses() {
        assertEquals(Set.of("trials", "stability"), ReadOnlySql.check(spark,
                "WITH best AS (SELECT * FROM stability) SELECT * FROM best JOIN trials USING (optimizer)"));
    }
}
