package io.lossgrid.cli;

import java.util.Iterator;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The rows of a query's result, streamed to the driver one partition at a time as
 * {@link Dataset#toLocalIterator()} streams them, and with the same values in each {@link Row}; but for a
 * result of flat columns (numbers, booleans, strings, decimals, dates, timestamps) converted with Catalyst's
 * type converters instead of the Dataset's row encoder. The encoder compiles a deserializer whose code
 * generation initialises Scala's runtime reflection, about half a second of CPU in a JVM that runs one query
 * (measured: docs/benchmarks.md, Queries). Other results (arrays, maps, structs, ...) go through the encoder.
 */
final class ResultRows {
    private ResultRows() {
    }

    /** The rows of {@code result}, as {@link Dataset#toLocalIterator()} gives them. */
    static Iterator<Row> of(Dataset<Row> result) {
        StructType schema = result.schema();
        if (!flat(schema)) {
            return result.toLocalIterator();
        }
        scala.Function1<Object, Object> convert = CatalystTypeConverters.createToScalaConverter(schema);
        return map(internal(result), r -> (Row) convert.apply(r));
    }

    /** The rows of {@code result} as JSON objects, one a row, as {@code result.toJSON().toLocalIterator()} gives them. */
    static Iterator<String> json(Dataset<Row> result) {
        return map(internal(result.toJSON()), r -> r.getUTF8String(0).toString());
    }

    /** Whether every column's value converts the same with Catalyst's converters as with the row encoder. */
    static boolean flat(StructType schema) {
        for (StructField f : schema.fields()) {
            if (!atomic(f.dataType())) {
                return false;
            }
        }
        return true;
    }

    private static boolean atomic(DataType t) {
        return t instanceof BooleanType || t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType
                || t instanceof LongType || t instanceof FloatType || t instanceof DoubleType || t instanceof StringType
                || t instanceof DecimalType || t instanceof DateType || t instanceof TimestampType;
    }

    /**
     * The result's rows in Catalyst's form, one partition at a time: what {@code toLocalIterator} runs (one SQL
     * execution, so Spark's UI and listeners see it as one), less its deserializer.
     */
    private static Iterator<InternalRow> internal(Dataset<?> result) {
        QueryExecution qe = result.queryExecution();
        return SQLExecution.withNewExecutionId(qe, Option.apply("toLocalIterator"), () -> {
            qe.executedPlan().resetMetrics();
            return JavaConverters.asJavaIterator(qe.executedPlan().executeToIterator());
        });
    }

    private static <A, B> Iterator<B> map(Iterator<A> in, Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public B next() {
                return f.apply(in.next());
            }
        };
    }
}
