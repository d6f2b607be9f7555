package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.TrainingPlan;
import io.lossgrid.train.TrialResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * A task's memory: trials trained in chunks bounded by {@link TrialMemory}, pulled as Spark writes them,
 * and an {@link OutOfMemoryError} of a chunk or a trial turned into retries and FAILED rows (made up here by
 * a chunk trainer that throws it, without exhausting a real heap).
 */
class TrainPartitionTest {
    static final SweepSpec SPEC = SweepRunTest.MIXED;
    static final TrainingPlan PLAN = new TrainingPlan(SPEC.training(), SPEC.convergence(), Map.of());
    static final long GIB = 1L << 30;

    final LongAccumulator done = new LongAccumulator();
    final LongAccumulator diverged = new LongAccumulator();
    final LongAccumulator failed = new LongAccumulator();
    /** The chunks the made-up trainer was given, as trial indexes. */
    final List<List<Integer>> chunks = new ArrayList<>();

    static TrialResult converged(Trial t) {
        TrialMetrics m = new TrialMetrics(Status.NOT_CONVERGED, 2, 1.0, 0.25, 0.25, null, null, null, null, null, null, 0, 0);
        return new TrialResult(t, m, new double[] {1, 0.5, 0.25}, new double[] {2, 1, 0.5}, null, 1, "single");
    }

    TrainPartition partition(TrainPartition.Chunk chunk) {
        return new TrainPartition(PLAN, true, done, diverged, failed, (trials, packing, maxPack, sink) -> {
            chunks.add(trials.stream().map(Trial::index).toList());
            chunk.train(trials, packing, maxPack, sink);
        });
    }

    @Test
    void aPackOfAMillionEpochTrialsIsBoundedByTheHeapNotByThePackSize() {
        TrialMemory memory = new TrialMemory(1_000_000, 4 * GIB, 16);
        assertEquals(32_000_032, memory.trialBytes());
        assertEquals(64 * (1L << 20), memory.taskBudget());
        assertEquals(2, memory.maxPack(), "a 1,024-trial pack would need 32 GB");
        assertEquals(512, new TrialMemory(100, 4 * GIB, 16).maxPack(), "short trials keep the full pack");
        assertEquals(1, new TrialMemory(1_000_000, 256L << 20, 16).maxPack(), "at least one trial");
    }

    @Test
    void anAutomaticPackOfNetworksTakesAQuarterOfItsSlotsHeapShareUpTo64MiB() {
        assertEquals(64L << 20, new TrialMemory(100, 4 * GIB, 16).packBytes(), "4 GiB / 16 slots / 4");
        assertEquals(16L << 20, new TrialMemory(100, 1 * GIB, 16).packBytes(), "a smaller share");
        assertEquals(64L << 20, new TrialMemory(100, 6 * GIB, 2).packBytes(), "a 768 MiB share, capped");
        assertEquals(1L << 20, new TrialMemory(100, 32L << 20, 16).packBytes(), "at least 1 MiB");
    }

    @Test
    void aTaskTrainsAChunkAtATimeAsItsRowsArePulled() {
        TrialMemory memory = new TrialMemory(1_000_000, 4 * GIB, 16);
        Iterator<TrialRow> rows = partition((trials, packing, maxPack, sink) -> trials.forEach(t -> sink.accept(converged(t))))
                .rows(SweepRunTest.all(SPEC).iterator(), memory, "test");
        assertEquals(0, rows.next().trial().index());
        assertEquals(List.of(List.of(0, 1)), chunks, "only the first chunk is trained before its rows are taken");
        List<Integer> rest = new ArrayList<>();
        rows.forEachRemaining(r -> rest.add(r.trial().index()));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), rest);
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5), List.of(6, 7)), chunks);
        assertEquals(8, done.value());
    }

    @Test
    void aChunkThatRunsOutOfMemoryIsTrainedAgainOneTrialAtATimeAndATrialThatRunsOutAloneIsFailed() {
        TrialMemory memory = new TrialMemory(1_000_000, 8 * GIB, 16);
        List<TrialRow> rows = new ArrayList<>();
        partition((trials, packing, maxPack, sink) -> {
            if (trials.size() > 1) {
                sink.accept(converged(trials.get(0)));
                throw new OutOfMemoryError("Java heap space");
            }
            if (trials.get(0).index() == 2) {
                throw new OutOfMemoryError("Java heap space");
            }
            sink.accept(converged(trials.get(0)));
        }).rows(SweepRunTest.all(SPEC).iterator(), memory, "test").forEachRemaining(rows::add);

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), rows.stream().map(r -> r.trial().index()).sorted().toList(),
                "every trial once; none lost with the chunk");
        TrialRow oom = rows.stream().filter(r -> r.trial().index() == 2).findFirst().orElseThrow();
        assertEquals(Status.FAILED, oom.metrics().status());
        assertEquals("java.lang.OutOfMemoryError: Java heap space (a trial of 1000000 epochs needs 30.5 MiB for its"
                + " curves; a task's share of the 8192 MiB heap is 128.0 MiB)", oom.result().error());
        rows.stream().filter(r -> r.trial().index() != 2)
                .forEach(r -> assertNull(r.result().error(), r.trial().id() + " trained"));
        assertTrue(chunks.contains(List.of(1)), "the chunk's untrained trial was trained alone: " + chunks);
        assertEquals(1, failed.value());
    }
}
