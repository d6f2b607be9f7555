package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.store.ResultDirectory;
import io.lossgrid.testing.Cluster;
import io.lossgrid.testing.Cluster.Result;
import io.lossgrid.testing.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU scheduling on a standalone cluster without GPUs: {@code scripts/cluster up --gpus 2} with a discovery
 * script ({@code LOSSGRID_GPU_DISCOVERY}) that gives each of two workers the fake GPUs 0 and 1, and a sweep
 * run with {@code --gpus-per-task 1 --gpus-per-executor 2}. Spark must hand every task a GPU address, no two
 * tasks of one executor the same address at the same time, and every trial must record it; the CPU build
 * trains on the CPU all the same ({@code device = cpu}) and the driver says so once. Whether a CUDA build
 * binds the address is left to a machine with GPUs (README, GPU executors).
 */
class GpuClusterIT {
    private static final Cluster CLUSTER = new Cluster("GpuClusterIT", Cluster.itDir("gpu-cluster"));
    private static final int WORKERS = 2;
    private static final int CORES = 2;
    private static final int GPUS = 2;

    /** MLP trials trained one by one (no packing), long enough for the tasks of one executor to overlap. */
    private static final String SPEC = """
            name: gpu-it
            data:
              synthetic: {generator: linear, samples: 200}
            model:
              type: mlp
              hidden: [16]
            loss: mse
            training:
              epochs: 30
              batchSize: 32
            grid:
              alpha: [0.5, 1, 2, 4]
              learningRate: [0.001, 0.01]
              optimizer: [sgd, adam]
              seed: [1]
            """;

    private static SparkSession spark;

    @BeforeAll
    static void startCluster() throws IOException {
        Path discovery = Cluster.itDir("gpu-cluster").resolve("fake-gpus");
        Files.createDirectories(discovery.getParent());
        Files.writeString(discovery, "#!/usr/bin/env bash\necho '{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}'\n");
        Files.setPosixFilePermissions(discovery, PosixFilePermissions.fromString("rwxr-xr-x"));
        CLUSTER.withEnv("LOSSGRID_GPU_DISCOVERY", discovery.toString());
        CLUSTER.up(WORKERS, CORES, "1g", List.of("--gpus", String.valueOf(GPUS)));
        spark = LocalSpark.start("GpuClusterIT");
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            CLUSTER.down();
        }
    }

    @Test
    void tasksAskingForOneGpuEachGetDistinctAddressesRecordedPerTrial(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("gpu-it.yaml");
        Files.writeString(spec, SPEC);
        Path out = tmp.resolve("out");

        Result submit = CLUSTER.submit("spark-submit-gpus", "run", spec.toString(), "--out", out.toString(),
                "--packing", "off", "--tasks-per-core", "1", "--gpus-per-task", "1", "--gpus-per-executor",
                String.valueOf(GPUS), "--conf", "spark.cores.max=" + WORKERS * CORES).await(Duration.ofSeconds(300));
        assertEquals(0, submit.exit(), () -> "spark-submit failed\n" + submit + CLUSTER.diagnostics());
        long warnings = submit.stderr().lines().filter(l -> l.contains("were assigned a GPU by Spark but trained on the"
                + " CPU")).count();
        assertEquals(1, warnings, () -> "the driver warns once that this CPU build ignored the GPUs\n" + submit);

        List<Row> trials = ResultDirectory.at(out.toString(), spark.sparkContext().hadoopConfiguration()).trials(spark)
                .select("executor", "gpu_address", "device", "finished_at_ms", "train_ms", "status").collectAsList();
        assertEquals(16, trials.size(), "4 alphas x 2 learning rates x 2 optimizers");
        for (Row r : trials) {
            assertEquals("cpu", r.getString(2), "the CPU build trains on the CPU: " + r);
            assertTrue(Set.of("0", "1").contains(r.getString(1)), "every task was assigned one fake GPU: " + r);
            assertNotEquals("FAILED", r.getString(5), "trained: " + r);
        }
        Set<String> used = trials.stream().map(r -> r.getString(0) + "/" + r.getString(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(WORKERS * GPUS, used.size(), () -> "each executor handed out both of its GPUs: " + used);

        int overlapping = 0;
        for (int i = 0; i < trials.size(); i++) {
            for (int j = i + 1; j < trials.size(); j++) {
                Row a = trials.get(i);
                Row b = trials.get(j);
                if (a.getString(0).equals(b.getString(0)) && overlap(a, b)) {
                    overlapping++;
                    assertNotEquals(a.getString(1), b.getString(1),
                            "two trials training at once on one executor hold different GPUs: " + a + " and " + b);
                }
            }
        }
        int seen = overlapping;
        System.out.printf("GpuClusterIT: %d pairs of trials trained at once on one executor%n", seen);
        assertTrue(seen > 0, "the check above saw tasks of one executor run at the same time");
    }

    /** Whether two trials' [finished - train_ms, finished] intervals overlap (starts moved 2 ms later, as ClusterSubmitIT). */
    private static boolean overlap(Row a, Row b) {
        long aEnd = a.getLong(3);
        long aStart = aEnd - a.getLong(4) + 2;
        long bEnd = b.getLong(3);
        long bStart = bEnd - b.getLong(4) + 2;
        return aStart < bEnd && bStart < aEnd;
    }
}
