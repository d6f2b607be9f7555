package io.lossgrid.cli;

import picocli.CommandLine.Option;

/** {@code --master URL}, shared by every verb that starts Spark (one place for its name, doc and default). */
final class MasterOption {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: as spark-submit set it, else " + Sessions.DEFAULT_MASTER + ")")
    String master;

    /** A session on the chosen master, or the JVM's active one. */
    Sessions open(String appName) {
        return Sessions.open(appName, master);
    }
}
