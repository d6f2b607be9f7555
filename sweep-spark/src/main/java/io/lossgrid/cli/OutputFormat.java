package io.lossgrid.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * How a verb prints a result: {@code csv} and {@code json} for programs (every digit kept), {@code table}
 * for people (aligned columns, numbers rounded to {@value #DIGITS} significant digits). The constants are
 * lower case because they are the option's values.
 */
enum OutputFormat {
    /** A header row, then one row per line; nulls empty; values with commas, quotes or newlines quoted. */
    csv {
        @Override
        void print(Dataset<Row> result, PrintWriter out) {
            out.println(String.join(",", Arrays.stream(result.columns()).map(OutputFormat::csv).toList()));
            Iterator<Row> it = ResultRows.of(result);
            StringBuilder sb = new StringBuilder();
            while (it.hasNext()) {
                Row r = it.next();
                sb.setLength(0);
                for (int i = 0; i < r.length(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    Object v = r.get(i);
                    sb.append(v == null ? "" : csv(String.valueOf(v)));
                }
                out.println(sb);
            }
            out.flush();
        }
    },
    /** One JSON object per row and line (Spark's JSON: null fields left out). */
    json {
        @Override
        void print(Dataset<Row> result, PrintWriter out) {
            Iterator<String> it = ResultRows.json(result);
            while (it.hasNext()) {
                out.println(it.next());
            }
            out.flush();
        }
    },
    /** Aligned columns under a header (numbers right-aligned and rounded, NULL for null), then the row count. */
    table {
        @Override
        void print(Dataset<Row> result, PrintWriter out) {
            StructField[] fields = result.schema().fields();
            List<String[]> cells = new ArrayList<>();
            cells.add(Arrays.stream(fields).map(StructField::name).toArray(String[]::new));
            Iterator<Row> it = ResultRows.of(result);
            while (it.hasNext()) {
                Row r = it.next();
                String[] line = new String[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    line[i] = forPeople(r.get(i), fields[i].dataType());
                }
                cells.add(line);
            }
            int[] width = new int[fields.length];
            for (String[] line : cells) {
                for (int i = 0; i < line.length; i++) {
                    width[i] = Math.max(width[i], line[i].length());
                }
            }
            for (int row = 0; row < cells.size(); row++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < fields.length; i++) {
                    boolean right = fields[i].dataType() instanceof NumericType;
                    String v = cells.get(row)[i];
                    String pad = " ".repeat(width[i] - v.length());
                    sb.append(i == 0 ? "" : "  ").append(right ? pad + v : v + (i == fields.length - 1 ? "" : pad));
                }
                out.println(sb.toString().stripTrailing());
                if (row == 0) {
                    out.println(String.join("  ", Arrays.stream(width).mapToObj("-"::repeat).toList()));
                }
            }
            int rows = cells.size() - 1;
            out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
            out.flush();
        }
    };

    /** Significant digits of a fractional number in the {@code table} format. */
    static final int DIGITS = 4;

    /** The help of every {@code --format} option (one place for its wording). */
    static final String HELP = "csv (a header row, then one line per row), json (one object per line) or table"
            + " (aligned columns, rounded numbers, for people); default: ${DEFAULT-VALUE}";

    /** Prints every row of {@code result} to {@code out} and flushes it. */
    abstract void print(Dataset<Row> result, PrintWriter out);

    /** A CSV field: as is, or quoted with inner quotes doubled when it holds a comma, quote or line break. */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** A value for the {@code table} format: NULL, a rounded fractional number, or the value's text. */
    static String forPeople(Object v, DataType type) {
        if (v == null) {
            return "NULL";
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            return round(((Number) v).doubleValue());
        }
        if (type instanceof DecimalType) {
            return round(((BigDecimal) v).doubleValue());
        }
        return String.valueOf(v);
    }

    /**
     * {@code x} to {@value #DIGITS} significant digits without trailing zeros: plain between 1e-4 and 1e7,
     * else in scientific notation ({@code 1.235e-08}); NaN and infinities as Java writes them.
     */
    static String round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal r = new BigDecimal(x).round(new MathContext(DIGITS));
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e7) {
            return r.stripTrailingZeros().toPlainString();
        }
        String s = String.format(java.util.Locale.ROOT, "%." + (DIGITS - 1) + "e", x);
        String mantissa = s.substring(0, s.indexOf('e'));
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + s.substring(s.indexOf('e'));
    }
}
