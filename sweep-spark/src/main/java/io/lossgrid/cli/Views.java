package io.lossgrid.cli;

import io.lossgrid.analysis.Analysis;
import io.lossgrid.analysis.AnalysisTable;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.SweepRefused;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Opens a results directory for reading and registers its views. */
final class Views {
    private Views() {
    }

    /**
     * Registers the views {@code trials}, {@code epochs} and {@code iterations} of a results directory; refuses a directory
     * without {@code sweep.json}. The analysis tables are registered on demand ({@link #ensureAnalysis}). A session
     * of the query server that already holds the directory's current views ({@link ServedViews}) keeps them.
     */
    static ResultDirectory open(SparkSession spark, String dir) {
        ResultDirectory store = ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration());
        if (!store.exists(ResultStore.MANIFEST)) {
            throw new SweepRefused(store.uri() + " is not a lossgrid results directory (it has no "
                    + ResultStore.MANIFEST + "); give the --out directory of a 'sweep run'");
        }
        if (!store.uri().equals(spark.conf().get(ServedViews.REGISTERED, null))) {
            store.registerViews(spark);
        }
        return store;
    }

    /**
     * Registers the stored analysis tables among {@code names} that are not views yet (reading a stored table
     * costs a Spark job, so only those a statement names). A named analysis table that {@code analyze} did not
     * write, or wrote before the last committed batch, is refused with what to run.
     */
    static void ensureAnalysis(SparkSession spark, ResultDirectory store, Collection<String> names) {
        for (String name : names) {
            AnalysisTable table = AnalysisTable.named(name).orElse(null);
            if (table == null || isView(spark, name)) {
                continue;
            }
            if (Analysis.registerWritten(spark, store, List.of(table)).isEmpty()) {
                throw new BadInput("the analysis table " + name + " is not stored in " + store.uri()
                        + " or is older than the results; run 'sweep analyze " + store.uri() + "' first");
            }
        }
    }

    /** Registers every current stored analysis table that is not a view yet; returns the names of all views, sorted. */
    static List<String> ensureAllAnalysis(SparkSession spark, ResultDirectory store) {
        List<AnalysisTable> missing = List.of(AnalysisTable.values()).stream()
                .filter(t -> !isView(spark, t.tableName())).toList();
        Analysis.registerWritten(spark, store, missing);
        return scala.collection.JavaConverters.seqAsJavaList(spark.sessionState().catalog().getTempViewNames())
                .stream().sorted().toList();
    }

    /** Whether {@code name} is a temporary view (asked of the session, not the catalog, which would create its warehouse). */
    static boolean isView(SparkSession spark, String name) {
        return spark.sessionState().catalog().getTempView(name).isDefined();
    }
}
