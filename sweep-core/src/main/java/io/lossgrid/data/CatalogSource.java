package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.nio.file.Path;

/**
 * A table or view in Spark's catalog, {@code table: NAME} ({@code db.name} names another database).
 *
 * @param table the name as Spark's {@code spark.table(name)} takes it
 */
public record CatalogSource(String table) implements SparkSource {
    public CatalogSource {
        if (table == null || table.isBlank()) {
            throw SpecException.of("table", "must name a table in Spark's catalog", table);
        }
    }

    @Override
    public String key() {
        return "table";
    }

    @Override
    public String defaultName() {
        return table.substring(table.lastIndexOf('.') + 1);
    }

    @Override
    public String describe() {
        return "table " + SpecException.render(table);
    }

    @Override
    public Object toValue() {
        return table;
    }

    @Override
    public <R> R accept(Visitor<R> visitor, Path baseDir) {
        return visitor.catalog(this);
    }
}
