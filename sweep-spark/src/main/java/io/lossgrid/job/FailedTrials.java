package io.lossgrid.job;

import static org.apache.spark.sql.functions.col;

import io.lossgrid.outcome.Status;
import io.lossgrid.store.ResultStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Takes the FAILED trials out of committed results so that a {@code --rerun-failed} run trains them
 * again. They are removed before anything is retrained, so a crash in between leaves them pending,
 * never duplicated.
 */
final class FailedTrials {
    private final SparkSession spark;
    private final ResultStore store;

    FailedTrials(SparkSession spark, ResultStore store) {
        this.spark = spark;
        this.store = store;
    }

    /** Removes every FAILED trial and its epochs; returns how many. */
    int drop() {
        int dropped = 0;
        for (int batch : store.committedBatches()) {
            Dataset<Row> trials = store.trialsOf(spark, batch);
            Dataset<Row> failed = trials.filter(col("status").equalTo(Status.FAILED.name())).select("trial_id");
            long n = failed.count();
            if (n == 0) {
                continue;
            }
            Dataset<Row> epochs = store.epochsOf(spark, batch);
            Dataset<Row> keptEpochs = epochs.join(failed, epochs.col("trial_id").equalTo(failed.col("trial_id")),
                    "left_anti");
            Dataset<Row> keptTrials = trials.filter(col("status").notEqual(Status.FAILED.name()));
            store.replaceBatch(batch, keptEpochs, keptTrials);
            dropped += (int) n;
        }
        return dropped;
    }
}
