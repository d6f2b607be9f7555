package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.LocalSpark;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ResultRows} gives the rows and JSON lines Spark's own {@code toLocalIterator} gives, value for value. */
class ResultRowsTest {
    static SparkSession spark;

    /** Every flat type, nulls, NaN and infinities, over several partitions and a shuffle. */
    static final String FLAT = """
            SELECT id, CAST(id AS TINYINT) AS b, CAST(id AS SMALLINT) AS s, CAST(id AS INT) AS i,
                   CAST(id AS FLOAT) / 3 AS f, id / 7.0D AS d, CAST(id / 3 AS DECIMAL(10, 4)) AS dec,
                   CASE WHEN id % 3 = 0 THEN NULL ELSE concat('x,', id) END AS str, id % 2 = 0 AS even,
                   CASE WHEN id = 1 THEN double('NaN') WHEN id = 2 THEN double('-infinity') ELSE 0.1D * id END AS odd,
                   date_add(DATE'2026-01-01', CAST(id AS INT)) AS day,
                   TIMESTAMP'2026-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id) AS at
            FROM range(0, 40, 1, 3) ORDER BY d DESC
            """;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ResultRowsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static <T> List<T> all(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void flatColumnsGiveTheRowsOfToLocalIterator() {
        Dataset<Row> result = spark.sql(FLAT);
        assertTrue(ResultRows.flat(result.schema()));
        List<Row> expected = all(result.toLocalIterator());
        List<Row> found = all(ResultRows.of(result));
        assertEquals(40, found.size());
        assertEquals(expected, found);
        for (int i = 0; i < found.size(); i++) {
            for (int c = 0; c < result.columns().length; c++) {
                Object e = expected.get(i).get(c);
                Object f = found.get(i).get(c);
                assertEquals(e == null ? null : e.getClass(), f == null ? null : f.getClass(), result.columns()[c]);
                assertEquals(String.valueOf(e), String.valueOf(f), result.columns()[c]);
            }
        }
        assertEquals(result.schema(), found.get(0).schema());
    }

    @Test
    void nestedColumnsGoThroughTheEncoderAndGiveTheSameRows() {
        Dataset<Row> result = spark.sql("SELECT id % 3 AS k, collect_list(id) AS ids, named_struct('n', count(*)) AS n"
                + " FROM range(10) GROUP BY id % 3 ORDER BY k");
        assertFalse(ResultRows.flat(result.schema()));
        assertEquals(all(result.toLocalIterator()), all(ResultRows.of(result)));
    }

    @Test
    void jsonLinesAreThoseOfToJson() {
        Dataset<Row> result = spark.sql(FLAT);
        List<String> found = all(ResultRows.json(result));
        assertEquals(40, found.size());
        assertEquals(all(result.toJSON().toLocalIterator()), found);
    }

    @Test
    void anEmptyResultHasNoRows() {
        assertEquals(List.of(), all(ResultRows.of(spark.sql("SELECT 1 AS one WHERE false"))));
    }
}
