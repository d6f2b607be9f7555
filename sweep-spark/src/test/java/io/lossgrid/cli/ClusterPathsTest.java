package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import org.junit.jupiter.api.Test;

/** With --deploy-mode cluster the driver runs on a worker: paths must be absolute (or URIs), DIR given. */
class ClusterPathsTest {
    private static ParseResult parse(String... args) {
        return Main.commandLine(System.in).parseArgs(args);
    }

    @Test
    void aRelativeSpecIsRefusedInClusterDeployMode() {
        LaunchRefused e = assertThrows(LaunchRefused.class,
                () -> ClusterPaths.check(parse("run", "conf/seed.yaml", "--out", "/shared/out"), "cluster"));
        assertEquals("SPEC must be an absolute path or a URI with --deploy-mode cluster (the driver runs on a worker, "
                + "in a directory of its own), found \"conf/seed.yaml\"; give a path on storage the workers share, "
                + "e.g. /shared/conf/seed.yaml", e.getMessage());
    }

    @Test
    void aRelativeOutputDirectoryIsRefusedInClusterDeployMode() {
        LaunchRefused e = assertThrows(LaunchRefused.class,
                () -> ClusterPaths.check(parse("run", "/shared/seed.yaml", "--out", "./out/seed"), "cluster"));
        assertTrue(e.getMessage().startsWith("--out DIR must be an absolute path or a URI with --deploy-mode cluster"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("found \"./out/seed\"; give a path on storage the workers share, e.g. /shared/out/seed"),
                e.getMessage());
    }

    @Test
    void aMissingOutputDirectoryIsRefusedInClusterDeployMode() {
        LaunchRefused e = assertThrows(LaunchRefused.class,
                () -> ClusterPaths.check(parse("run", "/shared/seed.yaml"), "cluster"));
        assertEquals("--out DIR must be given with --deploy-mode cluster (its default is relative to the driver's working "
                + "directory on a worker), found none; give an absolute path or a URI on storage the workers share",
                e.getMessage());
    }

    @Test
    void absolutePathsAndUrisAreAcceptedInClusterDeployMode() {
        assertDoesNotThrow(() -> ClusterPaths.check(parse("run", "/shared/seed.yaml", "--out", "hdfs://nn/sweeps/seed"), "cluster"));
        assertDoesNotThrow(() -> ClusterPaths.check(parse("sql", "file:/shared/out", "SELECT 1"), "cluster"));
    }

    @Test
    void relativePathsAreFineWhereTheDriverRunsHere() {
        assertDoesNotThrow(() -> ClusterPaths.check(parse("run", "conf/seed.yaml"), "client"));
        assertDoesNotThrow(() -> ClusterPaths.check(parse("run", "conf/seed.yaml"), null));
    }

    @Test
    void aSchemeMakesAUriAndASlashAnAbsolutePath() {
        assertTrue(ClusterPaths.absolute("s3a://bucket/x"));
        assertTrue(ClusterPaths.absolute("/data/x"));
        assertFalse(ClusterPaths.absolute("data/x"));
        assertFalse(ClusterPaths.absolute("./x"));
    }
}
