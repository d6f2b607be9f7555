package io.lossgrid.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", description = "Run a Spark SQL query over a results directory (views: trials, epochs, and the"
        + " analysis tables once 'analyze' has run); print CSV with a header, or JSON lines.")
final class SqlCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;
    enum Format { csv, json }

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @Parameters(index = "1", paramLabel = "QUERY", description = "a Spark SQL query")
    String query;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (one object per line); default: ${DEFAULT-VALUE}")
    Format format;

    @picocli.CommandLine.Mixin
    MasterOption master;

    @Override
    public Integer call() {
        try (Sessions session = master.open("lossgrid sql")) {
            SparkSession spark = session.spark();
            Views.open(spark, dir);
            Dataset<Row> result = spark.sql(query);
            print(result, format, command.commandLine().getOut());
            return 0;
        }
    }

    static void print(Dataset<Row> result, Format format, PrintWriter out) {
        if (format == Format.json) {
            Iterator<String> it = result.toJSON().toLocalIterator();
            while (it.hasNext()) {
                out.println(it.next());
            }
            return;
        }
        out.println(String.join(",", java.util.Arrays.stream(result.columns()).map(SqlCommand::csv).toList()));
        Iterator<Row> it = result.toLocalIterator();
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

    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
