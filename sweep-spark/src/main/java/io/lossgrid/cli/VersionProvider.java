package io.lossgrid.cli;

import io.lossgrid.job.Versions;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return Versions.all(org.apache.spark.package$.MODULE$.SPARK_VERSION()).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
    }
}
