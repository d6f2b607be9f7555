package io.lossgrid.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a verb's command line says about its Spark session ({@link MasterOption} reads it, {@link Sessions}
 * applies it).
 *
 * @param master  {@code --master}: the Spark master URL, or null for spark-submit's, else {@code local[*]}
 * @param conf    {@code --conf KEY=VALUE}: Spark properties, applied last (they win over lossgrid's
 *                settings and spark-submit's), in the order given; keys start with {@code spark.}
 * @param ui      {@code --ui}: Spark's web UI also in local mode (a cluster has it unless switched off)
 * @param verbose {@code --verbose}: Spark and DL4J log at INFO instead of WARN
 */
record SparkSettings(String master, Map<String, String> conf, boolean ui, boolean verbose) {
    SparkSettings {
        if (master != null && master.isBlank()) {
            throw new IllegalArgumentException("--master must name a Spark master such as local[4] or spark://host:7077, found an empty value");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : (conf == null ? Map.<String, String>of() : conf).entrySet()) {
            if (!e.getKey().startsWith("spark.")) {
                throw new IllegalArgumentException("--conf " + e.getKey() + "=" + e.getValue()
                        + ": a Spark property's key starts with \"spark.\", found \"" + e.getKey() + "\"");
            }
            copy.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        conf = Collections.unmodifiableMap(copy);
    }

    /** Only a master (or none): no properties, no UI in local mode, quiet. */
    static SparkSettings of(String master) {
        return new SparkSettings(master, Map.of(), false, false);
    }
}
