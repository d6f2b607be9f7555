package io.lossgrid.cli;

import io.lossgrid.data.DataSpec;
import io.lossgrid.data.Table;
import io.lossgrid.data.TrainingData;
import io.lossgrid.distributed.DistributedEvaluation;
import io.lossgrid.loss.Loss;
import io.lossgrid.source.SparkTables;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.Column;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.store.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate DIR --data FILE [--top K] [--by COLUMN]}: evaluates the saved models of the K best trials (by a
 * numeric trials column, ascending) on a data set with the bridge's distributed evaluation
 * ({@link DistributedEvaluation}), writes {@code DIR/analysis/evaluation} (trial_id, metric, value) and prints it.
 */
@Command(name = "evaluate", description = "Evaluate the saved models (output.models) of the best K trials, by a trials"
        + " column ascending, on a data set with the Spark-DL4J bridge's distributed evaluation; write"
        + " DIR/analysis/evaluation (trial_id, metric, value: loss, and for classifiers accuracy, balanced_accuracy,"
        + " auc for binary ones) and print it as CSV.")
final class EvaluateCommand implements Callable<Integer> {
    /** The table's columns. */
    static final StructType SCHEMA = new StructType()
            .add("trial_id", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, true);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory of a sweep run with output.models")
    String dir;

    @Option(names = "--data", required = true, paramLabel = "DATA_SPEC_FILE",
            description = "a YAML file holding one data set as a spec's data: entry (csv, parquet, spark, table, images,"
                    + " synthetic); relative paths start at its directory")
    Path data;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "how many trials to evaluate (default: ${DEFAULT-VALUE})")
    int top;

    /** The {@code --by} value that means the trials' validation loss, where they have one. */
    static final String VAL_LOSS = "val_loss";

    @Option(names = "--by", paramLabel = "COLUMN", defaultValue = VAL_LOSS,
            description = "the numeric trials column that ranks trials, smallest first (default: ${DEFAULT-VALUE}, which"
                    + " means best_val_loss, or final_loss where the sweep had no validation set)")
    String by;

    @picocli.CommandLine.Mixin
    MasterOption master;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new BadInput("--top must be >= 1, found " + top);
        }
        List<String> numeric = Tables.TRIAL_COLUMNS.stream()
                .filter(c -> c.type() == DataTypes.DoubleType || c.type() == DataTypes.IntegerType
                        || c.type() == DataTypes.LongType).map(Column::name).toList();
        if (!numeric.contains(by) && !by.equals(VAL_LOSS)) {
            throw new BadInput("--by must be val_loss or name a numeric column of trials (" + String.join(", ", numeric) + "), found "
                    + by);
        }
        DataSpec dataSpec = SpecLoader.loadData(data);
        try (Sessions session = master.open("lossgrid evaluate")) {
            SparkSession spark = session.spark();
            ResultDirectory store = Views.open(spark, dir);
            SweepManifest manifest = store.manifest().orElseThrow();
            SweepSpec spec = SpecLoader.resolved(manifest.spec(), Path.of("."));
            Path base = data.toAbsolutePath().getParent();
            Table table = dataSpec.load(base, spec.limits()::checkDataSize, new SparkTables(spark));
            String by = rankingColumn(spark);
            List<Row> best = spark.sql("SELECT trial_id, alpha, loss, model_path FROM trials WHERE model_path IS NOT NULL"
                    + " AND " + by + " IS NOT NULL AND NOT isnan(CAST(" + by + " AS DOUBLE)) ORDER BY " + by
                    + ", trial_id LIMIT " + top).collectAsList();
            if (best.isEmpty()) {
                throw new BadInput(store.uri() + " holds no saved models of trials with a " + by + "; run the sweep with"
                        + " output: {models: final} (or best)");
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            DistributedEvaluation evaluation = new DistributedEvaluation(jsc, spark.sparkContext().defaultParallelism());
            List<Row> rows = new ArrayList<>();
            for (Row t : best) {
                String id = t.getString(0);
                Loss loss = spec.losses().stream().filter(l -> l.name().equals(t.getString(2))).findFirst()
                        .orElseThrow(() -> new BadInput("trial " + id + " has loss " + t.getString(2) + ", which the"
                                + " sweep's spec in " + store.uri() + " does not declare"));
                TrainingData prepared = table.prepare(loss, spec.training().dataType(), "loss", spec.limits()::checkDataSize);
                MultiLayerNetwork net = restore(store, spark, t.getString(3));
                long inputs = net.layerInputSize(0);
                boolean flat = net.getLayerWiseConfigurations().getInputPreProcess(0) == null; // a cnn reshapes its input
                if (flat && prepared.inputs() != inputs) {
                    throw new BadInput("--data " + data + " has " + prepared.inputs() + " inputs per example, the model of"
                            + " trial " + id + " takes " + inputs);
                }
                for (Map.Entry<String, Double> m : evaluation.evaluate(net, loss, t.getDouble(1),
                        prepared.dataSet(spec.training().dataType())).entrySet()) {
                    rows.add(RowFactory.create(id, m.getKey(), m.getValue()));
                }
            }
            Dataset<Row> result = spark.createDataFrame(rows, SCHEMA);
            result.coalesce(1).write().mode(SaveMode.Overwrite).parquet(store.child("analysis/evaluation"));
            OutputFormat.csv.print(result, command.commandLine().getOut());
            return 0;
        }
    }

    /** The column {@code --by} names: {@code val_loss} is best_val_loss where some trial has one, else final_loss. */
    private String rankingColumn(SparkSession spark) {
        if (!by.equals(VAL_LOSS)) {
            return by;
        }
        boolean validated = java.util.Arrays.asList(spark.table("trials").columns()).contains("best_val_loss")
                && spark.sql("SELECT count(best_val_loss) FROM trials").first().getLong(0) > 0;
        return validated ? "best_val_loss" : "final_loss";
    }

    private static MultiLayerNetwork restore(ResultDirectory store, SparkSession spark, String modelPath) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(store.child(modelPath));
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(p)) {
                return ModelSerializer.restoreMultiLayerNetwork(in, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved model " + p + ": " + e.getMessage(), e);
        }
    }
}
