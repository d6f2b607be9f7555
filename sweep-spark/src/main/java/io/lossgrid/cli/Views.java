package io.lossgrid.cli;

import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.SweepRefused;
import org.apache.spark.sql.SparkSession;

/** Opens a results directory for reading and registers its views. */
final class Views {
    private Views() {
    }

    static ResultDirectory open(SparkSession spark, String dir) {
        ResultDirectory store = ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration());
        if (!store.exists(ResultStore.MANIFEST)) {
            throw new SweepRefused(store.uri() + " is not a lossgrid results directory (it has no "
                    + ResultStore.MANIFEST + "); give the --out directory of a 'sweep run'");
        }
        store.registerViews(spark);
        io.lossgrid.analysis.Analysis.registerWritten(spark, store);
        return store;
    }
}
