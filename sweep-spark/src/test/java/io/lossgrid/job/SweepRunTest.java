package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.BatchRecord;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.RunRecord;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.store.SweepRefused;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.testing.MemoryResultStore;
import io.lossgrid.testing.Specs;
import io.lossgrid.train.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The batch loop's decisions, driven without Spark: an in-memory store ({@link MemoryResultStore}) and
 * made-up results (a predicate says which trials fail). Resume, rerun of FAILED trials and the stop of a
 * poisoned sweep are checked here on the loop itself; {@code SweepJobTest} and {@code ReliabilityTest}
 * check the same promises end to end on Spark.
 */
class SweepRunTest {
    static final SweepSpec MIXED = Specs.parse(Specs.MIXED);
    static final SweepSpec POISONED = Specs.parse("""
            name: poisoned
            data: {synthetic: {generator: linear, samples: 16}}
            model: {type: mlp, hidden: [3], weightInit: identity}
            loss: mse
            training: {epochs: 5}
            grid: {alpha: {log: [0.01, 100], steps: 5}, learningRate: [0.01, 0.1], optimizer: [sgd, adam], seed: [1, 2]}
            limits: {maxFailedShare: 0.5}
            """);
    static final List<Map<String, Object>> DATA = List.of(Map.of("name", "synthetic", "sha256", "0123"));

    final MemoryResultStore store = new MemoryResultStore("mem:/results");
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    /** Makes up a result per trial: FAILED where {@code fails} says so, else NOT_CONVERGED after 2 epochs. */
    static class MadeUp implements BatchTraining<List<TrialRow>> {
        final SweepSpec spec;
        final Predicate<Trial> fails;
        final List<String> trained = new ArrayList<>();
        final List<Integer> committedBatches = new ArrayList<>();
        long clock;
        int released;
        boolean closed;

        MadeUp(SweepSpec spec, long clock, Predicate<Trial> fails) {
            this.spec = spec;
            this.clock = clock;
            this.fails = fails;
        }

        @Override
        public int parallelism() {
            return 2;
        }

        @Override
        public List<TrialRow> train(int batch, List<Trial> trials) {
            List<TrialRow> rows = new ArrayList<>();
            for (Trial t : trials) {
                trained.add(t.id());
                boolean failed = fails.test(t);
                TrialMetrics m = failed
                        ? new TrialMetrics(Status.FAILED, 0, null, null, null, null, null, null, null, null, null, 0, 0)
                        : new TrialMetrics(Status.NOT_CONVERGED, 2, 1.0, 0.25, 0.25, null, null, null, null, null, null, 0, 0);
                TrialResult r = new TrialResult(t, m, failed ? new double[0] : new double[] {1, 0.5, 0.25},
                        failed ? new double[0] : new double[] {2, 1, 0.5},
                        failed ? "java.lang.IllegalStateException: made up failure of " + t.index() : null, 1, "single");
                rows.add(new TrialRow(r, spec.training(), "test", ++clock));
            }
            return rows;
        }

        @Override
        public void release(List<TrialRow> rows) {
            released++;
        }

        @Override
        public void committed(int batch, BatchCommit commit) {
            committedBatches.add(batch);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    Summary run(SweepSpec spec, RunMode mode, int batchTrials, MadeUp training) {
        RunOptions options = new RunOptions("mem:/results", mode, batchTrials, 15, 2, true);
        PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
        return new SweepRun<>(store, log).run(spec, DATA, options, "local[2]", Map.of("lossgrid", "test"),
                committed -> training);
    }

    static List<Trial> all(SweepSpec spec) {
        List<Trial> out = new ArrayList<>();
        Grid.iterate(spec).forEachRemaining(out::add);
        return out;
    }

    static List<String> gridIds(SweepSpec spec) {
        return all(spec).stream().map(Trial::id).toList();
    }

    Map<String, Long> finishedAt() {
        return store.committedRows().stream().collect(Collectors.toMap(r -> r.trial().id(), TrialRow::finishedAtMs));
    }

    @Test
    void aFreshRunCommitsEveryTrialOnceInTheSpecsOrderBatchByBatch() {
        MadeUp training = new MadeUp(MIXED, 0, t -> false);
        Summary s = run(MIXED, RunMode.FRESH, 3, training);

        assertEquals(RunState.COMPLETED, s.state());
        assertEquals(8, s.trained());
        assertEquals(gridIds(MIXED), training.trained, "trained in the spec's order, each once");
        assertEquals(gridIds(MIXED), store.committedRows().stream().map(r -> r.trial().id()).toList());
        assertEquals(List.of(1, 2, 3), store.committedBatches());
        assertEquals(List.of(1, 2, 3), training.committedBatches);
        assertEquals(3, training.released, "every batch's rows are released");
        assertTrue(training.closed);
        SweepManifest m = store.manifest().orElseThrow();
        assertEquals(RunState.COMPLETED, m.state());
        assertEquals(List.of(3, 3, 2), m.runs().get(0).batches().stream().map(BatchRecord::trials).toList());
        assertEquals(Map.of(Status.NOT_CONVERGED, 8L), m.statuses());
    }

    @Test
    void resumeAfterACrashBetweenEpochsAndTrialsTrainsOnlyTheTrialsNotCommitted() {
        store.crashAfterEpochsOf(2);
        MadeUp first = new MadeUp(MIXED, 0, t -> false);
        assertThrows(MemoryResultStore.InjectedCrash.class, () -> run(MIXED, RunMode.FRESH, 3, first));
        assertEquals(List.of(1), store.committedBatches(), "a batch whose trials were not committed does not count");
        assertEquals(RunState.RUNNING, store.manifest().orElseThrow().state(), "a crashed run leaves RUNNING behind");
        Map<String, Long> before = finishedAt();
        store.crashAfterEpochsOf(-1);

        MadeUp resumed = new MadeUp(MIXED, 1000, t -> false);
        Summary s = run(MIXED, RunMode.RESUME, 3, resumed);

        assertEquals(RunState.COMPLETED, s.state());
        assertEquals(5, s.trained());
        assertEquals(3, s.skipped());
        assertEquals(gridIds(MIXED).subList(3, 8), resumed.trained, "only the trials not committed, in order");
        assertEquals(List.of(1, 2, 3), store.committedBatches(), "what the crash left is removed, its number taken again");
        assertEquals(gridIds(MIXED).stream().sorted().toList(),
                store.committedRows().stream().map(r -> r.trial().id()).sorted().toList());
        before.forEach((id, at) -> assertEquals(at, finishedAt().get(id), id + " was not trained again"));
        for (String id : gridIds(MIXED)) {
            assertEquals(3, store.committedEpochRows(id), id + "'s epochs are committed once");
        }
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains(
                "removed 1 uncommitted batch directories left by an interrupted run"), logged::toString);
        SweepManifest m = store.manifest().orElseThrow();
        assertEquals(List.of(RunMode.FRESH, RunMode.RESUME), m.runs().stream().map(RunRecord::mode).toList());
        assertEquals(5, m.runs().get(1).pendingTrials());
        assertEquals(5, m.runs().get(1).trainedTrials());
        assertEquals(Map.of(Status.NOT_CONVERGED, 8L), m.statuses(), "totals count the whole directory");
    }

    @Test
    void resumingACompletedSweepTrainsNothing() {
        run(MIXED, RunMode.FRESH, 0, new MadeUp(MIXED, 0, t -> false));
        MadeUp again = new MadeUp(MIXED, 1000, t -> false);
        Summary s = run(MIXED, RunMode.RESUME, 0, again);
        assertEquals(0, s.trained());
        assertEquals(8, s.skipped());
        assertEquals(List.of(), again.trained);
        assertEquals(RunState.COMPLETED, s.state());
    }

    @Test
    void rerunFailedTrainsOnlyTheFailedTrialsAndKeepsTheOthersRows() {
        Predicate<Trial> badInit = t -> t.model().name().equals("bad-init");
        Trial victim = all(MIXED).stream().filter(badInit.negate()).findFirst().orElseThrow();
        run(MIXED, RunMode.FRESH, 4, new MadeUp(MIXED, 0, badInit.or(t -> t.id().equals(victim.id()))));
        assertEquals(5L, store.committedTrials().counts().get(Status.FAILED));
        Map<String, Long> before = finishedAt();

        MadeUp rerun = new MadeUp(MIXED, 1000, badInit);
        Summary s = run(MIXED, RunMode.RERUN_FAILED, 0, rerun);

        assertEquals(5, s.trained());
        assertEquals(3, s.skipped());
        assertEquals(5, rerun.trained.size());
        assertTrue(rerun.trained.contains(victim.id()));
        assertEquals(Map.of(Status.FAILED, 4L, Status.NOT_CONVERGED, 4L), store.committedTrials().counts(),
                "the transient failure trained fine, the deterministic ones failed again");
        assertEquals(8, store.committedTrials().ids().size());
        Map<String, Long> after = finishedAt();
        long untouched = before.keySet().stream().filter(id -> before.get(id).equals(after.get(id))).count();
        assertEquals(3, untouched, "trials that had not failed keep their rows");
        assertNotEquals(before.get(victim.id()), after.get(victim.id()));
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("5 FAILED trials will be trained again"), logged::toString);
    }

    @Test
    void aPoisonedSweepStopsAfterTheFirstBatchThatCrossesTheLimitAndKeepsIt() {
        MadeUp training = new MadeUp(POISONED, 0, t -> true);
        Summary s = run(POISONED, RunMode.FRESH, 4, training);

        assertEquals(RunState.STOPPED, s.state());
        assertEquals(12, s.trained(), "4 and 8 finished trials are too few to judge; 12 are not");
        assertEquals("12 of 12 finished trials FAILED, more than limits.maxFailedShare = 0.5; first error: "
                + "java.lang.IllegalStateException: made up failure of 8", s.stopReason());
        assertEquals(List.of(1, 2, 3), store.committedBatches());
        SweepManifest m = store.manifest().orElseThrow();
        assertEquals(RunState.STOPPED, m.state());
        assertEquals(s.stopReason(), m.stopReason());
        assertTrue(training.closed);
    }

    @Test
    void aSweepWhoseFailuresStayUnderTheLimitRunsToTheEnd() {
        Summary s = run(POISONED, RunMode.FRESH, 4, new MadeUp(POISONED, 0, t -> t.index() % 2 == 0));
        assertEquals(RunState.COMPLETED, s.state());
        assertNull(s.stopReason());
        assertEquals(40, s.trained());
        assertEquals(20L, s.statuses().get(Status.FAILED));
    }

    @Test
    void aFreshRunIntoAnOccupiedStoreIsRefusedAndChangesNothing() {
        run(MIXED, RunMode.FRESH, 0, new MadeUp(MIXED, 0, t -> false));
        String manifest = store.manifestJson();
        SweepRefused e = assertThrows(SweepRefused.class, () -> run(MIXED, RunMode.FRESH, 0, new MadeUp(MIXED, 0, t -> false)));
        assertEquals("mem:/results already holds results; pass --resume to finish that sweep, --rerun-failed to retrain"
                + " its FAILED trials, --overwrite to replace it, or choose another --out", e.getMessage());
        assertEquals(manifest, store.manifestJson());
    }

    @Test
    void aResumeWithoutAManifestIsRefusedSayingHowToStart() {
        SweepRefused e = assertThrows(SweepRefused.class, () -> run(MIXED, RunMode.RESUME, 0, new MadeUp(MIXED, 0, t -> false)));
        assertEquals("--resume: mem:/results holds no sweep.json, so there is no sweep to continue; run without --resume"
                + " to start one", e.getMessage());
        assertFalse(store.occupied(), "nothing was written");
    }

    @Test
    void aRerunWithAChangedSpecIsRefusedNamingWhatChangedAndChangesNothing() {
        run(MIXED, RunMode.FRESH, 0, new MadeUp(MIXED, 0, t -> true));
        String manifest = store.manifestJson();
        SweepSpec changed = Specs.parse(Specs.MIXED.replace("epochs: 30", "epochs: 31"));
        SweepRefused e = assertThrows(SweepRefused.class,
                () -> run(changed, RunMode.RERUN_FAILED, 0, new MadeUp(changed, 0, t -> false)));
        assertEquals("--rerun-failed: the spec differs from the one mem:/results was started with: training.epochs: was 30,"
                + " now 31. Use the original spec, or start another --out (or --overwrite)", e.getMessage());
        assertEquals(manifest, store.manifestJson());
        assertEquals(8L, store.committedTrials().counts().get(Status.FAILED), "the FAILED trials were not dropped");
    }

    @Test
    void overwriteReplacesWhatTheStoreHeld() {
        run(MIXED, RunMode.FRESH, 0, new MadeUp(MIXED, 0, t -> true));
        Summary s = run(MIXED, RunMode.OVERWRITE, 0, new MadeUp(MIXED, 1000, t -> false));
        assertEquals(8, s.trained());
        assertEquals(0, s.skipped());
        assertEquals(Map.of(Status.NOT_CONVERGED, 8L), store.committedTrials().counts());
        assertEquals(List.of(RunMode.OVERWRITE), store.manifest().orElseThrow().runs().stream().map(RunRecord::mode).toList());
    }

    @Test
    void aSummaryOfARunThatHasNotEndedIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Summary(RunState.RUNNING, null, 1, 0, 0, Map.of(), 0, "mem:/results"));
        assertEquals("a finished run is COMPLETED without a reason or STOPPED with one, found RUNNING with reason null",
                e.getMessage());
    }

    @Test
    void aSummaryListsEveryStatusInTheEnumsOrder() {
        Summary s = new Summary(RunState.COMPLETED, null, 1, 1, 0, Map.of(Status.FAILED, 1L), 0, "mem:/results");
        assertEquals(List.of(Status.values()), List.copyOf(s.statuses().keySet()));
        assertEquals(0L, s.statuses().get(Status.CONVERGED));
    }
}
