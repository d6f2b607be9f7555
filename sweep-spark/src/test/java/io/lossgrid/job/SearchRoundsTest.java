package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.search.BoundaryStrategy;
import io.lossgrid.search.Bracket;
import io.lossgrid.search.Finished;
import io.lossgrid.search.SearchState;
import io.lossgrid.search.Strategy;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.BatchCommit;
import io.lossgrid.store.RoundRecord;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.testing.MemoryResultStore;
import io.lossgrid.testing.Specs;
import io.lossgrid.train.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The driver's rounds ({@link SearchRounds} in {@link SweepRun}'s batch loop), without Spark: an in-memory store
 * and made-up training whose runs diverge exactly above α·lr = 1, so every bracket must close around 1/α. The
 * state is read back from the store before every round, so a driver killed in any batch and resumed must end
 * where an uninterrupted one does.
 */
class SearchRoundsTest {
    static final SweepSpec BOUNDARY = Specs.parse("""
            name: boundary
            data: {synthetic: {generator: linear, samples: 16}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 5}
            grid: {alpha: [0.1, 1, 10], optimizer: [sgd], seed: [1, 2]}
            search: {strategy: boundary, learningRate: {log: [1.0e-4, 1.0e+4]}, precision: 1.05, budget: 400}
            """);
    static final SweepSpec RANDOM = Specs.parse("""
            name: random
            data: {synthetic: {generator: linear, samples: 16}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 5}
            grid: {optimizer: [sgd, adam], seed: [1]}
            search: {strategy: random, trials: 6, seed: 4, learningRate: {log: [1.0e-4, 1]}, alpha: {log: [0.1, 10]}}
            """);
    static final List<Map<String, Object>> DATA = List.of(Map.of("name", "synthetic", "sha256", "0123"));

    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    /** Made-up training: DIVERGED above α·lr = 1, NOT_CONVERGED at or below; records each batch's trials. */
    static final class Threshold implements BatchTraining<List<TrialRow>> {
        final SweepSpec spec;
        final List<List<Trial>> batches = new ArrayList<>();

        Threshold(SweepSpec spec) {
            this.spec = spec;
        }

        @Override
        public int parallelism() {
            return 6;
        }

        @Override
        public List<TrialRow> train(int batch, List<Trial> trials) {
            batches.add(trials);
            List<TrialRow> rows = new ArrayList<>();
            for (Trial t : trials) {
                boolean diverged = t.effectiveLearningRate() > 1;
                TrialMetrics m = new TrialMetrics(diverged ? Status.DIVERGED : Status.NOT_CONVERGED, 2, 1.0, 0.25, 0.25,
                        null, null, null, null, null, null, 0, 0);
                rows.add(new TrialRow(new TrialResult(t, m, new double[] {1, 0.5, 0.25}, new double[] {2, 1, 0.5}, null,
                        1, "single"), spec.training(), "test", 0));
            }
            return rows;
        }

        @Override
        public void release(List<TrialRow> rows) {
        }

        @Override
        public void committed(int batch, BatchCommit commit) {
        }

        @Override
        public void close() {
        }
    }

    Summary run(MemoryResultStore store, SweepSpec spec, RunMode mode, int batchTrials, Threshold training) {
        RunOptions options = new RunOptions("mem:/results", mode, batchTrials, 15, 2, true);
        PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
        return new SweepRun<>(store, log).run(spec, DATA, options, "local[2]", Map.of("lossgrid", "test"),
                committed -> training);
    }

    static List<Bracket> brackets(SweepSpec spec, MemoryResultStore store) {
        return ((BoundaryStrategy) Strategy.of(spec)).brackets(SearchState.of(store.finishedTrials()));
    }

    /** The committed rows by id, the fields a search reads. */
    static List<Finished> rows(MemoryResultStore store) {
        return store.finishedTrials().stream().sorted(Comparator.comparing(Finished::trialId)).toList();
    }

    @Test
    void aBoundarySearchRunsRoundByRoundUntilEveryBracketClosesAroundTheThreshold() {
        MemoryResultStore store = new MemoryResultStore("mem:/results");
        Threshold training = new Threshold(BOUNDARY);
        Summary s = run(store, BOUNDARY, RunMode.FRESH, 0, training);

        assertEquals(RunState.COMPLETED, s.state());
        List<Bracket> brackets = brackets(BOUNDARY, store);
        assertEquals(3, brackets.size());
        for (Bracket b : brackets) {
            double alpha = b.cell().alpha();
            assertEquals(Bracket.Kind.BRACKETED, b.kind(), b.describe());
            assertTrue(alpha * b.stable() <= 1 && 1 < alpha * b.unstable() && b.ratio() < 1.05,
                    "alpha " + alpha + ": " + b.describe());
        }
        for (List<Trial> batch : training.batches) {
            assertEquals(1, batch.stream().mapToInt(Trial::round).distinct().count(), "a batch holds one round's trials");
        }
        SweepManifest m = store.manifest().orElseThrow();
        int rounds = SearchState.of(store.finishedTrials()).lastRound() + 1;
        assertTrue(rounds >= 3, "several rounds: " + rounds);
        assertEquals(rounds, m.rounds().size());
        for (RoundRecord r : m.rounds()) {
            assertEquals(store.finishedTrials().stream().filter(f -> f.round() == r.round()).count(), r.trials());
        }
        assertEquals(3, m.rounds().get(0).openBrackets(), "after the range's ends every alpha's bracket is open");
        assertEquals(0, m.rounds().get(rounds - 1).openBrackets());
        assertEquals(s.trained(), m.rounds().stream().mapToInt(RoundRecord::trials).sum());
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("[lossgrid] round 1: "), logged.toString());
    }

    @Test
    void aDriverKilledInAnyBatchAndResumedEndsWithTheSameTrialsBracketsAndRounds() {
        MemoryResultStore whole = new MemoryResultStore("mem:/results");
        run(whole, BOUNDARY, RunMode.FRESH, 4, new Threshold(BOUNDARY));
        int batches = whole.committedBatches().size();
        assertTrue(batches >= 6, "batches to be killed in: " + batches);

        for (int killedIn = 2; killedIn <= batches; killedIn += 3) {
            MemoryResultStore store = new MemoryResultStore("mem:/results");
            store.crashAfterEpochsOf(killedIn);
            assertThrows(MemoryResultStore.InjectedCrash.class,
                    () -> run(store, BOUNDARY, RunMode.FRESH, 4, new Threshold(BOUNDARY)));
            assertEquals(killedIn - 1, store.committedBatches().size(), "killed in batch " + killedIn);
            store.crashAfterEpochsOf(-1);
            Summary s = run(store, BOUNDARY, RunMode.RESUME, 4, new Threshold(BOUNDARY));

            assertEquals(RunState.COMPLETED, s.state(), "killed in batch " + killedIn);
            assertEquals(rows(whole), rows(store), "killed in batch " + killedIn);
            assertEquals(brackets(BOUNDARY, whole), brackets(BOUNDARY, store), "killed in batch " + killedIn);
            assertEquals(whole.manifest().orElseThrow().rounds(), store.manifest().orElseThrow().rounds(),
                    "killed in batch " + killedIn);
        }
    }

    @Test
    void aRandomSearchTrainsTheSameTrialsWithTheSameIdsTwiceAsOneRound() {
        List<List<String>> ids = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            MemoryResultStore store = new MemoryResultStore("mem:/results");
            Threshold training = new Threshold(RANDOM);
            run(store, RANDOM, RunMode.FRESH, 5, training);
            ids.add(training.batches.stream().flatMap(List::stream).map(Trial::id).toList());
            assertTrue(store.finishedTrials().stream().allMatch(f -> f.round() == 0), "one round, round 0");
            assertEquals(List.of(), store.manifest().orElseThrow().rounds(), "a random search records no rounds");
        }
        assertEquals(12, ids.get(0).size());
        assertEquals(12, ids.get(0).stream().distinct().count());
        assertEquals(ids.get(0), ids.get(1));
    }
}
