package io.lossgrid.testing;

import io.lossgrid.store.LocalFiles;
import org.apache.spark.sql.SparkSession;

/** The local Spark session of a test class: two task slots, no UI, bound to loopback, the CLI's local file system. */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static SparkSession start(String name) {
        return start(name, java.util.Map.of());
    }

    /** As {@link #start(String)}, with {@code settings} added (such as a shorter executor heartbeat). */
    public static SparkSession start(String name, java.util.Map<String, String> settings) {
        SparkSession.Builder b = SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC");
        LocalFiles.sparkSettings().forEach(b::config);
        settings.forEach(b::config);
        return b.getOrCreate();
    }
}
