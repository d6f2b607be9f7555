package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.testing.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.ResultStore;
import io.lossgrid.testing.Cluster;
import io.lossgrid.testing.Cluster.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep submitted to a real standalone cluster: {@code scripts/cluster up} starts a master and one worker
 * (1 core) from the Maven-resolved Spark jars, {@code scripts/spark-submit} runs the CLI from the shaded jar
 * against it, and the results must hold every trial of the grid once, with all its epochs, trained on a
 * cluster executor. Run by failsafe after {@code package} (the scripts use the jar and classpath files the
 * build wrote, and never build themselves here). The cluster is always stopped, also when a test fails
 * ({@link Cluster} holds the process and cluster helpers shared with {@code FaultToleranceIT}).
 */
class ClusterSubmitIT {
    private static final Cluster CLUSTER = new Cluster("ClusterSubmitIT", Cluster.itDir("cluster-submit"));

    private static final int EPOCHS = 20;
    private static final String SPEC = """
            name: cluster-it
            data:
              synthetic: {generator: linear, samples: 100}
            model:
              type: linear
            loss: mse
            training:
              epochs: %d
              batchSize: full
            grid:
              alpha: [0.5, 2]
              learningRate: [0.001, 0.01]
              optimizer: [sgd, adam]
              seed: [42]
            """.formatted(EPOCHS);

    private static String masterUrl;

    @BeforeAll
    static void startCluster() {
        masterUrl = CLUSTER.up(1, 1, "1g");
    }

    @AfterAll
    static void stopCluster() {
        CLUSTER.down();
    }

    @Test
    void sweepSubmittedToTheClusterCommitsEveryTrialOnce(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("cluster-it.yaml");
        Files.writeString(spec, SPEC);
        Path out = tmp.resolve("out");

        long t0 = System.nanoTime();
        Result submit = CLUSTER.submit("spark-submit", "run", spec.toString(), "--out", out.toString())
                .await(Duration.ofSeconds(240));
        System.out.printf("ClusterSubmitIT: sweep submitted and finished in %.1f s%n", Cluster.seconds(t0));
        assertEquals(0, submit.exit(), () -> "spark-submit failed\n" + submit + CLUSTER.diagnostics());
        assertTrue(submit.stdout().contains("COMPLETED"), () -> "spark-submit's report\n" + submit);
        assertTrue(Files.readString(out.resolve(ResultStore.MANIFEST)).contains(masterUrl),
                "sweep.json records the cluster's master");

        List<Trial> grid = AllTrials.of(SpecLoader.load(spec));
        assertEquals(8, grid.size(), "2 optimizers x 2 alphas x 2 learning rates");
        Set<String> expected = grid.stream().map(Trial::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(grid.size(), expected.size(), "trial ids are distinct");

        SparkSession spark = SparkSession.builder().master("local[1]").appName("ClusterSubmitIT")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1").getOrCreate();
        try {
            ResultDirectory store = ResultDirectory.at(out.toString(), spark.sparkContext().hadoopConfiguration());
            List<Row> trials = store.trials(spark).select("trial_id", "status", "executor").collectAsList();
            Map<String, Long> perTrial = trials.stream()
                    .collect(Collectors.groupingBy(r -> r.getString(0), TreeMap::new, Collectors.counting()));
            assertEquals(expected, perTrial.keySet(), "the committed trial ids are the grid's");
            perTrial.forEach((id, n) -> assertEquals(1L, n, () -> id + " is committed " + n + " times"));
            trials.forEach(r -> assertNotEquals("FAILED", r.getString(1), () -> r.getString(0) + " FAILED"));

            Set<String> diverged = trials.stream().filter(r -> "DIVERGED".equals(r.getString(1)))
                    .map(r -> r.getString(0)).collect(Collectors.toSet());
            Map<String, Long> epochsPerTrial = new TreeMap<>();
            for (Row r : store.epochs(spark).groupBy("trial_id").count().collectAsList()) {
                epochsPerTrial.put(r.getString(0), r.getLong(1));
            }
            assertTrue(expected.containsAll(epochsPerTrial.keySet()), () -> "epochs of unknown trials: " + epochsPerTrial);
            long stable = 0;
            long stableEpochs = 0;
            for (String id : expected) {
                if (!diverged.contains(id)) {
                    stable++;
                    stableEpochs += epochsPerTrial.getOrDefault(id, 0L);
                    assertEquals(EPOCHS + 1L, epochsPerTrial.getOrDefault(id, 0L),
                            () -> id + ": epochs 0.." + EPOCHS + " once each");
                }
            }
            assertEquals(stable * (EPOCHS + 1), stableEpochs, "epoch rows of the trials that did not diverge");

            // Trained on the cluster: executor ids the worker launched (its work dir holds APP-ID/EXEC-ID).
            Set<String> executors = trials.stream().map(r -> r.getString(2)).collect(Collectors.toCollection(TreeSet::new));
            assertFalse(executors.contains("driver"), () -> "trained in the driver: " + executors);
            Set<String> launched = CLUSTER.launchedExecutorIds(null);
            assertFalse(launched.isEmpty(), "the worker launched no executor");
            assertTrue(launched.containsAll(executors),
                    () -> "executors in the results " + executors + " vs launched by the worker " + launched);
        } finally {
            spark.stop();
        }
    }
}
