package io.lossgrid.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.lossgrid.testing.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.RunRecord;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.store.Tables;
import io.lossgrid.testing.Cluster;
import io.lossgrid.testing.Cluster.Background;
import io.lossgrid.testing.Cluster.Executor;
import io.lossgrid.testing.Cluster.Result;
import io.lossgrid.testing.LocalSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults on a real standalone cluster ({@code scripts/cluster up --workers 2 --cores 1}, state in
 * {@code target/it-faults}): an executor killed with SIGKILL in the middle of a sweep, and the driver killed
 * with SIGKILL followed by {@code --resume}. The results must hold every trial of the grid exactly once
 * (read back in this JVM through {@link ResultDirectory}, which sees committed batches only), with one epoch row
 * per recorded epoch. Kills wait for observable events (a committed batch, a task running on an executor,
 * a task of the next batch committed) polled with deadlines, never for fixed delays. The measured figures
 * are printed as lines starting with {@code FaultToleranceIT:} (see docs/reliability.md).
 */
class FaultToleranceIT {
    private static final Path WORK = Cluster.targetDir("it-faults");
    private static final Cluster CLUSTER = new Cluster("FaultToleranceIT", WORK);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(240);

    /**
     * 48 trials: 24 of a 64x64 MLP (about 0.5 s each on 2 cores; SGD at α = 1000 diverges within a few epochs),
     * then 24 whose identity initialisation DL4J refuses on non-square layers (FAILED at once). The
     * FAILED half is half of the sweep, so limits.maxFailedShare is raised above the default 0.5 (its own
     * behaviour is checked by ReliabilityTest).
     */
    private static final String EXECUTOR_KILL_SPEC = """
            name: executor-kill
            data:
              synthetic: {generator: linear, samples: 256, features: 4, seed: 1}
            model:
              - {type: mlp, name: deep, hidden: [64, 64]}
              - {type: mlp, name: bad-init, hidden: [3], weightInit: identity}
            loss: mse
            training: {epochs: 60, batchSize: full}
            grid:
              alpha: [0.5, 1, 2, 1000]
              learningRate: [0.001, 0.01]
              optimizer: [sgd, adam, rmsprop]
              seed: [1]
            limits: {maxFailedShare: 0.9}
            """;
    private static final int EXECUTOR_KILL_BATCH = 6;

    /** 24 trials of the 64x64 MLP, none failing. */
    private static final String DRIVER_KILL_SPEC = """
            name: driver-kill
            data:
              synthetic: {generator: linear, samples: 256, features: 4, seed: 1}
            model: {type: mlp, name: deep, hidden: [64, 64]}
            loss: mse
            training: {epochs: 60, batchSize: full}
            grid:
              alpha: [0.5, 1, 2, 4]
              learningRate: [0.001, 0.01]
              optimizer: [sgd, adam, rmsprop]
              seed: [1]
            """;
    private static final int DRIVER_KILL_BATCH = 4;

    private static final Pattern RUNNING = Pattern.compile("Executor: Running task \\S+ in stage \\S+ \\(TID (\\d+)\\)");
    private static final Pattern FINISHED = Pattern.compile("Executor: Finished task \\S+ in stage \\S+ \\(TID (\\d+)\\)");
    private static final Pattern BATCH_DIR = Pattern.compile("batch=([1-9]\\d*)");

    private static SparkSession spark;
    private static long classStart;

    @BeforeAll
    static void startCluster() throws IOException {
        classStart = System.nanoTime();
        deleteRecursively(WORK.resolve("out"));
        Files.createDirectories(WORK.resolve("specs"));
        CLUSTER.up(2, 1, "1g");
    }

    @AfterEach
    void releaseTheCluster() {
        // A test that failed half-way may leave its driver running, holding both cores: end it, and wait until
        // the master has let its executors go, so that the next test starts on an idle cluster.
        CLUSTER.killRunning();
        if (CLUSTER.masterUrl() != null) {
            CLUSTER.awaitCondition("no application is active on the master and no executor runs", Duration.ofSeconds(60),
                    Duration.ofMillis(200), () -> CLUSTER.masterStatus().path("activeapps").isEmpty()
                            && CLUSTER.pids("executors").isEmpty());
        }
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            CLUSTER.down();
            System.out.printf("FaultToleranceIT: the class took %.1f s%n", Cluster.seconds(classStart));
        }
    }

    @Test
    void anExecutorKilledMidSweepLosesNoTrialAndDuplicatesNone() throws IOException {
        Path spec = writeSpec("executor-kill.yaml", EXECUTOR_KILL_SPEC);
        Path out = WORK.resolve("out/executor-kill");
        List<Trial> grid = AllTrials.of(SpecLoader.load(spec));
        assertEquals(48, grid.size(), "2 models x 3 optimizers x 4 alphas x 2 learning rates");

        long t0 = System.nanoTime();
        Background sweep = CLUSTER.submit("executor-kill", "run", spec.toString(), "--out", out.toString(),
                "--batch-trials", String.valueOf(EXECUTOR_KILL_BATCH), "--packing", "off");

        // 1. A batch is committed: both executors are up and training.
        double toFirstCommit = CLUSTER.awaitCondition("the first batch of executor-kill is committed", SWEEP_TIMEOUT, POLL,
                () -> stillRunning(sweep) && !committedBatches(out).isEmpty());
        List<Executor> initial = CLUSTER.executors();
        assertEquals(2, initial.size(), () -> "one executor per worker: " + initial);
        String app = initial.get(0).app();
        assertTrue(initial.stream().allMatch(e -> e.app().equals(app)), () -> "one application: " + initial);
        Set<String> initialIds = initial.stream().map(Executor::id).collect(Collectors.toCollection(TreeSet::new));

        // 2. One of them runs a task now (its log says it started a task it has not finished).
        Executor[] victim = new Executor[1];
        CLUSTER.awaitCondition("an executor runs a task", SWEEP_TIMEOUT, Duration.ofMillis(20), () -> {
            stillRunning(sweep);
            for (Executor e : initial) {
                if (!runningTasks(e).isEmpty()) {
                    victim[0] = e;
                    return true;
                }
            }
            return false;
        });
        Set<String> tasksAtKill = runningTasks(victim[0]);
        int committedAtKill = committedBatches(out).size();

        // 3. SIGKILL it.
        ProcessHandle handle = ProcessHandle.of(victim[0].pid())
                .orElseThrow(() -> new AssertionError("executor " + victim[0] + " is gone before the kill"));
        assertTrue(handle.destroyForcibly(), "SIGKILL sent to executor " + victim[0]);
        long killedAt = System.currentTimeMillis();
        double atSeconds = Cluster.seconds(t0);
        CLUSTER.awaitCondition("the killed executor's process has exited", Duration.ofSeconds(20), POLL,
                () -> !handle.isAlive());

        // 4. The sweep goes on and completes.
        Result done = sweep.await(SWEEP_TIMEOUT);
        double sweepSeconds = Cluster.seconds(t0);
        assertEquals(0, done.exit(), () -> "the sweep should complete despite the lost executor\n" + done
                + CLUSTER.diagnostics());
        assertTrue(done.stdout().contains("COMPLETED: " + grid.size() + " trials trained, 0 already committed"), done::toString);
        assertTrue(done.stderr().contains("Lost executor " + victim[0].id()),
                () -> "the driver should have noticed the lost executor\n" + done);
        // Spark retried only what the lost executor was running: no task failed for any other reason (a trial that
        // throws or diverges is a result, not a task failure).
        List<String> lostTaskLines = done.stderr().lines().filter(l -> l.contains("Lost task")).toList();
        for (String l : lostTaskLines) {
            assertTrue(l.contains("ExecutorLostFailure (executor " + victim[0].id() + " exited"),
                    () -> "a task failed for another reason than the killed executor: " + l);
        }
        long lostTasks = lostTaskLines.size();

        Figures f = exactlyOnce(out, grid);
        Map<String, Row> trials = f.trials();

        // The replacement executor the worker launched for the killed one trained trials.
        Set<String> launched = CLUSTER.launchedExecutorIds(app);
        Set<String> replacements = new TreeSet<>(launched);
        replacements.removeAll(initialIds);
        assertFalse(replacements.isEmpty(), () -> "no replacement executor was launched: " + launched);
        Map<String, Long> perExecutor = trials.values().stream()
                .collect(Collectors.groupingBy(r -> r.<String>getAs("executor"), TreeMap::new, Collectors.counting()));
        assertTrue(launched.containsAll(perExecutor.keySet()),
                () -> "executors in the results " + perExecutor + " vs launched " + launched);
        assertTrue(perExecutor.size() > 1, () -> "trials by executor: " + perExecutor);
        long byReplacement = replacements.stream().mapToLong(id -> perExecutor.getOrDefault(id, 0L)).sum();
        assertTrue(byReplacement > 0, () -> "the replacement executor(s) " + replacements + " trained no trial: "
                + perExecutor);
        long finishedAfterKill = trials.values().stream().filter(r -> (long) r.getAs("finished_at_ms") > killedAt).count();

        // Deterministic failures are results, not retried tasks: the identity init FAILED with its error, SGD at
        // α = 1000 DIVERGED, the sweep went on.
        long failed = 0;
        long diverged = 0;
        for (Row r : trials.values()) {
            String id = r.getAs("trial_id");
            String status = r.getAs("status");
            if (r.<String>getAs("model").equals("bad-init")) {
                assertEquals("FAILED", status, id);
                String error = r.getAs("error");
                assertNotNull(error, id + " FAILED without its error");
                assertTrue(error.contains("IDENTITY"), () -> id + ": " + error);
                failed++;
            } else if (r.<String>getAs("optimizer").equals("sgd") && r.<Double>getAs("alpha") == 1000.0) {
                assertEquals("DIVERGED", status, id);
                assertNotNull(r.getAs("divergence_cause"), id);
                diverged++;
            } else {
                assertFalse(Set.of("FAILED", "DIVERGED").contains(status), () -> id + " is " + status);
            }
        }
        assertEquals(24, failed);
        assertEquals(2, diverged);

        System.out.printf("FaultToleranceIT: executor kill: executor %s (pid %d) killed with SIGKILL %.1f s into the sweep,"
                        + " %.1f s after the first commit, running task(s) TID %s, %d batch(es) of %d committed%n",
                victim[0].id(), victim[0].pid(), atSeconds, atSeconds - toFirstCommit, tasksAtKill, committedAtKill,
                grid.size() / EXECUTOR_KILL_BATCH);
        System.out.printf("FaultToleranceIT: executor kill: sweep exit 0 in %.1f s; trials %d of %d, lost %d, duplicated %d;"
                        + " epoch rows %d, duplicated %d; tasks lost and retried (driver log): %d%n",
                sweepSeconds, f.present(), grid.size(), f.lost(), f.duplicated(), f.epochRows(), f.epochsDuplicated(),
                lostTasks);
        System.out.printf("FaultToleranceIT: executor kill: trials by executor %s (replacement %s: %d trials);"
                + " %d trials finished after the kill; FAILED %d (error set), DIVERGED %d%n", perExecutor, replacements,
                byReplacement, finishedAfterKill, failed, diverged);
    }

    @Test
    void aDriverKilledMidSweepIsFinishedByResumeWithoutRetrainingCommittedTrials() throws IOException {
        Path spec = writeSpec("driver-kill.yaml", DRIVER_KILL_SPEC);
        Path out = WORK.resolve("out/driver-kill");
        List<Trial> grid = AllTrials.of(SpecLoader.load(spec));
        int total = grid.size();
        assertEquals(24, total);
        String[] runArgs = {"run", spec.toString(), "--out", out.toString(), "--batch-trials",
                String.valueOf(DRIVER_KILL_BATCH), "--packing", "off"};

        long t0 = System.nanoTime();
        Background sweep = CLUSTER.submit("driver-kill", runArgs);

        // 1. At least one batch committed, and the next one in flight with at least one task's output
        //    committed (some of its trials trained, not yet committed as a batch).
        CLUSTER.awaitCondition("driver-kill has a committed batch and a task of the next one committed",
                SWEEP_TIMEOUT, POLL, () -> stillRunning(sweep) && !committedBatches(out).isEmpty()
                        && inFlightWithCommittedTask(out));
        JsonNode apps = CLUSTER.masterStatus().path("activeapps");
        assertEquals(1, apps.size(), () -> "one active application: " + apps);
        String app = apps.get(0).path("id").asText();

        // 2. SIGKILL the driver: scripts/spark-submit execs the driver JVM, so the process started is the driver.
        Process driver = sweep.process();
        String command = driver.info().command().orElse("?");
        assertTrue(command.endsWith("/java"), () -> "the driver process should be the JVM, found " + command);
        driver.destroyForcibly();
        long killedAt = System.currentTimeMillis();
        double atSeconds = Cluster.seconds(t0);
        Result killed = sweep.await(Duration.ofSeconds(30));
        assertEquals(137, killed.exit(), () -> "killed by SIGKILL\n" + killed);

        // 3. The master removes the application and the workers end its executors.
        long r0 = System.nanoTime();
        CLUSTER.awaitCondition("the master removed " + app + " and its executors exited", Duration.ofSeconds(60),
                Duration.ofMillis(200), () -> {
                    JsonNode s = CLUSTER.masterStatus();
                    return s.path("activeapps").isEmpty() && s.path("coresused").asInt(-1) == 0
                            && CLUSTER.pids("executors").isEmpty();
                });
        double releasedSeconds = Cluster.seconds(r0);
        JsonNode completed = CLUSTER.masterStatus().path("completedapps");
        assertTrue(completed.findValuesAsText("id").contains(app), () -> app + " should be completed: " + completed);

        // 4. What the killed run left: committed batches (their trials and finish times), and the batch in flight.
        ResultDirectory store = ResultDirectory.at(out.toString(), spark().sparkContext().hadoopConfiguration());
        Map<String, Long> before = new HashMap<>();
        for (Row r : store.trials(spark()).select("trial_id", "finished_at_ms").collectAsList()) {
            assertTrue(before.put(r.getString(0), r.getLong(1)) == null, () -> r.getString(0) + " twice");
        }
        int committed = before.size();
        assertTrue(committed >= DRIVER_KILL_BATCH && committed < total, () -> committed + " committed before the kill");
        List<Integer> uncommitted = uncommittedBatches(out);
        Set<String> trainedUncommitted = trialsInCommittedTaskOutputs(out, uncommitted);
        List<Trial> pending = grid.stream().filter(t -> !before.containsKey(t.id())).toList();
        Set<String> inFlight = pending.stream().limit(uncommitted.isEmpty() ? 0 : DRIVER_KILL_BATCH).map(Trial::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertTrue(inFlight.containsAll(trainedUncommitted),
                () -> "trials trained but not committed " + trainedUncommitted + " should be of the batch in flight "
                        + inFlight);
        // Readers see committed batches only: what the in-flight batch wrote is in neither table.
        assertTrue(trainedUncommitted.stream().noneMatch(before::containsKey), "uncommitted trials are visible");
        Set<String> withEpochs = store.epochs(spark()).select("trial_id").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet());
        assertEquals(before.keySet(), withEpochs, "the epochs visible are those of the committed trials");

        // 5. --resume into the same directory.
        long s0 = System.nanoTime();
        List<String> resumeArgs = new ArrayList<>(List.of(runArgs));
        resumeArgs.add("--resume");
        Result resumed = CLUSTER.submit("driver-kill-resume", resumeArgs.toArray(String[]::new)).await(SWEEP_TIMEOUT);
        double resumeSeconds = Cluster.seconds(s0);
        assertEquals(0, resumed.exit(), () -> "the resume should complete\n" + resumed + CLUSTER.diagnostics());
        assertTrue(resumed.stdout().contains("COMPLETED: " + (total - committed) + " trials trained, " + committed
                + " already committed"), resumed::toString);
        if (!uncommitted.isEmpty()) {
            assertTrue(resumed.stderr().contains("uncommitted batch directories left by an interrupted run"),
                    resumed::toString);
        }
        assertTrue(uncommittedBatches(out).isEmpty(), () -> "uncommitted batches left: " + uncommittedBatches(out));

        Figures f = exactlyOnce(out, grid);
        Map<String, Row> trials = f.trials();
        long kept = 0;
        long retrained = 0;
        for (Row r : trials.values()) {
            String id = r.getAs("trial_id");
            long finishedAt = r.getAs("finished_at_ms");
            if (before.containsKey(id)) {
                assertEquals(before.get(id), finishedAt, () -> id + " was committed before the kill and trained again");
                kept++;
            } else {
                assertTrue(finishedAt > killedAt, () -> id + " was not committed before the kill, so the resume trains it");
                retrained++;
            }
        }
        assertEquals(committed, kept);
        assertEquals(total - committed, retrained);

        SweepManifest manifest = SweepManifest.parse(Files.readString(out.resolve(ResultStore.MANIFEST)));
        assertEquals(RunState.COMPLETED, manifest.state());
        List<RunRecord> runs = manifest.runs();
        assertEquals(List.of(RunMode.FRESH, RunMode.RESUME), runs.stream().map(RunRecord::mode).toList());
        RunRecord resumeRun = runs.get(1);
        assertEquals(total - committed, resumeRun.trainedTrials(), resumeRun::toString);
        assertEquals(total - committed, resumeRun.pendingTrials(), resumeRun::toString);
        assertTrue(runs.get(0).trainedTrials() <= committed, () -> runs.get(0).toString());

        System.out.printf("FaultToleranceIT: driver kill: driver JVM killed with SIGKILL %.1f s into the sweep with %d of %d"
                        + " trials committed (%d batches) and batch(es) %s in flight; the master released its executors"
                        + " %.1f s later%n", atSeconds, committed, total, committed / DRIVER_KILL_BATCH, uncommitted,
                releasedSeconds);
        System.out.printf("FaultToleranceIT: driver kill: --resume exit 0 in %.1f s, trained %d = %d - %d (sweep.json"
                        + " trainedTrials %s); trials %d of %d, lost %d, duplicated %d; epoch rows %d, duplicated %d;"
                        + " committed trials trained again: %d of %d%n", resumeSeconds, retrained, total, committed,
                resumeRun.trainedTrials(), f.present(), total, f.lost(), f.duplicated(), f.epochRows(),
                f.epochsDuplicated(), committed - kept, committed);
        System.out.printf("FaultToleranceIT: driver kill: recomputed after resume: %d of %d (the batch in flight; %d of"
                + " them had already finished training on an executor)%n", inFlight.size(), total,
                trainedUncommitted.size());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The committed results checked for exactly-once, and the figures measured. */
    private record Figures(Map<String, Row> trials, long present, long lost, long duplicated, long epochRows,
                           long epochsDuplicated) {
    }

    /**
     * Reads the committed results and checks: every trial id of the grid once in {@code trials}, nothing else;
     * each trial's epoch rows are epochs 0..epochs_run once each (none for a FAILED trial); the trial's final
     * loss is its last epoch row's loss (the two tables agree, even where one was written from a recomputed
     * partition).
     */
    private static Figures exactlyOnce(Path out, List<Trial> grid) {
        ResultDirectory store = ResultDirectory.at(out.toString(), spark().sparkContext().hadoopConfiguration());
        List<Row> rows = store.trials(spark()).collectAsList();
        Map<String, Row> byId = new TreeMap<>();
        Map<String, Long> copies = new TreeMap<>();
        for (Row r : rows) {
            byId.put(r.getAs("trial_id"), r);
            copies.merge(r.getAs("trial_id"), 1L, Long::sum);
        }
        Set<String> expected = grid.stream().map(Trial::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(grid.size(), expected.size(), "trial ids are distinct");
        Set<String> lost = new TreeSet<>(expected);
        lost.removeAll(byId.keySet());
        Set<String> unknown = new TreeSet<>(byId.keySet());
        unknown.removeAll(expected);
        long duplicated = copies.values().stream().mapToLong(n -> n - 1).sum();

        List<Row> perTrial = store.epochs(spark()).groupBy("trial_id")
                .agg(count(lit(1)).as("n"), countDistinct("epoch").as("d"), min("epoch").as("lo"),
                        max("epoch").as("hi"), max_by(col("loss"), col("epoch")).as("last"))
                .collectAsList();
        long epochRows = 0;
        long epochsDuplicated = 0;
        Map<String, Row> epochs = new HashMap<>();
        for (Row e : perTrial) {
            epochs.put(e.getAs("trial_id"), e);
            epochRows += e.<Long>getAs("n");
            epochsDuplicated += e.<Long>getAs("n") - e.<Long>getAs("d");
        }

        assertEquals(Set.of(), lost, "trials lost");
        assertEquals(Set.of(), unknown, "trials that are not the grid's");
        assertEquals(0, duplicated, () -> "trials committed more than once: " + copies);
        assertEquals(0, epochsDuplicated, "(trial, epoch) rows committed more than once");
        assertTrue(expected.containsAll(epochs.keySet()), "epochs of trials that are not the grid's");
        for (Row t : byId.values()) {
            String id = t.getAs("trial_id");
            Row e = epochs.get(id);
            if ("FAILED".equals(t.getAs("status"))) {
                assertEquals(null, e, () -> id + " FAILED and has epoch rows");
                continue;
            }
            assertNotNull(e, id + " has no epoch rows");
            int run = t.getAs("epochs_run");
            assertEquals(0, e.<Integer>getAs("lo"), id);
            assertEquals(run, e.<Integer>getAs("hi"), id);
            assertEquals(run + 1L, e.<Long>getAs("n"), () -> id + ": epochs 0.." + run + " once each");
            Double finalLoss = t.getAs("final_loss");
            Double last = e.getAs("last");
            assertTrue(finalLoss != null && Double.compare(finalLoss, last) == 0,
                    () -> id + ": final_loss " + finalLoss + " vs the last epoch's loss " + last);
        }
        return new Figures(byId, byId.size(), lost.size(), duplicated, epochRows, epochsDuplicated);
    }

    /** False, failing the test, once the sweep has ended: what a test waits for must happen while it runs. */
    private static boolean stillRunning(Background sweep) {
        if (!sweep.alive()) {
            fail("the sweep ended before the fault could be injected\n" + sweep + CLUSTER.diagnostics());
        }
        return true;
    }

    /** The TIDs an executor's log says it started and has not finished. */
    private static Set<String> runningTasks(Executor e) {
        String log = Cluster.read(e.stderr(CLUSTER.state()));
        Set<String> running = new TreeSet<>();
        Matcher m = RUNNING.matcher(log);
        while (m.find()) {
            running.add(m.group(1));
        }
        m = FINISHED.matcher(log);
        while (m.find()) {
            running.remove(m.group(1));
        }
        return running;
    }

    /** Batches committed in both tables (what {@link ResultDirectory} reads). */
    private static Set<Integer> committedBatches(Path out) {
        Set<Integer> trials = batches(out.resolve("trials"), true);
        trials.retainAll(batches(out.resolve("epochs"), true));
        return trials;
    }

    /** Batch directories, in either table, that are not committed in both. */
    private static List<Integer> uncommittedBatches(Path out) {
        Set<Integer> all = batches(out.resolve("trials"), false);
        all.addAll(batches(out.resolve("epochs"), false));
        all.removeAll(committedBatches(out));
        return new ArrayList<>(all);
    }

    private static Set<Integer> batches(Path table, boolean committedOnly) {
        Set<Integer> out = new TreeSet<>();
        if (!Files.isDirectory(table)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(table)) {
            for (Path d : dirs.toList()) {
                Matcher m = BATCH_DIR.matcher(d.getFileName().toString());
                if (m.matches() && (!committedOnly || Files.exists(d.resolve("_SUCCESS")))) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // a directory may vanish while it is listed (a job commit moves files): try again at the next poll
            return new TreeSet<>();
        }
        return out;
    }

    /**
     * True if an epochs batch directory not yet committed holds the output of a committed task
     * ({@code _temporary/0/task_*}, where Hadoop's FileOutputCommitter moves a task's files when the task commits).
     */
    private static boolean inFlightWithCommittedTask(Path out) {
        for (int b : uncommittedBatches(out)) {
            if (!committedTaskFiles(out.resolve("epochs").resolve("batch=" + b)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> committedTaskFiles(Path batchDir) {
        Path job = batchDir.resolve("_temporary").resolve("0");
        if (!Files.isDirectory(job)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(job, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("task_")).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Trial ids in the committed task outputs of uncommitted epochs batches: trained, never committed as a batch. */
    private static Set<String> trialsInCommittedTaskOutputs(Path out, List<Integer> uncommitted) {
        List<String> files = new ArrayList<>();
        for (int b : uncommitted) {
            committedTaskFiles(out.resolve("epochs").resolve("batch=" + b))
                    .forEach(p -> files.add(p.toUri().toString()));
        }
        if (files.isEmpty()) {
            return Set.of();
        }
        return spark().read().schema(Tables.EPOCHS).parquet(files.toArray(String[]::new)).select("trial_id").distinct()
                .collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SparkSession spark() {
        if (spark == null) {
            spark = LocalSpark.start("FaultToleranceIT");
        }
        return spark;
    }

    private static Path writeSpec(String name, String yaml) throws IOException {
        Path p = WORK.resolve("specs").resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
