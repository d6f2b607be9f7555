package io.lossgrid.store;

import java.util.function.Function;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.Metadata;

/**
 * One column of a results table: name, Spark type, whether it may be null, what it means, and how it
 * is read off the value a row is made from. The table's schema and its rows come from the same list.
 */
public record Column<T>(String name, DataType type, boolean nullable, String doc, Function<T, Object> value) {

    StructField field() {
        return new StructField(name, type, nullable, Metadata.empty());
    }
}
