package io.lossgrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.Trace;
import io.lossgrid.train.TrialResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the iterations of traced results in the commit order the directory keeps. */
class MemoryResultStoreTraceTest {
    static final SweepSpec SPEC = Specs.parse(Specs.MIXED.replace("training: {epochs: 30}",
            "training: {epochs: 30, batchSize: 16, trace: {iterations: 3}}"));

    static TrialRow row(Trial t) {
        TrialMetrics m = new TrialMetrics(Status.NOT_CONVERGED, 2, 1.0, 0.25, 0.25, null, null, null, null, null, null, 0, 0);
        Trace trace = new Trace(new int[] {1, 1, 1}, new double[] {1, 0.9, 0.8}, new double[] {2, 1.8, 1.6});
        return new TrialRow(new TrialResult(t, m, new double[] {1, 0.5, 0.25}, new double[] {2, 1, 0.5}, null, 1,
                "single", trace, null), SPEC.training(), "test", 0);
    }

    @Test
    void aBatchCrashedAfterItsEpochsHasNoIterationsAndTheBatchTrainedAgainAddsThemOnce() {
        List<Trial> trials = AllTrials.of(SPEC);
        MemoryResultStore store = new MemoryResultStore("mem:/traced");
        store.commit(1, List.of(row(trials.get(0))));
        store.crashAfterEpochsOf(2);
        assertThrows(MemoryResultStore.InjectedCrash.class, () -> store.commit(2, List.of(row(trials.get(1)))));
        assertEquals(List.of(1), store.iterationBatches(), "the crash came before batch 2's iterations");
        assertEquals(0, store.committedIterationRows(trials.get(1).id()));
        assertEquals(1, store.removeUncommitted());
        store.crashAfterEpochsOf(-1); // the driver that crashed is gone; the next one commits
        store.commit(store.nextBatch(), List.of(row(trials.get(1))));
        assertEquals(3, store.committedIterationRows(trials.get(0).id()));
        assertEquals(3, store.committedIterationRows(trials.get(1).id()));
    }
}
