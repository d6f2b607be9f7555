package io.lossgrid.source;

import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import io.lossgrid.data.CatalogSource;
import io.lossgrid.data.FileSource;
import io.lossgrid.data.ImageShape;
import io.lossgrid.data.SizeGuard;
import io.lossgrid.data.SparkData;
import io.lossgrid.data.SparkReader;
import io.lossgrid.data.SparkSource;
import io.lossgrid.data.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Reads {@link SparkData} with a session on the driver: the source as a {@code DataFrame}, its named columns
 * checked against the schema, its rows counted and the size guard ({@code limits.maxDataBytes}) asked, then collected
 * row by row ({@code toLocalIterator}, one partition at a time) into float arrays. Rows keep the order Spark
 * reads them in, the same for the same files. Errors point at the source's key ({@code data.parquet},
 * {@code data.spark}, {@code data.table}); the caller re-roots them at {@code data[i]} for a list.
 *
 * @param spark the driver's session
 */
public record SparkTables(SparkSession spark) implements SparkReader {

    @Override
    public Table read(SparkData data, Path baseDir, SizeGuard guard) {
        SparkSource source = data.source();
        String where = "data." + source.key();
        Dataset<Row> df = open(source, baseDir, where);
        List<StructField> fields = Arrays.asList(df.schema().fields());
        List<String> columns = fields.stream().map(StructField::name).toList();
        ImageShape shape = data.shape();
        for (int k = 0; k < data.features().size(); k++) {
            String at = "data.features[" + k + "]";
            StructField f = column(fields, columns, data.features().get(k), at, source);
            checkFeatureType(data.shape() != null, f, at, source);
        }
        for (int k = 0; k < data.label().size(); k++) {
            String at = data.label().size() == 1 ? "data.label" : "data.label[" + k + "]";
            StructField f = column(fields, columns, data.label().get(k), at, source);
            if (!(f.dataType() instanceof NumericType)) {
                throw new SpecException(at, "must name a numeric column of " + source.describe(),
                        quote(f.name()) + " of type " + f.dataType().simpleString(), typeHint(source));
            }
        }
        List<Column> selected = new ArrayList<>();
        data.features().forEach(c -> selected.add(functions.col(quoteName(c))));
        data.label().forEach(c -> selected.add(functions.col(quoteName(c))));
        Dataset<Row> picked = df.select(selected.toArray(new Column[0]));
        long rows = picked.count();
        int inputs = shape != null ? shape.pixels() : data.features().size();
        int outputs = data.label().size();
        guard.check(where, rows, inputs, outputs);
        if (rows == 0) {
            throw new SpecException(where, "must hold at least one row", "none in " + source.describe());
        }
        if (rows > Integer.MAX_VALUE) {
            throw new SpecException(where, "must hold at most " + Integer.MAX_VALUE + " rows", rows + " in " + source.describe());
        }
        float[] x = new float[Math.multiplyExact((int) rows, inputs)];
        float[] y = new float[Math.multiplyExact((int) rows, outputs)];
        int n = 0;
        Iterator<Row> it = picked.toLocalIterator();
        while (it.hasNext()) {
            Row row = it.next();
            if (n == rows) {
                throw new SpecException(where, "must not change while it is read", "more rows than the " + rows
                        + " counted in " + source.describe());
            }
            if (shape != null) {
                array(row, data.features().get(0), shape, x, n, where, source);
            } else {
                for (int j = 0; j < inputs; j++) {
                    x[n * inputs + j] = value(row, j, data.features().get(j), n, where, source);
                }
            }
            int first = data.features().size();
            for (int j = 0; j < outputs; j++) {
                y[n * outputs + j] = value(row, first + j, data.label().get(j), n, where, source);
            }
            n++;
        }
        if (n != rows) {
            throw new SpecException(where, "must not change while it is read", n + " rows where " + rows
                    + " were counted in " + source.describe());
        }
        return new Table(data.name(), "data.label", (int) rows, featureNames(data), x, data.label(), y, shape);
    }

    private Dataset<Row> open(SparkSource source, Path baseDir, String where) {
        try {
            return source.accept(new SparkSource.Visitor<>() {
                @Override
                public Dataset<Row> files(FileSource s, String resolvedPath) {
                    return spark.read().format(s.format()).options(s.options()).load(resolvedPath);
                }

                @Override
                public Dataset<Row> catalog(CatalogSource s) {
                    return spark.table(s.table());
                }
            }, baseDir);
        } catch (RuntimeException e) {
            throw refusal(source, where, e);
        } catch (Exception e) { // Scala throws checked exceptions Java does not see (ClassNotFoundException)
            throw refusal(source, where, e);
        }
    }

    private static SpecException refusal(SparkSource source, String where, Exception e) {
        String why = firstLine(e.getMessage());
        if (source instanceof CatalogSource c) {
            return new SpecException(where, "must name a table or view in Spark's catalog", SpecException.render(c.table())
                    + " (" + why + ")");
        }
        FileSource f = (FileSource) source;
        if (e instanceof ClassNotFoundException || why.contains("DATA_SOURCE_NOT_FOUND")) {
            return new SpecException(where + ".format", "must be a DataFrameReader format Spark knows (csv, json, parquet, "
                    + "orc, text, ...)", SpecException.render(f.format()) + " (" + why + ")");
        }
        String path = f.parquetShorthand() ? where : where + ".path";
        if (e instanceof AnalysisException) {
            return new SpecException(path, "must name a file or directory Spark can read as " + f.format()
                    + " (relative paths start at the spec's directory)", SpecException.render(f.path()) + " (" + why + ")");
        }
        return new SpecException(path, "must be readable as " + f.format(), SpecException.render(f.path()) + " ("
                + e.getClass().getSimpleName() + ": " + why + ")");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static StructField column(List<StructField> fields, List<String> columns, String name, String at,
                                      SparkSource source) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new SpecException(at, "must name a column of " + source.describe() + " (" + columns.size()
                    + (columns.size() == 1 ? " column)" : " columns)"), quote(name), Suggest.didYouMean(name, columns));
        }
        if (columns.lastIndexOf(name) != i) {
            throw new SpecException(at, "must name a column that appears once in " + source.describe(), quote(name)
                    + " at columns " + (i + 1) + " and " + (columns.lastIndexOf(name) + 1));
        }
        return fields.get(i);
    }

    private static void checkFeatureType(boolean shaped, StructField field, String at, SparkSource source) {
        String column = quote(field.name());
        DataType type = field.dataType();
        if (shaped) {
            if (!(type instanceof ArrayType a && a.elementType() instanceof NumericType)) {
                throw new SpecException(at, "must name an array column of numbers, since shape is given", column
                        + " of type " + type.simpleString(), "drop shape to use numeric columns as features");
            }
            return;
        }
        if (type instanceof ArrayType) {
            throw new SpecException(at, "must name numeric columns, or one array column with shape", column + " of type "
                    + type.simpleString(), "give each example's shape, such as shape: [1, 28, 28]");
        }
        if (!(type instanceof NumericType)) {
            throw new SpecException(at, "must name a numeric column of " + source.describe(), column + " of type "
                    + type.simpleString(), typeHint(source));
        }
    }

    private static String typeHint(SparkSource source) {
        return source instanceof FileSource f && f.format().equalsIgnoreCase("csv") && !f.options().containsKey("inferSchema")
                ? "read numbers as numbers with options: {inferSchema: true}" : null;
    }

    private static void array(Row row, String column, ImageShape shape, float[] x, int n, String where, SparkSource source) {
        if (row.isNullAt(0)) {
            throw new SpecException(where, "must hold no nulls in column " + quote(column), "null in row " + (n + 1) + " of "
                    + source.describe());
        }
        List<Object> values = row.getList(0);
        int size = shape.pixels();
        if (values.size() != size) {
            throw new SpecException(where, "must hold " + size + " values (shape " + shape + ") in each array of "
                    + "column " + quote(column), values.size() + " in row " + (n + 1) + " of " + source.describe());
        }
        for (int i = 0; i < size; i++) {
            Object v = values.get(i);
            if (v == null) {
                throw new SpecException(where, "must hold no nulls in column " + quote(column), "null at index " + i
                        + " in row " + (n + 1) + " of " + source.describe());
            }
            x[n * size + i] = finite(((Number) v).doubleValue(), column, n, where, source);
        }
    }

    private static float value(Row row, int j, String column, int n, String where, SparkSource source) {
        if (row.isNullAt(j)) {
            throw new SpecException(where, "must hold no nulls in column " + quote(column), "null in row " + (n + 1) + " of "
                    + source.describe());
        }
        return finite(((Number) row.get(j)).doubleValue(), column, n, where, source);
    }

    private static float finite(double v, String column, int n, String where, SparkSource source) {
        if (!Double.isFinite(v)) {
            throw new SpecException(where, "must hold finite numbers in column " + quote(column), v + " in row " + (n + 1)
                    + " of " + source.describe());
        }
        float f = (float) v;
        if (Float.isInfinite(f)) {
            throw new SpecException(where, "must hold numbers a float can hold (magnitude at most " + Float.MAX_VALUE
                    + ") in column " + quote(column), v + " in row " + (n + 1) + " of " + source.describe(), "rescale the column");
        }
        return f;
    }

    private static List<String> featureNames(SparkData data) {
        if (data.shape() == null) {
            return data.features();
        }
        List<String> names = new ArrayList<>(data.shape().pixels());
        for (int i = 0; i < data.shape().pixels(); i++) {
            names.add(data.features().get(0) + "[" + i + "]");
        }
        return names;
    }

    /** A column name as errors show it: in double quotes, control characters escaped by SpecException. */
    private static String quote(String name) {
        return "\"" + name.replace("\"", "\\\"") + "\"";
    }

    /** A column name as {@code functions.col} takes it literally, dots and all. */
    private static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
