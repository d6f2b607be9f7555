package io.lossgrid.cli;

import io.lossgrid.job.SweepRefused;
import io.lossgrid.store.ResultStore;
import org.apache.spark.sql.SparkSession;

/** Opens a results directory for reading and registers its views. */
final class Views {
    private Views() {
    }

    static ResultStore open(SparkSession spark, String dir) {
        ResultStore store = ResultStore.at(dir, spark.sparkContext().hadoopConfiguration());
        if (!store.hasManifest()) {
            throw new SweepRefused(store.uri() + " is not a lossgrid results directory (it has no "
                    + ResultStore.MANIFEST + "); give the --out directory of a 'sweep run'");
        }
        store.registerViews(spark);
        io.lossgrid.analysis.Analysis.registerWritten(spark, store);
        return store;
    }
}
