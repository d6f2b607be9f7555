package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.store.ResultStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * build wrote, and never build themselves here). The cluster is always stopped, also when a test fails.
 */
class ClusterSubmitIT {
    private static final Path ROOT = Path.of(System.getProperty("lossgrid.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("lossgrid.it.dir", "target/it")).toAbsolutePath()
            .resolve("cluster-submit");
    private static final Path STATE = WORK.resolve("cluster");
    private static final Path LOGS = WORK.resolve("logs");
    private static final Path JAR = ROOT.resolve("sweep-spark/target/lossgrid.jar");

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

    private static final Map<String, String> ENV = new HashMap<>();
    /** The scripts running now, for the exit hook (a driver outlives a JVM that dies while it waits on it). */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static String masterUrl;
    private static Thread stopOnExit;

    @BeforeAll
    static void startCluster() throws IOException {
        Files.createDirectories(LOGS);
        int[] ports = freePorts(2);
        ENV.put("LOSSGRID_CLUSTER_DIR", STATE.toString());
        ENV.put("LOSSGRID_MASTER_PORT", String.valueOf(ports[0]));
        ENV.put("LOSSGRID_MASTER_WEBUI_PORT", String.valueOf(ports[1]));
        ENV.put("LOSSGRID_NO_BUILD", "1");
        ENV.put("JAVA_HOME", System.getProperty("java.home"));
        ENV.put("SPARK_LOCAL_IP", "127.0.0.1");

        // Whatever an interrupted earlier run left in this state directory goes first.
        script(Duration.ofSeconds(60), "cluster-down-before", "cluster", "down");
        // If this JVM is stopped before @AfterAll runs (Ctrl-C, failsafe's timeout), stop the cluster anyway.
        stopOnExit = new Thread(() -> {
            try {
                for (Process p : RUNNING) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
                script(Duration.ofSeconds(60), "cluster-down-on-exit", "cluster", "down");
            } catch (RuntimeException | Error e) {
                System.err.println("ClusterSubmitIT: stopping the cluster on exit failed: " + e);
            }
        }, "stop-cluster");
        Runtime.getRuntime().addShutdownHook(stopOnExit);

        long t0 = System.nanoTime();
        Result up = script(Duration.ofSeconds(150), "cluster-up", "cluster", "up", "--workers", "1", "--cores", "1",
                "--memory", "1g", "--timeout", "120");
        assertEquals(0, up.exit(), () -> "scripts/cluster up failed\n" + up + diagnostics());
        List<String> lines = up.stdout().strip().lines().toList();
        masterUrl = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        assertEquals("spark://127.0.0.1:" + ports[0], masterUrl, () -> "the master URL printed\n" + up);
        System.out.printf("ClusterSubmitIT: cluster up at %s in %.1f s%n", masterUrl, seconds(t0));
    }

    @AfterAll
    static void stopCluster() {
        if (ENV.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        Result down = script(Duration.ofSeconds(90), "cluster-down", "cluster", "down", "--timeout", "30");
        System.out.printf("ClusterSubmitIT: cluster down in %.1f s%n", seconds(t0));
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        assertEquals(0, down.exit(), () -> "scripts/cluster down failed\n" + down);
        Result left = script(Duration.ofSeconds(30), "cluster-status-after", "cluster", "status");
        assertEquals(3, left.exit(), () -> "after down, status should say the master is not running\n" + left);
        for (String role : List.of("master", "workers", "executors")) {
            Result pids = script(Duration.ofSeconds(30), "cluster-pids-after", "cluster", "pids", role);
            assertEquals(1, pids.exit(), () -> "after down, no " + role + " should be left\n" + pids);
        }
    }

    @Test
    void sweepSubmittedToTheClusterCommitsEveryTrialOnce(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("cluster-it.yaml");
        Files.writeString(spec, SPEC);
        Path out = tmp.resolve("out");

        long t0 = System.nanoTime();
        Result submit = script(Duration.ofSeconds(240), "spark-submit", "spark-submit",
                "--master", masterUrl,
                "--class", "io.lossgrid.cli.Main",
                "--conf", "spark.ui.enabled=false",
                JAR.toString(), "run", spec.toString(), "--out", out.toString());
        System.out.printf("ClusterSubmitIT: sweep submitted and finished in %.1f s%n", seconds(t0));
        assertEquals(0, submit.exit(), () -> "spark-submit failed\n" + submit + diagnostics());
        assertTrue(submit.stdout().contains("COMPLETED"), () -> "spark-submit's report\n" + submit);
        assertTrue(Files.readString(out.resolve(ResultStore.MANIFEST)).contains(masterUrl),
                "sweep.json records the cluster's master");

        List<Trial> grid = Grid.expand(SpecLoader.load(spec));
        assertEquals(8, grid.size(), "2 optimizers x 2 alphas x 2 learning rates");
        Set<String> expected = grid.stream().map(Trial::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(grid.size(), expected.size(), "trial ids are distinct");

        SparkSession spark = SparkSession.builder().master("local[1]").appName("ClusterSubmitIT")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1").getOrCreate();
        try {
            ResultStore store = ResultStore.at(out.toString(), spark.sparkContext().hadoopConfiguration());
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
            Set<String> launched = launchedExecutorIds();
            assertFalse(launched.isEmpty(), "the worker launched no executor");
            assertTrue(launched.containsAll(executors),
                    () -> "executors in the results " + executors + " vs launched by the worker " + launched);
        } finally {
            spark.stop();
        }
    }

    /** Executor ids under the worker's work directory: worker-1/work/APP-ID/EXEC-ID. */
    private static Set<String> launchedExecutorIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        Path work = STATE.resolve("worker-1/work");
        try (Stream<Path> apps = Files.list(work)) {
            for (Path app : apps.filter(Files::isDirectory).toList()) {
                try (Stream<Path> execs = Files.list(app)) {
                    execs.filter(Files::isDirectory).forEach(e -> ids.add(e.getFileName().toString()));
                }
            }
        }
        return ids;
    }

    private record Result(List<String> command, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + "\nexit " + exit + "\n--- stdout (tail)\n" + tail(stdout, 40)
                    + "\n--- stderr (tail)\n" + tail(stderr, 60) + "\n";
        }
    }

    /** Runs scripts/NAME with ARGS from the repository root, its output kept under target/it/.../logs. */
    private static Result script(Duration timeout, String logName, String name, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("scripts").resolve(name).toString()));
        command.addAll(List.of(args));
        Path stdout = LOGS.resolve(logName + ".out");
        Path stderr = LOGS.resolve(logName + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(ENV);
        Process p = null;
        try {
            p = pb.start();
            RUNNING.add(p);
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command) + "\n--- stdout\n"
                        + tail(read(stdout), 40) + "\n--- stderr\n" + tail(read(stderr), 60) + diagnostics());
            }
            return new Result(command, p.exitValue(), read(stdout), read(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            if (p != null) {
                RUNNING.remove(p);
            }
        }
    }

    /** The tails of the cluster's logs and of every executor's stderr, for failure messages. */
    private static String diagnostics() {
        StringBuilder b = new StringBuilder("\n=== cluster logs in ").append(STATE).append('\n');
        if (!Files.isDirectory(STATE)) {
            return b.append("(none)\n").toString();
        }
        try (Stream<Path> files = Files.walk(STATE, 5)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".log") || f.getFileName().toString().equals("stderr"))
                    .sorted().toList()) {
                b.append("--- ").append(f).append('\n').append(tail(read(f), 30)).append('\n');
            }
        } catch (IOException e) {
            b.append("(could not list: ").append(e).append(")\n");
        }
        return b.toString();
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Ports free on 127.0.0.1 now, distinct (all held open together while they are chosen). */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
