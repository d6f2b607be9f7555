package io.lossgrid.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a CLI verb. The master is {@code --master} if given, else what spark-submit
 * set, else {@code local[*]}: Spark embedded in this JVM, one task slot per core.
 */
final class Sessions {
    static final String DEFAULT_MASTER = "local[*]";

    private Sessions() {
    }

    static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf();
        String chosen = master != null ? master : conf.get("spark.master", DEFAULT_MASTER);
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(chosen)
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.debug.maxToStringFields", "500");
        if (chosen.startsWith("local")) {
            b.config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"));
            b.config("spark.driver.host", conf.get("spark.driver.host", "127.0.0.1"));
        }
        return b.getOrCreate();
    }
}
