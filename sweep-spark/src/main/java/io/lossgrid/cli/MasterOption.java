package io.lossgrid.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The Spark options of every verb that starts Spark: {@code --master}, {@code --conf}, {@code --ui},
 * {@code --verbose} (one place for their names, docs and defaults). The command line is parsed once, by
 * picocli; the launcher scripts pass it on untouched.
 */
final class MasterOption {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: as spark-submit set it, else " + Sessions.DEFAULT_MASTER + ")")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "a Spark property, as spark-submit's --conf; repeatable; wins over every other setting")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--ui", description = "start Spark's web UI in local mode too (its address goes to stderr)")
    boolean ui;

    @Option(names = "--verbose", description = "log Spark and DL4J at INFO (default: WARN)")
    boolean verbose;

    /** The options as a validated value; a malformed one is refused with a one-line message. */
    SparkSettings settings() {
        try {
            return new SparkSettings(master, conf, ui, verbose);
        } catch (IllegalArgumentException e) {
            throw new LaunchRefused(e.getMessage());
        }
    }

    /** A session on the chosen master, or the JVM's active one. */
    Sessions open(String appName) {
        return Sessions.open(appName, settings());
    }
}
