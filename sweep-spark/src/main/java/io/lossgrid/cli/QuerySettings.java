package io.lossgrid.cli;

import org.apache.spark.sql.SparkSession;

/**
 * The session settings of the verbs that query results ({@code sql}, the table verbs, {@code analyze},
 * {@code report}), applied to a running session; a value the user set (spark-submit's {@code --conf},
 * {@code -Dspark...}) wins.
 */
final class QuerySettings {
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    private QuerySettings() {
    }

    /**
     * One shuffle partition per task slot instead of Spark's 200: the tables of a study are megabytes, and
     * every shuffle of 200 partitions writes and reads 200 blocks per task.
     */
    static void apply(SparkSession spark) {
        if (!spark.conf().contains(SHUFFLE_PARTITIONS)) {
            spark.conf().set(SHUFFLE_PARTITIONS, Integer.toString(spark.sparkContext().defaultParallelism()));
        }
    }
}
