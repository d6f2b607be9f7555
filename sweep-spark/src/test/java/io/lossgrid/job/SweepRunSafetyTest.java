package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.RunLock;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepRefused;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.testing.MemoryResultStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The batch loop's safety, without Spark: the run lock, the banner only for an accepted run, and the one-line
 * end of a run stopped by Ctrl-C or by a store that could not be written, each followed by an exact resume.
 */
class SweepRunSafetyTest {
    static final SweepSpec MIXED = SweepRunTest.MIXED;
    static final String BANNER = "[lossgrid] mixed: 8 trials on local[2] (2 task slots)";

    final MemoryResultStore store = new MemoryResultStore("mem:/results");
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final AtomicBoolean interrupted = new AtomicBoolean();

    Summary run(RunMode mode, BatchTraining<List<TrialRow>> training) {
        RunOptions options = new RunOptions("mem:/results", mode, 3, 15, 2, true);
        PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
        return new SweepRun<>(store, log, () -> BANNER, interrupted::get).run(MIXED, SweepRunTest.DATA, options, "local[2]",
                Map.of("lossgrid", "test"), committed -> training);
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** Every trial of the grid committed exactly once, and its epochs with it. */
    void everyTrialCommittedOnce() {
        assertEquals(SweepRunTest.gridIds(MIXED).stream().sorted().toList(),
                store.committedRows().stream().map(r -> r.trial().id()).sorted().toList());
        for (String id : SweepRunTest.gridIds(MIXED)) {
            assertEquals(3, store.committedEpochRows(id), id + "'s epochs are committed once");
        }
    }

    @Test
    void theBannerIsPrintedOnceTheStoreHasAcceptedTheRunAndNeverForARefusedOne() {
        SweepRefused e = assertThrows(SweepRefused.class, () -> run(RunMode.RESUME, made()));
        assertTrue(e.getMessage().startsWith("--resume: mem:/results holds no sweep.json"), e.getMessage());
        assertEquals("", log(), "a refused run prints nothing");
        run(RunMode.FRESH, made());
        assertEquals(BANNER + "\n", log().lines().filter(l -> l.contains("trials on")).findFirst().orElseThrow() + "\n");
        logged.reset();
        assertThrows(SweepRefused.class, () -> run(RunMode.FRESH, made()));
        assertEquals("", log(), "an occupied store refused: no banner");
    }

    @Test
    void aSecondRunWhileTheFirstHoldsTheLockIsRefusedNamingTheOwnerAndChangesNothing() {
        run(RunMode.FRESH, new SweepRunTest.MadeUp(MIXED, 0, t -> false) {
            @Override
            public List<TrialRow> train(int batch, List<Trial> trials) {
                if (batch == 2) {
                    String manifest = store.manifestJson();
                    List<Integer> committed = store.committedBatches();
                    SweepRefused e = assertThrows(SweepRefused.class, () -> run(RunMode.RESUME, made()));
                    assertEquals("mem:/results is in use by another lossgrid run (run 1)", e.getMessage());
                    assertEquals(manifest, store.manifestJson(), "the refused resume touched nothing");
                    assertEquals(committed, store.committedBatches());
                }
                return super.train(batch, trials);
            }
        });
        assertNull(store.lockedBy(), "the lock is given back when the run ends");
        everyTrialCommittedOnce();
        assertEquals(RunState.COMPLETED, store.manifest().orElseThrow().state());
    }

    @Test
    void aRefusedRunGivesTheLockBack() {
        assertThrows(SweepRefused.class, () -> run(RunMode.RESUME, made()));
        assertNull(store.lockedBy());
        try (RunLock lock = store.lock()) {
            assertEquals("run 2", lock.owner());
        }
    }

    @Test
    void ctrlCEndsTheRunAfterWhatIsCommittedInOneLineAndAResumeFinishesIt() {
        SweepRunTest.MadeUp first = new SweepRunTest.MadeUp(MIXED, 0, t -> false) {
            @Override
            public void committed(int batch, BatchCommit commit) {
                super.committed(batch, commit);
                interrupted.set(true);
            }
        };
        RunHalted e = assertThrows(RunHalted.class, () -> run(RunMode.FRESH, first));
        assertEquals(130, e.exitStatus());
        assertEquals("interrupted; 3 of 8 trials are committed in mem:/results; run the same command with --resume"
                + " to continue", e.getMessage());
        assertEquals(List.of(1), store.committedBatches());
        assertNull(store.lockedBy(), "the lock is given back");
        assertTrue(first.closed, "the training is closed");

        interrupted.set(false);
        Summary s = run(RunMode.RESUME, made());
        assertEquals(5, s.trained());
        everyTrialCommittedOnce();
    }

    @Test
    void aCancelledCommitAfterCtrlCEndsTheRunTheSameWay() {
        SweepRunTest.MadeUp first = new SweepRunTest.MadeUp(MIXED, 0, t -> false) {
            @Override
            public List<TrialRow> train(int batch, List<Trial> trials) {
                if (batch == 2) {
                    interrupted.set(true);
                    throw new IllegalStateException("Job 3 cancelled because SparkContext was shut down");
                }
                return super.train(batch, trials);
            }
        };
        RunHalted e = assertThrows(RunHalted.class, () -> run(RunMode.FRESH, first));
        assertEquals(130, e.exitStatus());
        assertTrue(e.getMessage().startsWith("interrupted; 3 of 8 trials are committed"), e.getMessage());
    }

    @Test
    void ctrlCThatCancelsWorkAfterABatchsCommitCountsThatBatchAsCommitted() {
        SweepRunTest.MadeUp first = new SweepRunTest.MadeUp(MIXED, 0, t -> false) {
            @Override
            public void release(List<TrialRow> rows) {
                super.release(rows);
                if (store.committedBatches().size() == 2) {
                    interrupted.set(true);
                    throw new IllegalStateException("Job 7 cancelled as part of cancellation of all jobs");
                }
            }
        };
        RunHalted e = assertThrows(RunHalted.class, () -> run(RunMode.FRESH, first));
        assertEquals(130, e.exitStatus());
        assertEquals(List.of(1, 2), store.committedBatches());
        assertEquals("interrupted; 6 of 8 trials are committed in mem:/results; run the same command with --resume"
                + " to continue", e.getMessage());
    }

    @Test
    void aDiskThatFillsUpMidRunEndsInOneLineSayingWhatIsCommittedAndAResumeIsExact() {
        store.failCommitOf(2, new IOException("No space left on device"));
        RunHalted e = assertThrows(RunHalted.class, () -> run(RunMode.FRESH, made()));
        assertEquals(1, e.exitStatus());
        assertEquals("could not write batch 2 to mem:/results (No space left on device); 3 of 8 trials are committed"
                + " in mem:/results; run the same command with --resume to continue", e.getMessage());
        assertEquals(List.of(1), store.committedBatches());

        store.failCommitOf(-1, null);
        Summary s = run(RunMode.RESUME, made());
        assertEquals(5, s.trained());
        assertEquals(3, s.skipped());
        everyTrialCommittedOnce();
    }

    @Test
    void aDiskThatFillsUpAfterACommitCountsThatBatchAsCommittedAndAResumeIsExact() {
        store.failManifestWritesAfter(2);
        RunHalted e = assertThrows(RunHalted.class, () -> run(RunMode.FRESH, made()));
        assertEquals("could not record batch 2 in sweep.json (No space left on device); 6 of 8 trials are committed"
                + " in mem:/results; run the same command with --resume to continue", e.getMessage());
        assertEquals(List.of(1, 2), store.committedBatches());

        store.failManifestWritesAfter(Integer.MAX_VALUE);
        Summary s = run(RunMode.RESUME, made());
        assertEquals(2, s.trained());
        everyTrialCommittedOnce();
        assertEquals(RunState.COMPLETED, store.manifest().orElseThrow().state());
    }

    @Test
    void aDiskThatFillsUpAtTheRunsEndSaysEveryTrialIsCommitted() {
        store.failManifestWritesAfter(4);
        RunHalted e = assertThrows(RunHalted.class, () -> run(RunMode.FRESH, made()));
        assertEquals("could not record the end of the run in sweep.json (No space left on device); 8 of 8 trials are"
                + " committed in mem:/results; run the same command with --resume to continue", e.getMessage());
        assertEquals(1, e.exitStatus());
    }

    static SweepRunTest.MadeUp made() {
        return new SweepRunTest.MadeUp(MIXED, 0, t -> false);
    }
}
