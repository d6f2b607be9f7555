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
import io.lossgrid.testing.LocalSpark;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Sweeps submitted to a real standalone cluster: {@code scripts/cluster up} starts a master and two workers
 * (2 cores each, 4 in all) from the Maven-resolved Spark jars, {@code scripts/spark-submit} runs the CLI
 * from the shaded jar against it, in client and in cluster deploy mode, and the results must hold every
 * trial of the grid once, with all its epochs, trained on cluster executors, as many at a time as the
 * cluster has cores. The cluster itself must listen on 127.0.0.1 only, authenticate, and hold nothing of
 * its caller's. Run by failsafe after {@code package} (the scripts use the jar and classpath files the
 * build wrote, and never build themselves here). The cluster is always stopped, also when a test fails
 * ({@link Cluster} holds the process and cluster helpers shared with {@code FaultToleranceIT}).
 */
class ClusterSubmitIT {
    private static final Cluster CLUSTER = new Cluster("ClusterSubmitIT", Cluster.itDir("cluster-submit"));
    private static final int WORKERS = 2;
    private static final int CORES = 2;

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

    /** MLP trials trained one by one (no packing): each takes long enough for concurrent ones to overlap. */
    private static final String CONCURRENT_SPEC = """
            name: cluster-cores
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
              seed: [1, 2]
            """;

    /**
     * Plain SGD on 64 rows, full batch: on one executor, or on two workers each taking one full step on its 32 rows
     * per epoch, averaged after every step. MINI_SPEC: batches of 8, on one executor or on two workers averaging
     * every 2 batches.
     */
    private static final String DISTRIBUTED_SPEC = """
            name: %s
            data: {synthetic: {generator: linear, samples: 64, features: 2, noise: 0.1, seed: 3}}
            model: [{type: linear, weightInit: zero}, {type: mlp, hidden: [4], activation: tanh}]
            loss: mse
            training: {epochs: 10%s}
            grid: {alpha: [1, 10], learningRate: [0.01], optimizer: [sgd], seed: [7]}
            """;
    private static final String MINI_SPEC = """
            name: %s
            data: {synthetic: {generator: linear, samples: 128, noise: 0.1, seed: 3}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 40, batchSize: 8%s}
            grid: {alpha: [1], learningRate: [0.1], optimizer: [sgd], seed: [7]}
            """;

    private static String masterUrl;
    private static SparkSession spark;

    @BeforeAll
    static void startCluster() {
        masterUrl = CLUSTER.up(WORKERS, CORES, "1g");
        spark = LocalSpark.start("ClusterSubmitIT");
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
    void trialsRunAsManyAtATimeAsTheClusterHasCores(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("cluster-cores.yaml");
        Files.writeString(spec, CONCURRENT_SPEC);
        Path out = tmp.resolve("out");

        // spark.cores.max tells the driver how many cores to wait for (without it, it waits until the
        // executors stop arriving; the other tests run that way). One task per core: a batch sized for fewer
        // slots than the cluster has cores would leave cores idle, and the overlap below would show it.
        Result submit = CLUSTER.submit("spark-submit-cores", "run", spec.toString(), "--out", out.toString(),
                "--packing", "off", "--tasks-per-core", "1", "--conf", "spark.cores.max=" + WORKERS * CORES)
                .await(Duration.ofSeconds(300));
        assertEquals(0, submit.exit(), () -> "spark-submit failed\n" + submit + CLUSTER.diagnostics());
        int cores = WORKERS * CORES;
        assertTrue(submit.stderr().contains("(" + cores + " task slots)"),
                () -> "the sweep sizes its batches for the cluster's " + cores + " cores\n" + submit);

        List<Row> trials = ResultDirectory.at(out.toString(), spark.sparkContext().hadoopConfiguration()).trials(spark)
                .select("executor", "finished_at_ms", "train_ms").collectAsList();
        assertEquals(32, trials.size(), "4 alphas x 2 learning rates x 2 optimizers x 2 seeds");
        Set<String> executors = trials.stream().map(r -> r.getString(0)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(WORKERS, executors.size(), () -> "one executor per worker trained trials: " + executors);
        int atOnce = mostAtOnce(trials);
        System.out.printf("ClusterSubmitIT: at most %d of %d trials trained at once on %d cores%n", atOnce, trials.size(), cores);
        assertEquals(cores, atOnce, "trials trained at the same time (their [finished - train_ms, finished] intervals overlap)");
    }

    /**
     * The most trials in training at one moment: a sweep over the intervals [finished - train_ms, finished],
     * each start moved 2 ms later, so that two trials one task trains back to back never count as overlapping
     * through the rounding of milliseconds.
     */
    private static int mostAtOnce(List<Row> trials) {
        List<long[]> events = new ArrayList<>();
        for (Row r : trials) {
            long end = r.getLong(1);
            long start = end - r.getLong(2) + 2;
            if (start < end) {
                events.add(new long[] {start, +1});
                events.add(new long[] {end, -1});
            }
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int most = 0;
        for (long[] e : events) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    @Test
    void aSweepSubmittedInClusterDeployModeRunsItsDriverOnAWorker(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("cluster-it.yaml");
        Files.writeString(spec, SPEC);
        Path out = tmp.resolve("out");

        Result submit = CLUSTER.submitInClusterMode("spark-submit-cluster-mode", "run", spec.toString(), "--out",
                out.toString()).await(Duration.ofSeconds(300));
        // spark-submit exits 0 whatever became of the driver; the master knows how it ended
        assertEquals(0, submit.exit(), () -> "spark-submit failed\n" + submit + CLUSTER.diagnostics());
        JsonNode drivers = CLUSTER.masterStatus().path("completeddrivers");
        assertEquals(1, drivers.size(), () -> "one driver ran on the cluster: " + drivers + CLUSTER.diagnostics());
        assertEquals("FINISHED", drivers.get(0).path("state").asText(),
                () -> "the driver on the worker ended well: " + drivers + CLUSTER.diagnostics());

        List<Row> trials = ResultDirectory.at(out.toString(), spark.sparkContext().hadoopConfiguration()).trials(spark)
                .select("trial_id").collectAsList();
        Set<String> expected = AllTrials.of(SpecLoader.load(spec)).stream().map(Trial::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, trials.stream().map(r -> r.getString(0)).collect(Collectors.toCollection(TreeSet::new)),
                "the committed trial ids are the grid's");
        assertEquals(expected.size(), trials.size(), "each trial once");
    }

    @Test
    void theClusterListensOnLoopbackOnlyAuthenticatesAndHoldsNothingOfItsCallers() throws IOException {
        List<Long> daemons = new ArrayList<>(CLUSTER.pids("master"));
        daemons.addAll(CLUSTER.pids("workers"));
        assertEquals(1 + WORKERS, daemons.size(), () -> "a master and " + WORKERS + " workers: " + daemons);
        Path conf = CLUSTER.state().resolve("conf/spark-defaults.conf");
        String secretLine = Files.readAllLines(conf).stream().filter(l -> l.startsWith("spark.authenticate.secret "))
                .findFirst().orElse("");
        String secret = secretLine.substring(secretLine.indexOf(' ') + 1).strip();
        assertEquals(64, secret.length(), () -> "a 32-byte secret in hex in " + conf);
        assertTrue(Files.readAllLines(conf).contains("spark.authenticate true"), "RPC authentication is on");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(conf),
                "only the cluster's user reads its secret");
        String marker = CLUSTER.inheritedMarker().toString();
        for (long pid : daemons) {
            List<String> listening = Cluster.listeningAddresses(pid);
            assertFalse(listening.isEmpty(), () -> pid + " listens somewhere");
            assertTrue(listening.stream().allMatch(Cluster::isLoopbackV4),
                    () -> pid + " listens on 127.0.0.1 only, though SPARK_LOCAL_IP=0.0.0.0 was asked: " + listening);
            assertFalse(Cluster.openFiles(pid).contains(marker),
                    () -> pid + " holds a file its caller had open: " + marker);
            assertFalse(Cluster.commandLine(pid).contains(secret), () -> pid + " shows the secret on its command line");
        }
    }

    /**
     * The equivalence of issue 15 on the real cluster: two executors of one core each (one per worker, Spark
     * spreads them), so the two partitions of a distributed trial train on different workers; the curves of the
     * full-batch distributed sweep equal the single-executor sweep's to float rounding (1e-5 relative), and a
     * mini-batch distributed trial reaches the single-executor final loss within 1e-3 of the initial gap (the
     * convergence rule's own tolerance).
     */
    @Test
    void distributedTrialsOnTwoWorkersMatchTheSingleExecutorCurves(@TempDir Path tmp) throws IOException {
        Map<String, double[]> single = curves(submitDistributed(tmp, "single", DISTRIBUTED_SPEC, ""));
        Map<String, double[]> distributed = curves(submitDistributed(tmp, "distributed", DISTRIBUTED_SPEC,
                ", distributed: {workers: 2}"));
        assertEquals(single.keySet(), distributed.keySet());
        for (String k : single.keySet()) {
            double[] a = single.get(k);
            double[] b = distributed.get(k);
            assertEquals(a.length, b.length, k);
            for (int e = 0; e < a.length; e++) {
                assertEquals(a[e], b[e], 1e-5 * Math.abs(a[e]), k + " epoch " + e);
            }
        }
        ResultDirectory miniSingle = submitDistributed(tmp, "mini-single", MINI_SPEC, "");
        ResultDirectory miniDistributed = submitDistributed(tmp, "mini-distributed", MINI_SPEC,
                ", distributed: {workers: 2, averagingFrequency: 2}");
        Row s = miniSingle.trials(spark).first();
        Row d = miniDistributed.trials(spark).first();
        assertEquals("distributed", d.getAs("runner"));
        assertEquals("CONVERGED", s.getAs("status"));
        assertEquals("CONVERGED", d.getAs("status"));
        double gap = s.<Double>getAs("initial_loss") - s.<Double>getAs("target_loss");
        assertEquals(s.<Double>getAs("final_loss"), d.<Double>getAs("final_loss"), 1e-3 * gap, () -> d + " vs " + s);
    }

    private ResultDirectory submitDistributed(Path tmp, String name, String template, String training)
            throws IOException {
        Path spec = tmp.resolve(name + ".yaml");
        Files.writeString(spec, template.formatted(name, training));
        Path out = tmp.resolve(name);
        Result submit = CLUSTER.submit("spark-submit-" + name, "run", spec.toString(), "--out", out.toString(),
                "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2").await(Duration.ofSeconds(300));
        assertEquals(0, submit.exit(), () -> "spark-submit failed\n" + submit + CLUSTER.diagnostics());
        return ResultDirectory.at(out.toString(), spark.sparkContext().hadoopConfiguration());
    }

    /** Each trial's loss curve by (model, alpha): the key two sweeps of different training share. */
    private static Map<String, double[]> curves(ResultDirectory store) {
        Map<String, double[]> out = new TreeMap<>();
        for (Row t : store.trials(spark).collectAsList()) {
            out.put(t.getAs("model") + "/" + t.getAs("alpha"), store.epochs(spark)
                    .where("trial_id = '" + t.getAs("trial_id") + "'").orderBy("epoch").collectAsList().stream()
                    .mapToDouble(r -> r.<Double>getAs("loss")).toArray());
        }
        return out;
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
    }
}
